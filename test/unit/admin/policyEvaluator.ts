// The authorizations Bedrock makes for the calls discovery and Claude Code make, and their
// evaluation against a policy document by @cloud-copilot/iam-simulate — a maintained IAM
// evaluator (identity policies, SCPs, every condition operator, policy variables), so the
// generated permission-set policy is checked by IAM's rules as someone else implemented them,
// not by an evaluator of our own. The emulator evaluates role policy documents the same way
// (test/emulator/policyDocuments.ts).
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';

export interface PolicyStatementLike {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PolicyLike {
  readonly Version: string;
  readonly Statement: readonly PolicyStatementLike[];
}

export interface AuthorizationRequest {
  readonly action: string;
  readonly resource: string;
  /** Condition keys of the request: aws:PrincipalTag/K, aws:ResourceTag/K, aws:RequestedRegion, bedrock:InferenceProfileArn, … */
  readonly context: Readonly<Record<string, string | undefined>>;
}

export interface Decision {
  readonly allowed: boolean;
  /** Sids of the statements that decided (the Allow that matched, or the Deny). */
  readonly by: readonly string[];
}

const ACCOUNT = '111122223333';
const PRINCIPAL = `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_BedrockDeveloper_0123456789abcdef/alice`;

/**
 * One authorization, decided by @cloud-copilot/iam-simulate (the same evaluator the emulator
 * uses for policy documents). Every resource is treated as the caller's own account's (AWS
 * foundation models have no account, and a foreign account would need a resource policy).
 */
export async function evaluate(policy: PolicyLike, request: AuthorizationRequest): Promise<Decision> {
  const contextVariables = Object.fromEntries(Object.entries(request.context).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const simulation = {
    identityPolicies: [{ name: 'permission-set', policy }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    request: { action: request.action, principal: PRINCIPAL, resource: { accountId: ACCOUNT, resource: request.resource }, contextVariables },
  } as unknown as Simulation;
  const outcome = await runSimulation(simulation, {});
  if (outcome.resultType === 'error') throw new Error(`iam-simulate refused ${request.action} on ${request.resource}: ${JSON.stringify(outcome.errors)}`);
  const identity = outcome.resultType === 'single' ? outcome.result.analysis.identityAnalysis : undefined;
  const sids = (statements: readonly { statement: { sid(): string | undefined } }[] | undefined): string[] => (statements ?? []).map((s) => s.statement.sid() ?? '(no Sid)');
  return outcome.overallResult === 'Allowed' ? { allowed: true, by: sids(identity?.allowStatements) } : { allowed: false, by: sids(identity?.denyStatements) };
}

/** A call is allowed when every authorization it needs is allowed. */
export async function evaluateAll(policy: PolicyLike, requests: readonly AuthorizationRequest[]): Promise<{ allowed: boolean; denied: readonly AuthorizationRequest[] }> {
  const decisions = await Promise.all(requests.map((r) => evaluate(policy, r)));
  const denied = requests.filter((_, i) => decisions[i]?.allowed !== true);
  return { allowed: denied.length === 0, denied };
}

// ---------------------------------------------------------------------------------------
// How Bedrock authorizes the calls discovery and Claude Code make (AWS_FACTS.md, Bedrock docs).

export interface Principal {
  readonly tags: Readonly<Record<string, string>>;
}

export interface ProfileResource {
  readonly arn: string;
  readonly tags: Readonly<Record<string, string>>;
}

function principalContext(principal: Principal, region: string): Record<string, string> {
  return { 'aws:RequestedRegion': region, ...Object.fromEntries(Object.entries(principal.tags).map(([k, v]) => [`aws:PrincipalTag/${k}`, v])) };
}

function resourceContext(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:ResourceTag/${k}`, v]));
}

export const bedrockAuthorization = {
  /** ListInferenceProfiles has no resource type: IAM evaluates it against `*`. */
  list(principal: Principal, region: string): AuthorizationRequest[] {
    return [{ action: 'bedrock:ListInferenceProfiles', resource: '*', context: principalContext(principal, region) }];
  },
  /** GetInferenceProfile / ListTagsForResource on one profile (its tags are in the context). */
  onProfile(action: 'bedrock:GetInferenceProfile' | 'bedrock:ListTagsForResource', principal: Principal, region: string, profile: ProfileResource): AuthorizationRequest[] {
    return [{ action, resource: profile.arn, context: { ...principalContext(principal, region), ...resourceContext(profile.tags) } }];
  },
  /**
   * Invoking an application profile: the profile itself, the system profile it copies,
   * and the foundation model in every region the system profile routes to — the last two
   * with `bedrock:InferenceProfileArn` set to the application profile.
   */
  invokeThroughApplicationProfile(
    action: 'bedrock:InvokeModel' | 'bedrock:InvokeModelWithResponseStream',
    principal: Principal,
    region: string,
    profile: ProfileResource,
    systemProfileArn: string,
    modelArns: readonly string[],
  ): AuthorizationRequest[] {
    const base = principalContext(principal, region);
    const via = { ...base, 'bedrock:InferenceProfileArn': profile.arn };
    return [
      { action, resource: profile.arn, context: { ...base, ...resourceContext(profile.tags) } },
      { action, resource: systemProfileArn, context: via },
      ...modelArns.map((resource) => ({ action, resource, context: via })),
    ];
  },
  /** Invoking a system-defined profile directly: the profile, then its models with the system profile as InferenceProfileArn. */
  invokeSystemProfile(action: 'bedrock:InvokeModel' | 'bedrock:InvokeModelWithResponseStream', principal: Principal, region: string, systemProfileArn: string, modelArns: readonly string[]): AuthorizationRequest[] {
    const base = principalContext(principal, region);
    return [{ action, resource: systemProfileArn, context: base }, ...modelArns.map((resource) => ({ action, resource, context: { ...base, 'bedrock:InferenceProfileArn': systemProfileArn } }))];
  },
  /** Invoking a foundation model by id: no inference profile involved. */
  invokeModelDirectly(action: 'bedrock:InvokeModel' | 'bedrock:InvokeModelWithResponseStream', principal: Principal, region: string, modelArn: string): AuthorizationRequest[] {
    return [{ action, resource: modelArn, context: principalContext(principal, region) }];
  },
  other(action: string, resource: string, principal: Principal, region: string): AuthorizationRequest[] {
    return [{ action, resource, context: principalContext(principal, region) }];
  },
};
