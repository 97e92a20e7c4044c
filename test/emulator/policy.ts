// Authorization: the per-role/per-user policy switches of the world, ABAC on application
// inference profiles, and the AccessDenied messages AWS writes (the product shows them and
// extracts the missing action from them, so the wording follows IAM's).
import type { Caller } from './identity';
import { ServiceError } from './wire';
import type { AbacSwitch, PolicySwitches, Switch, World } from './world';

export const DEFAULT_ABAC_TAG_KEYS = ['Team', 'DeveloperId'];

/** Merges policy layers (default → role → user); later layers win, absent means deny. */
export function effectivePolicy(layers: PolicySwitches[]): Required<PolicySwitches> {
  const merged: PolicySwitches = {};
  for (const layer of layers) Object.assign(merged, stripUndefined(layer));
  const get = merged.getInferenceProfile ?? 'deny';
  const invoke = merged.invoke ?? 'deny';
  const create = merged.createInferenceProfile ?? 'deny';
  return {
    listInferenceProfiles: merged.listInferenceProfiles ?? 'deny',
    getInferenceProfile: get,
    listTagsForResource: merged.listTagsForResource ?? get,
    invoke,
    invokeSystemProfiles: merged.invokeSystemProfiles ?? (invoke === 'allow' ? 'allow' : 'deny'),
    createInferenceProfile: create,
    deleteInferenceProfile: merged.deleteInferenceProfile ?? create,
    costExplorer: merged.costExplorer ?? 'deny',
  };
}

function stripUndefined(layer: PolicySwitches): PolicySwitches {
  return Object.fromEntries(Object.entries(layer).filter(([, v]) => v !== undefined));
}

/** ABAC: every configured tag key must be present on the resource and equal the caller's attribute. */
export function abacMatches(world: World, caller: Caller, resourceTags: Record<string, string> | undefined): boolean {
  if (resourceTags === undefined) return false;
  const keys = world.abacTagKeys ?? DEFAULT_ABAC_TAG_KEYS;
  if (world.attributesForAccessControl === false) return false;
  return keys.every((key) => {
    const mine = caller.attributes[key];
    return mine !== undefined && resourceTags[key] === mine;
  });
}

/**
 * Decides one switch. `resourceTags` undefined means the resource carries no tags (system
 * profiles, foundation models, or a resource that does not exist), which an ABAC condition
 * on aws:ResourceTag never matches.
 */
export function allows(world: World, caller: Caller, value: AbacSwitch | Switch, resourceTags?: Record<string, string>): boolean {
  if (value === 'allow') return true;
  if (value === 'deny') return false;
  return abacMatches(world, caller, resourceTags);
}

export function accessDeniedMessage(callerArn: string, action: string, resource: string): string {
  return `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
}

export function accessDenied(caller: Caller, action: string, resource: string, status = 403): ServiceError {
  return new ServiceError('AccessDeniedException', status, accessDeniedMessage(caller.arn, action, resource));
}
