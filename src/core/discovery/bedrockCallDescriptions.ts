import type { AwsCallDescription } from '../awsErrors/describeAwsError';

const BEDROCK = 'Amazon Bedrock';

/** The Bedrock calls discovery and Test Connection make, described for error sentences. */
export function listProfilesCall(profile: string | undefined): AwsCallDescription {
  return {
    service: BEDROCK,
    operation: 'ListInferenceProfiles',
    iamAction: 'bedrock:ListInferenceProfiles',
    // IAM has no resource type for this action, so an ABAC-scoped statement never matches it.
    grantScope: 'with Resource "*" (the action has no resource type, so a statement limited by tags never grants it)',
    alternative: 'paste your inference profile ARN instead',
    ...(profile ? { profile } : {}),
  };
}

export function getProfileCall(arn: string, tagKeys: readonly string[], profile: string | undefined): AwsCallDescription {
  return {
    service: BEDROCK,
    operation: 'GetInferenceProfile',
    iamAction: 'bedrock:GetInferenceProfile',
    resource: arn,
    grantScope: `on ${arn}${tagKeys.length > 0 ? ` (under ABAC, the profile's ${tagKeys.join(' and ')} tags must equal yours)` : ''}`,
    ...(profile ? { profile } : {}),
  };
}

export function listTagsCall(arn: string, profile: string | undefined): AwsCallDescription {
  return {
    service: BEDROCK,
    operation: 'ListTagsForResource',
    iamAction: 'bedrock:ListTagsForResource',
    resource: arn,
    ...(profile ? { profile } : {}),
  };
}

export function converseCall(arn: string, profile: string | undefined): AwsCallDescription {
  return {
    service: 'Amazon Bedrock Runtime',
    operation: 'Converse',
    iamAction: 'bedrock:InvokeModel',
    resource: arn,
    grantScope: `on ${arn} and on the foundation models it routes to in every region (conditioned on bedrock:InferenceProfileArn)`,
    ...(profile ? { profile } : {}),
  };
}

export function callerIdentityCall(profile: string | undefined): AwsCallDescription {
  return { service: 'AWS STS', operation: 'GetCallerIdentity', ...(profile ? { profile } : {}) };
}
