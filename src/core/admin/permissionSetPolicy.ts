import { UserFacingError } from '../runtime/userFacingError';
import { isUsableTagKey } from '../orgDefaults/awsTags';
import { validateAccountId } from '../validation/accountId';
import { validateRegion } from '../validation/awsRegion';

export interface IamStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface IamPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly IamStatement[];
}

export interface PermissionSetPolicyOptions {
  /** Tag keys that must match between profile and principal (ABAC). Default DeveloperId, Team. */
  readonly tagKeys?: readonly string[];
  /** Regions where developers list, read and invoke their profiles. Default: any. */
  readonly regions?: readonly string[];
  /** The account holding the profiles. Default: any (`*`). */
  readonly accountId?: string;
  /** Add `ce:GetCostAndUsage` for the status-bar spend (account-wide: see the explanation). */
  readonly allowCostExplorer?: boolean;
  /**
   * Let developers invoke system-defined Claude profiles directly (Claude Code's start-up
   * probes, and any model it is not told to reach through an application profile).
   * Off by default: such calls bypass the per-developer profiles and their cost tags.
   */
  readonly allowDirectSystemProfileInvoke?: boolean;
  /** Keep the seed's Marketplace statement that lets Bedrock subscribe on first use. Default true. */
  readonly allowMarketplaceSubscription?: boolean;
}

export const DEFAULT_POLICY_TAG_KEYS: readonly string[] = ['DeveloperId', 'Team'];
/** IAM Identity Center's limit for a permission set's inline policy. */
export const MAX_INLINE_POLICY_CHARS = 32_768;

const INVOKE = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
export const POLICY_STATEMENT_IDS = {
  list: 'ListInferenceProfiles',
  ownProfiles: 'UseOwnApplicationInferenceProfiles',
  modelsThroughProfiles: 'InvokeClaudeOnlyThroughApplicationProfiles',
  readSystemProfiles: 'ReadSystemDefinedInferenceProfiles',
  directSystemProfiles: 'InvokeSystemDefinedClaudeProfilesDirectly',
  directModels: 'InvokeClaudeModelsThroughSystemProfiles',
  costExplorer: 'ReadCostAndUsage',
  marketplace: 'AllowMarketplaceSubscriptionThroughBedrock',
} as const;

/**
 * The inline policy for the developers' IAM Identity Center permission set: what this
 * extension's discovery and Claude Code itself need, and nothing else.
 *
 * What the seed policy got wrong, and this fixes: ListInferenceProfiles has no resource
 * type, so it must be granted on `*` (an ABAC condition on it never matches);
 * GetInferenceProfile and ListTagsForResource were missing (discovery and Claude Code
 * call them); and the foundation models behind an application profile were granted
 * unconditionally, so anyone could call them directly — here only calls made through
 * an application profile (`bedrock:InferenceProfileArn`) reach them.
 */
export function generatePermissionSetPolicy(options: PermissionSetPolicyOptions = {}): IamPolicyDocument {
  const tagKeys = options.tagKeys ?? DEFAULT_POLICY_TAG_KEYS;
  const account = options.accountId ?? '*';
  const regions = options.regions && options.regions.length > 0 ? options.regions : ['*'];
  checkOptions(tagKeys, options.regions ?? [], account);

  const inRegions = (resource: string): string[] => regions.map((region) => `arn:aws:bedrock:${region}:${account}:${resource}`);
  const regionCondition = options.regions && options.regions.length > 0 ? { StringEquals: { 'aws:RequestedRegion': [...options.regions] } } : undefined;
  const anyApplicationProfile = `arn:aws:bedrock:*:${account}:application-inference-profile/*`;
  const claudeModels = 'arn:aws:bedrock:*::foundation-model/anthropic.claude-*';
  const claudeSystemProfiles = `arn:aws:bedrock:*:${account}:inference-profile/*anthropic.claude-*`;

  const statements: IamStatement[] = [
    {
      Sid: POLICY_STATEMENT_IDS.list,
      Effect: 'Allow',
      Action: 'bedrock:ListInferenceProfiles',
      Resource: '*',
      ...(regionCondition ? { Condition: regionCondition } : {}),
    },
    {
      Sid: POLICY_STATEMENT_IDS.ownProfiles,
      Effect: 'Allow',
      Action: ['bedrock:GetInferenceProfile', 'bedrock:ListTagsForResource', ...INVOKE],
      Resource: inRegions('application-inference-profile/*'),
      Condition: { StringEquals: Object.fromEntries(tagKeys.map((key) => [`aws:ResourceTag/${key}`, `\${aws:PrincipalTag/${key}}`])) },
    },
    {
      Sid: POLICY_STATEMENT_IDS.modelsThroughProfiles,
      Effect: 'Allow',
      Action: INVOKE,
      // Every region: a cross-region profile routes to regions the developer never names.
      Resource: [claudeModels, claudeSystemProfiles],
      Condition: { ArnLike: { 'bedrock:InferenceProfileArn': anyApplicationProfile } },
    },
    {
      Sid: POLICY_STATEMENT_IDS.readSystemProfiles,
      Effect: 'Allow',
      Action: 'bedrock:GetInferenceProfile',
      Resource: inRegions('inference-profile/*'),
    },
  ];
  if (options.allowDirectSystemProfileInvoke === true) {
    statements.push(
      { Sid: POLICY_STATEMENT_IDS.directSystemProfiles, Effect: 'Allow', Action: INVOKE, Resource: claudeSystemProfiles },
      {
        Sid: POLICY_STATEMENT_IDS.directModels,
        Effect: 'Allow',
        Action: INVOKE,
        Resource: claudeModels,
        Condition: { ArnLike: { 'bedrock:InferenceProfileArn': `arn:aws:bedrock:*:${account}:inference-profile/*` } },
      },
    );
  }
  if (options.allowCostExplorer === true) {
    statements.push({ Sid: POLICY_STATEMENT_IDS.costExplorer, Effect: 'Allow', Action: 'ce:GetCostAndUsage', Resource: '*' });
  }
  if (options.allowMarketplaceSubscription !== false) {
    statements.push({
      Sid: POLICY_STATEMENT_IDS.marketplace,
      Effect: 'Allow',
      Action: ['aws-marketplace:ViewSubscriptions', 'aws-marketplace:Subscribe'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:CalledViaLast': 'bedrock.amazonaws.com' } },
    });
  }
  const policy: IamPolicyDocument = { Version: '2012-10-17', Statement: statements };
  const size = JSON.stringify(policy).length;
  if (size > MAX_INLINE_POLICY_CHARS) {
    throw new UserFacingError(`The generated policy is ${size} characters, more than the ${MAX_INLINE_POLICY_CHARS} a permission set's inline policy may hold; list fewer regions or tag keys.`, 'admin.policy-too-large');
  }
  return policy;
}

function checkOptions(tagKeys: readonly string[], regions: readonly string[], account: string): void {
  const problems: string[] = [];
  if (tagKeys.length === 0) problems.push('at least one tag key is needed (without one, every developer could use every profile)');
  for (const key of tagKeys) {
    // `${…}` and quotes would break out of the policy variable.
    if (!isUsableTagKey(key) || /[${}]/.test(key)) problems.push(`the tag key ${JSON.stringify(key)} is not a valid AWS tag key`);
  }
  // The exact text goes into ARNs, so a value the validator would first have to clean up is refused too.
  for (const region of regions) if (validateRegion(region) !== region) problems.push(`${JSON.stringify(region)} is not an AWS region code such as us-east-1`);
  if (account !== '*' && validateAccountId(account) !== account) problems.push(`${JSON.stringify(account)} is not a 12-digit AWS account id`);
  if (problems.length > 0) throw new UserFacingError(`The policy cannot be generated: ${problems.join('; ')}.`, 'admin.policy-options-invalid');
}
