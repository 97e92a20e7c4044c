import { invalidValue, type Validated } from './invalidValue';

export interface ApplicationInferenceProfileArn {
  readonly arn: string;
  readonly partition: 'aws' | 'aws-cn' | 'aws-us-gov';
  readonly region: string;
  readonly accountId: string;
  readonly profileId: string;
}

const REGION = '[a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\\d{1,2}';

const AIP_ARN = new RegExp(`^arn:(aws|aws-cn|aws-us-gov):bedrock:(${REGION}):(\\d{12}):application-inference-profile/([a-z0-9]{1,64})$`);

/**
 * System-defined (cross-region) profile ids: a geography prefix, the provider and the
 * model id, e.g. `us.anthropic.claude-sonnet-4-5-20250929-v1:0`, `global.anthropic...`,
 * `us-gov.anthropic...`, `apac.anthropic...`.
 */
const SYSTEM_PROFILE_ID = /^[a-z]{2,8}(?:-[a-z]{2,8})?\.[a-z0-9-]+\.[a-z0-9][a-z0-9._-]*(?::\d+)?$/;

const SYSTEM_PROFILE_ARN = new RegExp(`^arn:(aws|aws-cn|aws-us-gov):bedrock:(${REGION}):(\\d{12})?:inference-profile/(.+)$`);

function isPartition(value: string | undefined): value is ApplicationInferenceProfileArn['partition'] {
  return value === 'aws' || value === 'aws-cn' || value === 'aws-us-gov';
}

/** Checks an application inference profile ARN and returns its parts. */
export function validateApplicationInferenceProfileArn(input: string): Validated<ApplicationInferenceProfileArn> {
  const value = input.trim();
  const [, partition, region, accountId, profileId] = AIP_ARN.exec(value) ?? [];
  if (isPartition(partition) && region !== undefined && accountId !== undefined && profileId !== undefined) {
    return { arn: value, partition, region, accountId, profileId };
  }
  return invalidValue(
    'application inference profile ARN',
    value,
    'It looks like arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc123def456; copy it from your administrator or the Bedrock console.',
    'validation.inference-profile-arn',
  );
}

/** Checks a system-defined inference profile id such as `us.anthropic.claude-sonnet-4-20250514-v1:0`. */
export function validateSystemInferenceProfileId(input: string): Validated<string> {
  const value = input.trim();
  if (SYSTEM_PROFILE_ID.test(value)) return value;
  return invalidValue(
    'system inference profile ID',
    value,
    'It looks like us.anthropic.claude-sonnet-4-20250514-v1:0 (a geography, the provider and the model ID).',
    'validation.system-profile-id',
  );
}

/** Checks a system-defined inference profile ARN and returns its profile id. */
export function validateSystemInferenceProfileArn(input: string): Validated<{ readonly arn: string; readonly region: string; readonly profileId: string }> {
  const value = input.trim();
  const match = SYSTEM_PROFILE_ARN.exec(value);
  const region = match?.[2];
  const profileId = match?.[4];
  if (region !== undefined && profileId !== undefined && SYSTEM_PROFILE_ID.test(profileId)) return { arn: value, region, profileId };
  return invalidValue(
    'system inference profile ARN',
    value,
    'It looks like arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0.',
    'validation.system-profile-arn',
  );
}
