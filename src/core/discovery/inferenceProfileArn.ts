import { validateApplicationInferenceProfileArn, validateSystemInferenceProfileArn } from '../validation/inferenceProfileIds';
import { isInvalid, type Validated } from '../validation/invalidValue';

/**
 * An inference-profile ARN the user or admin gave, with the region it lives in. The region
 * matters: Claude Code sends every call to its one `AWS_REGION`, so it must be the profile's.
 * Application profiles are what this product is for; a system-defined profile ARN is
 * accepted too (Claude Code can use one), but the sentence for a bad value describes an AIP.
 */
export function parseInferenceProfileArn(text: string): Validated<{ readonly arn: string; readonly region: string }> {
  const application = validateApplicationInferenceProfileArn(text);
  if (!isInvalid(application)) return { arn: application.arn, region: application.region };
  const system = validateSystemInferenceProfileArn(text);
  if (!isInvalid(system)) return { arn: system.arn, region: system.region };
  return application;
}
