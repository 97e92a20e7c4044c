// Authorisation by real IAM policy documents, for worlds that give a role a `policyDocument`
// (e.g. the permission-set policy `bedrock-onboard admin policy` emits) or the organisation
// `serviceControlPolicies`. Evaluation is @cloud-copilot/iam-simulate's (identity policies,
// SCPs, every condition operator, policy variables), not rules of our own; the denial is
// worded as IAM words it (IAM User Guide, "Troubleshoot access denied error messages";
// /work/shared/AWS_FACTS.md "Field behaviour"), so the product's parsing meets real text.
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { Caller } from './identity';
import { ServiceError } from './wire';
import type { World } from './world';

export interface AuthorizationQuestion {
  readonly action: string;
  /** The ARN IAM evaluates; `*` for actions without a resource type (ListInferenceProfiles). */
  readonly resource: string;
  /** The ARN the denial names, when it differs from `resource` (the emulator's habit for `*`). */
  readonly shownResource?: string;
  readonly region: string;
  readonly resourceTags?: Readonly<Record<string, string>>;
  /** Tags in the request (TagResource / a tagged Create): aws:RequestTag/K and aws:TagKeys. */
  readonly requestTags?: Readonly<Record<string, string>>;
}

/** Whether the caller is governed by policy documents rather than the world's switches. */
export function usesPolicyDocuments(world: World, caller: Caller): boolean {
  return policyDocumentOf(world, caller) !== undefined || (world.serviceControlPolicies?.length ?? 0) > 0;
}

function policyDocumentOf(world: World, caller: Caller): object | undefined {
  if (caller.kind !== 'role') return undefined;
  return world.roles.find((r) => r.name === caller.roleName)?.policyDocument;
}

/**
 * The session's principal tags: the user's attributes, unless the world says IAM Identity
 * Center has no *attributes for access control* mapping (then the session carries none).
 */
export function principalTagsOf(world: World, caller: Caller): Record<string, string> {
  return world.attributesForAccessControl === false ? {} : caller.attributes;
}

/** Resolves when allowed; throws AccessDeniedException with IAM's wording otherwise. */
export async function authorizeWithDocuments(world: World, caller: Caller, question: AuthorizationQuestion): Promise<void> {
  const context: Record<string, string | string[]> = { 'aws:RequestedRegion': question.region, 'aws:PrincipalAccount': caller.accountId, 'aws:PrincipalArn': caller.arn };
  for (const [key, value] of Object.entries(principalTagsOf(world, caller))) context[`aws:PrincipalTag/${key}`] = value;
  for (const [key, value] of Object.entries(question.resourceTags ?? {})) context[`aws:ResourceTag/${key}`] = value;
  if (question.requestTags) {
    for (const [key, value] of Object.entries(question.requestTags)) context[`aws:RequestTag/${key}`] = value;
    context['aws:TagKeys'] = Object.keys(question.requestTags);
  }
  const document = policyDocumentOf(world, caller);
  const simulation = {
    identityPolicies: document === undefined ? [] : [{ name: 'permission-set', policy: document }],
    serviceControlPolicies: (world.serviceControlPolicies ?? []).length === 0 ? [] : [{ orgIdentifier: 'o-emulator01', policies: (world.serviceControlPolicies ?? []).map((policy, i) => ({ name: `scp-${i}`, policy })) }],
    resourceControlPolicies: [],
    request: { action: question.action, principal: caller.arn, resource: { accountId: caller.accountId, resource: question.resource }, contextVariables: context },
  } as unknown as Simulation;
  const outcome = await runSimulation(simulation, {});
  if (outcome.resultType === 'error') throw new Error(`iam-simulate refused the question ${question.action} on ${question.resource}: ${JSON.stringify(outcome.errors)}`);
  if (outcome.overallResult === 'Allowed') return;
  const analysis = outcome.resultType === 'single' ? outcome.result.analysis : undefined;
  const scp = analysis?.scpAnalysis?.result;
  const identity = analysis?.identityAnalysis?.result;
  const shown = question.shownResource ?? question.resource;
  const head = `User: ${caller.arn} is not authorized to perform: ${question.action} on resource: ${shown}`;
  let why: string;
  if (identity === 'ExplicitlyDenied') why = 'with an explicit deny in an identity-based policy';
  else if (scp === 'ExplicitlyDenied') why = 'with an explicit deny in a service control policy';
  else if (scp === 'ImplicitlyDenied') why = `because no service control policy allows the ${question.action} action`;
  else why = `because no identity-based policy allows the ${question.action} action`;
  throw new ServiceError('AccessDeniedException', 403, `${head} ${why}`);
}
