// A small IAM identity-policy evaluator for the subset the generated permission-set policy
// uses: Allow/Deny statements, Action and Resource with * and ? wildcards, and the
// condition operators StringEquals, StringLike, ArnEquals, ArnLike and Null, with policy
// variables (${aws:PrincipalTag/K}). It follows IAM's documented rules:
// an explicit Deny wins, otherwise any matching Allow, otherwise an implicit deny; a
// condition key missing from the request makes a String*/Arn* condition false; a policy
// variable that cannot be resolved makes its condition false.
//
// ARN patterns are matched component by component (partition, service, region, account,
// resource), as IAM does for ArnLike, so a wildcard cannot stretch across a colon that
// separates components — stricter than Resource matching needs, so a policy that passes
// here passes in IAM.
//
// The emulator (test/emulator) models permissions with switches (allow / abac / deny per
// action); it could evaluate a real policy document instead by building an
// `AuthorizationRequest` per call (see bedrockAuthorization below) and calling `evaluate`.

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

const SUPPORTED_OPERATORS = new Set(['StringEquals', 'StringLike', 'ArnEquals', 'ArnLike', 'Null']);

const asList = (value: string | readonly string[] | undefined): readonly string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);

/** `*` any run of characters, `?` one character; everything else literal. */
export function globMatches(pattern: string, value: string, caseInsensitive = false): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's').test(value);
}

function arnComponents(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(1, 5), parts.slice(5).join(':')];
}

export function arnMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const want = arnComponents(pattern);
  const have = arnComponents(arn);
  if (!want || !have) return false;
  return want.every((part, index) => globMatches(part, have[index] ?? ''));
}

/** Replaces ${key} with the request's value; undefined when a variable has no value. */
function substitute(text: string, context: AuthorizationRequest['context']): string | undefined {
  const missing: string[] = [];
  const result = text.replace(/\$\{([^}]+)\}/g, (_, key: string) => {
    const value = context[key];
    if (value === undefined) missing.push(key);
    return value ?? '';
  });
  return missing.length > 0 ? undefined : result;
}

function conditionHolds(operator: string, key: string, expected: readonly string[], request: AuthorizationRequest): boolean {
  if (!SUPPORTED_OPERATORS.has(operator)) throw new Error(`policyEvaluator: unsupported condition operator ${operator}`);
  const actual = request.context[key];
  if (operator === 'Null') return expected.some((e) => (e === 'true') === (actual === undefined));
  if (actual === undefined) return false;
  return expected.some((raw) => {
    const value = substitute(raw, request.context);
    if (value === undefined) return false;
    switch (operator) {
      case 'StringEquals':
      case 'ArnEquals':
        return value === actual;
      case 'StringLike':
        return globMatches(value, actual);
      default:
        return arnMatches(value, actual);
    }
  });
}

function statementApplies(statement: PolicyStatementLike, request: AuthorizationRequest): boolean {
  if (statement.NotAction !== undefined) throw new Error('policyEvaluator: NotAction is not supported');
  const actionMatches = asList(statement.Action).some((pattern) => globMatches(pattern, request.action, true));
  if (!actionMatches) return false;
  const resourceMatches = asList(statement.Resource).some((pattern) => arnMatches(pattern, request.resource));
  if (!resourceMatches) return false;
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => conditionHolds(operator, key, asList(expected), request)),
  );
}

export function evaluate(policy: PolicyLike, request: AuthorizationRequest): Decision {
  const matching = policy.Statement.filter((s) => statementApplies(s, request));
  const denies = matching.filter((s) => s.Effect === 'Deny');
  if (denies.length > 0) return { allowed: false, by: denies.map((s) => s.Sid ?? '(no Sid)') };
  const allows = matching.filter((s) => s.Effect === 'Allow');
  return { allowed: allows.length > 0, by: allows.map((s) => s.Sid ?? '(no Sid)') };
}

/** A call is allowed when every authorization it needs is allowed. */
export function evaluateAll(policy: PolicyLike, requests: readonly AuthorizationRequest[]): { allowed: boolean; denied: readonly AuthorizationRequest[] } {
  const denied = requests.filter((r) => !evaluate(policy, r).allowed);
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
