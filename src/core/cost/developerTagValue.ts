import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { BedrockClients, listProfileTags } from '../discovery/bedrockProfileCalls';
import { parseInferenceProfileArn } from '../discovery/inferenceProfileArn';
import { getCallerIdentity } from '../identity/callerIdentity';
import type { Logger } from '../runtime/logger';
import { silentLogger } from '../runtime/logger';
import { UserFacingError } from '../runtime/userFacingError';
import { isInvalid } from '../validation/invalidValue';

export interface DeveloperTagValueOptions {
  readonly credentials: AwsCredentialIdentityProvider;
  readonly tagKey: string;
  /** The `developerId` setting: used when the inference profile has no tag (or none is known). */
  readonly configured?: string | undefined;
  /** The inference profile Claude Code uses (its `ANTHROPIC_MODEL`), whose tags name the developer. */
  readonly inferenceProfileArn?: string | undefined;
  /** Region for STS when there is no profile to read. */
  readonly region: string;
  readonly abortSignal?: AbortSignal;
  readonly logger?: Logger;
}

export type DeveloperTagValueSource = 'setting' | 'inference-profile' | 'identity';

/**
 * The value of the developer's cost allocation tag. Cost is tagged through the AIP, so the
 * AIP's own tag is the truth and always wins; the setting is for admins who tag without
 * one, and the signed-in user name is the last resort (what ABAC compares the tag with).
 * Cost Explorer compares tag values case-sensitively, so no value is ever re-cased here.
 */
export async function resolveDeveloperTagValue(options: DeveloperTagValueOptions): Promise<{ value: string; source: DeveloperTagValueSource }> {
  const logger = options.logger ?? silentLogger;
  const configured = options.configured?.trim();

  const parsed = options.inferenceProfileArn ? parseInferenceProfileArn(options.inferenceProfileArn) : undefined;
  if (parsed && !isInvalid(parsed) && parsed.arn.includes(':application-inference-profile/')) {
    const clients = new BedrockClients(options.credentials);
    try {
      const tags = await listProfileTags(clients.forRegion(parsed.region), parsed.arn, options.abortSignal);
      const key = Object.hasOwn(tags, options.tagKey) ? options.tagKey : Object.keys(tags).find((candidate) => candidate.toLowerCase() === options.tagKey.toLowerCase());
      const value = key === undefined ? undefined : tags[key]?.trim();
      if (value) {
        if (configured && configured !== value) logger.info(`Your inference profile is tagged ${options.tagKey}=${value}, not ${configured} as configured: asking Cost Explorer for ${value}, the value its cost carries.`);
        return { value, source: 'inference-profile' };
      }
      logger.info(`The inference profile ${parsed.arn} has no ${options.tagKey} tag; using ${configured ? 'the configured value' : 'the signed-in identity'} for cost.`);
    } catch (error) {
      // Reading tags is a nicety; the setting or the identity below is what ABAC matches the tag with anyway.
      logger.warn(`Could not read the tags of ${parsed.arn} (${error instanceof Error ? error.name : 'error'}); using ${configured ? 'the configured value' : 'the signed-in identity'} for cost.`);
    } finally {
      clients.destroy();
    }
  }
  if (configured) return { value: configured, source: 'setting' };

  const identity = await getCallerIdentity({ region: options.region, credentials: options.credentials, ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}) });
  const name = sessionUserName(identity.arn);
  if (name === undefined) {
    throw new UserFacingError(
      `Your ${options.tagKey} could not be worked out from your sign-in, so Cost Explorer cannot be asked for your cost: set bedrockOnboarding.developerId (or pick your inference profile); showing a local estimate.`,
      'cost.no-tag-value',
    );
  }
  return { value: name, source: 'identity' };
}

/**
 * The user name at the end of the caller ARN (`…:assumed-role/AWSReservedSSO_<set>_<hex>/<user>`),
 * exactly as Identity Center spells it: discovery compares names case-insensitively
 * (identityNames lower-cases), but a Cost Explorer filter on `Alice` does not match `alice`.
 */
export function sessionUserName(callerArn: string): string | undefined {
  const resource = callerArn.split(':').slice(5).join(':');
  const slash = resource.lastIndexOf('/');
  const name = slash < 0 ? '' : resource.slice(slash + 1).trim();
  return name === '' ? undefined : name;
}
