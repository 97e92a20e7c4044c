import type { EffectiveSettings } from '../orgDefaults/effectiveSettings';
import type { PermissionSetPolicyOptions } from './permissionSetPolicy';

/**
 * The policy that fits the organisation's settings: its tag keys, allowed regions and
 * account. Only Cost Explorer as the chosen cost source opts developers into the
 * (account-wide) cost read; `auto` falls back to the local estimate without it.
 */
export function policyOptionsFromSettings(effective: EffectiveSettings): PermissionSetPolicyOptions {
  const developer = effective.developerTagKey.value ?? 'DeveloperId';
  const team = effective.teamTagKey.value ?? 'Team';
  return {
    tagKeys: developer === team ? [developer] : [developer, team],
    ...(effective.allowedRegions.value ? { regions: effective.allowedRegions.value } : {}),
    ...(effective.accountId.value !== undefined ? { accountId: effective.accountId.value } : {}),
    allowCostExplorer: effective.costSource.value === 'costExplorer',
  };
}
