import { createHash, randomBytes } from 'node:crypto';
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { awsErrorName } from '../awsErrors/awsErrorFields';
import { classifyAwsError, describeAwsError, type AwsCallDescription } from '../awsErrors/describeAwsError';
import type { ProfileTier } from '../orgDefaults/orgDefaults';
import type { Sleep } from '../runtime/cancellation';
import { silentLogger, type Logger } from '../runtime/logger';
import { UserFacingError } from '../runtime/userFacingError';
import { AdaptiveRateLimiter } from './adaptiveRateLimiter';
import { createApplicationProfile, listProfilesPage, listResourceTags, unretriedBedrockClient, type ProfileSummary } from './bedrockAdminCalls';
import type { DeveloperRequest } from './developerRequest';
import { pacedCall, type PacedCallOptions } from './pacedCall';
import { DEFAULT_PROFILE_TAG_KEYS, DEFAULT_PROFILE_TIERS, type PlannedProfile, type ProfileBatchProgress, type ProfileBatchResult, type ProfileOutcome, type ProfileTagKeys } from './profileBatch';
import { countOutcomes, mappingOf, planDeveloperProfiles, tagDifferences } from './profileBatchPlan';
import { selectSourceProfiles } from './sourceProfileSelection';

export interface CreateDeveloperProfilesOptions {
  /** Where the profiles are created; Claude Code must then run with this `AWS_REGION`. */
  readonly region: string;
  /** Default: the SDK's default chain (environment, `AWS_PROFILE`, …). */
  readonly credentials?: AwsCredentialIdentityProvider;
  /** The profile name behind `credentials`, for sign-in advice in error sentences. */
  readonly profileName?: string;
  readonly developers: readonly DeveloperRequest[];
  /** Tiers for developers that list none. Default opus, sonnet, haiku. */
  readonly defaultTiers?: readonly ProfileTier[];
  readonly tagKeys?: ProfileTagKeys;
  /** The org's `profileNamePattern`; default `claude-code-{tier}-{developerId}`. */
  readonly nameTemplate?: string;
  /** Per tier, a system profile id/ARN or a foundation-model ARN to copy from, instead of the newest. */
  readonly sourceProfiles?: Readonly<Partial<Record<ProfileTier, string>>>;
  /** Cross-region prefix of the system profiles to copy from (`us`, `eu`, `apac`, `global`); default from the region. */
  readonly geography?: string;
  /** Plan and check what exists, but create nothing. */
  readonly dryRun?: boolean;
  /** Compare the tags of profiles that already exist (one ListTagsForResource each). Default true. */
  readonly checkExistingTags?: boolean;
  /** Requests in flight at most. Default 16. */
  readonly maxConcurrency?: number;
  /** Starting pace in requests per second; it adapts to throttling. Default 10. */
  readonly initialRatePerSecond?: number;
  readonly logger?: Logger;
  readonly onProgress?: (progress: ProfileBatchProgress) => void;
  readonly signal?: AbortSignal;
  /** Tests. */
  readonly sleep?: Sleep;
}

const BEDROCK = 'Amazon Bedrock';
/** Kinds of failure that would fail every remaining request the same way. */
const STOPS_THE_BATCH = new Set(['access-denied', 'sso-session-expired', 'profile-not-found', 'no-credentials', 'credentials-unavailable', 'credentials-expired', 'credentials-rejected']);

/**
 * Creates each developer's application inference profiles (one per tier, copying from a
 * system-defined cross-region Claude profile), tagged so the ABAC permission set lets
 * only that developer use them.
 *
 * Idempotent: existing profiles are found by name first and skipped (their tags checked),
 * and a `ConflictException` from a concurrent run also counts as existing. Requests are
 * paced by an adaptive limiter that finds the account's CreateInferenceProfile rate from
 * throttling answers. A failure that would repeat for every profile (access denied,
 * expired sign-in, quota reached) stops the batch; the rest are reported as not attempted.
 * Never throws for one profile's failure: it is in the result.
 */
export async function createDeveloperProfiles(options: CreateDeveloperProfilesOptions): Promise<ProfileBatchResult> {
  const started = performance.now();
  const logger = options.logger ?? silentLogger;
  const tagKeys = options.tagKeys ?? DEFAULT_PROFILE_TAG_KEYS;
  const defaultTiers = options.defaultTiers ?? DEFAULT_PROFILE_TIERS;
  const client = unretriedBedrockClient(options.region, options.credentials);
  const listLimiter = new AdaptiveRateLimiter({ initialRate: 5, ...(options.sleep ? { sleep: options.sleep } : {}) });
  const paced = (limiter: AdaptiveRateLimiter, what: string): PacedCallOptions => ({
    limiter,
    maxAttempts: 5,
    maxThrottles: 50,
    what,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const call = (operation: string, iamAction: string, grantScope?: string): AwsCallDescription => ({
    service: BEDROCK,
    operation,
    iamAction,
    ...(grantScope ? { grantScope } : {}),
    grantor: 'an administrator of this AWS account',
    ...(options.profileName ? { profile: options.profileName } : {}),
  });

  try {
    const tiers = [...new Set(options.developers.flatMap((d) => d.tiers ?? defaultTiers))];
    const systemProfiles = await listAll(client, 'SYSTEM_DEFINED', paced(listLimiter, 'Listing inference profiles')).catch((error: unknown) => {
      throw describeAwsError(call('ListInferenceProfiles', 'bedrock:ListInferenceProfiles', 'on Resource "*"'), error);
    });
    const selection = selectSourceProfiles(
      systemProfiles,
      { region: options.region, tiers, ...(options.sourceProfiles ? { explicit: options.sourceProfiles } : {}), ...(options.geography ? { geography: options.geography } : {}) },
    );
    if (selection.problems.length > 0) {
      throw new UserFacingError(`The profiles cannot be created: ${selection.problems.join('; ')}. Nothing was created.`, 'admin.no-source-profile');
    }
    const planned = planDeveloperProfiles(options.developers, { defaultTiers, tagKeys, sources: selection.sources, ...(options.nameTemplate ? { nameTemplate: options.nameTemplate } : {}) });
    for (const tier of tiers) {
      const source = selection.sources[tier];
      if (source) logger.info(`${tier} profiles copy from ${source.arn}`);
    }

    const existing = await listAll(client, 'APPLICATION', paced(listLimiter, 'Listing inference profiles')).catch((error: unknown) => {
      throw describeAwsError(call('ListInferenceProfiles', 'bedrock:ListInferenceProfiles', 'on Resource "*"'), error);
    });
    const byName = new Map(existing.map((p) => [p.name, p]));
    const outcomes = new Array<ProfileOutcome | undefined>(planned.length);
    const toCreate: number[] = [];
    planned.forEach((profile, index) => {
      const found = byName.get(profile.name);
      if (found) outcomes[index] = existingOutcome(profile, found);
      else if (options.dryRun) outcomes[index] = { planned: profile, status: 'would-create' };
      else toCreate.push(index);
    });

    const tagLimiter = new AdaptiveRateLimiter({ initialRate: 10, ...(options.sleep ? { sleep: options.sleep } : {}) });
    const checkTags = async (indexes: readonly number[]): Promise<void> => {
      if (options.checkExistingTags === false) return;
      await forEachConcurrently(indexes, options.maxConcurrency ?? 16, async (index) => {
        const outcome = outcomes[index];
        if (outcome?.status !== 'exists' || !outcome.arn) return;
        const arn = outcome.arn;
        try {
          const tags = await pacedCall(() => listResourceTags(client, arn, options.signal), paced(tagLimiter, 'Checking profile tags'));
          outcomes[index] = { ...outcome, tagDifferences: tagDifferences(outcome.planned.tags, tags) };
        } catch (error) {
          // Not knowing the tags does not make the profile any less existing.
          logger.warn(describeAwsError(call('ListTagsForResource', 'bedrock:ListTagsForResource'), error).message);
        }
      });
    };

    const createLimiter = new AdaptiveRateLimiter({ initialRate: options.initialRatePerSecond ?? 10, ...(options.sleep ? { sleep: options.sleep } : {}) });
    const runToken = randomBytes(6).toString('hex');
    let stopped: UserFacingError | undefined;
    let done = planned.length - toCreate.length;
    const report = (): void => {
      options.onProgress?.({
        done,
        total: planned.length,
        created: outcomes.filter((o) => o?.status === 'created').length,
        failed: outcomes.filter((o) => o?.status === 'failed').length,
        ratePerSecond: createLimiter.currentRate,
        throttles: createLimiter.throttles,
      });
    };
    const conflicts: number[] = [];
    await forEachConcurrently(toCreate, options.maxConcurrency ?? 16, async (index) => {
      const profile = planned[index] as PlannedProfile;
      if (stopped) {
        outcomes[index] = failedOutcome(profile, new UserFacingError(`Not attempted: ${stopped.message}`, stopped.code));
      } else {
        try {
          const arn = await pacedCall(
            () =>
              createApplicationProfile(
                client,
                { name: profile.name, copyFrom: profile.source.arn, tags: profile.tags, clientRequestToken: requestToken(runToken, profile.name) },
                options.signal,
              ),
            paced(createLimiter, 'Creating inference profiles'),
          );
          outcomes[index] = { planned: profile, status: 'created', arn };
        } catch (error) {
          if (awsErrorName(error) === 'ConflictException') {
            outcomes[index] = { planned: profile, status: 'exists' };
            conflicts.push(index);
          } else {
            const described = describeCreateFailure(error, profile, call('CreateInferenceProfile', 'bedrock:CreateInferenceProfile', 'on arn:aws:bedrock:<region>:<account>:application-inference-profile/*'));
            outcomes[index] = failedOutcome(profile, described);
            if (STOPS_THE_BATCH.has(classifyAwsError(error)) || awsErrorName(error) === 'ServiceQuotaExceededException') stopped ??= described;
          }
        }
      }
      done++;
      if (done % 25 === 0 || done === planned.length) report();
    });

    if (conflicts.length > 0) {
      // Created by someone else between our listing and our request: find their ARNs.
      const again = new Map((await listAll(client, 'APPLICATION', paced(listLimiter, 'Listing inference profiles'))).map((p) => [p.name, p]));
      for (const index of conflicts) {
        const profile = planned[index] as PlannedProfile;
        const found = again.get(profile.name);
        outcomes[index] = found ? existingOutcome(profile, found) : { planned: profile, status: 'exists' };
      }
    }
    await checkTags(outcomes.flatMap((o, index) => (o?.status === 'exists' ? [index] : [])));

    const final = outcomes.map((o, index) => o ?? failedOutcome(planned[index] as PlannedProfile, new UserFacingError('Not attempted.', 'admin.not-attempted')));
    return {
      region: options.region,
      dryRun: options.dryRun === true,
      outcomes: final,
      mapping: mappingOf(final, tagKeys),
      counts: countOutcomes(final, tagKeys),
      throttles: createLimiter.throttles + listLimiter.throttles + tagLimiter.throttles,
      elapsedMs: performance.now() - started,
    };
  } finally {
    client.destroy();
  }
}

async function listAll(client: BedrockClient, type: 'SYSTEM_DEFINED' | 'APPLICATION', paced: PacedCallOptions): Promise<ProfileSummary[]> {
  const profiles: ProfileSummary[] = [];
  let token: string | undefined;
  do {
    const page = await pacedCall(() => listProfilesPage(client, type, token, paced.signal), paced);
    profiles.push(...page.profiles);
    token = page.nextToken;
  } while (token);
  return profiles;
}

function existingOutcome(profile: PlannedProfile, found: ProfileSummary): ProfileOutcome {
  const wanted = new Set(profile.source.modelArns);
  const modelDiffers = found.modelArns.length > 0 && (found.modelArns.length !== wanted.size || found.modelArns.some((arn) => !wanted.has(arn)));
  return { planned: profile, status: 'exists', arn: found.arn, modelDiffers };
}

function failedOutcome(profile: PlannedProfile, error: UserFacingError): ProfileOutcome {
  return { planned: profile, status: 'failed', error: error.message, errorCode: error.code };
}

function describeCreateFailure(error: unknown, profile: PlannedProfile, call: AwsCallDescription): UserFacingError {
  if (awsErrorName(error) === 'ServiceQuotaExceededException') {
    return new UserFacingError(
      `Amazon Bedrock refused to create ${profile.name} because the account's quota of application inference profiles is reached; request an increase in Service Quotas (Amazon Bedrock) and run the command again — profiles already created are kept.`,
      'admin.quota-exceeded',
      { cause: error },
    );
  }
  return describeAwsError({ ...call, resource: profile.name }, error);
}

/**
 * Same token for every retry of one request in one run (so a retried request whose
 * answer was lost cannot create a second profile), different across runs (so a token
 * AWS still remembers from a deleted profile is never replayed).
 */
function requestToken(runToken: string, name: string): string {
  return `${runToken}${createHash('sha256').update(name).digest('hex').slice(0, 40)}`;
}

async function forEachConcurrently<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
