import type { AwsOperationsModule } from '../awsOperationsLoader';
import type { DiscoveryResult } from '../discovery/discoverInferenceProfiles';
import type { DiscoveryMemory } from '../discovery/discoveryMemory';
import { CLAUDE_TIERS, type ClaudeTier, type InferenceProfileCandidate } from '../discovery/inferenceProfileCandidate';
import { parseInferenceProfileArn } from '../discovery/inferenceProfileArn';
import { tierModelLabel } from '../claudeSettings/tierModelLabels';
import { tierOfModel } from '../discovery/modelTier';
import { DEFAULT_PRIMARY_TIER_ORDER, selectProfiles, usableCandidates } from '../discovery/selectProfiles';
import { throwIfAborted } from '../runtime/cancellation';
import type { Logger } from '../runtime/logger';
import { UserFacingError } from '../runtime/userFacingError';
import { isInvalid } from '../validation/invalidValue';
import type { SetupInteraction } from './setupInteraction';
import type { ChosenInferenceProfiles } from './setupState';

export interface ProfileSearch {
  readonly regions: readonly string[];
  readonly tagKeys: readonly string[];
  readonly explicitArns?: readonly string[];
  readonly probe?: boolean;
  /** The org's `profileNamePattern`. */
  readonly nameTemplate?: string;
  /** What earlier searches found, so a resumed Set Up re-checks it with one Get per profile. */
  readonly memory?: DiscoveryMemory;
}

/**
 * Discovery, then the developer's choice: the default profile (any usable one; the
 * search's pick first), then one per remaining tier where the region has several.
 * Nothing found: the developer pastes an ARN. Remembered profiles come with "Search
 * again…", which searches afresh (the new result replaces the remembered one).
 */
export async function chooseInferenceProfiles(options: {
  readonly aws: AwsOperationsModule;
  readonly credentials: ReturnType<AwsOperationsModule['profileCredentials']>;
  readonly profileName: string;
  readonly accountId: string;
  readonly search: ProfileSearch;
  readonly interaction: SetupInteraction;
  readonly logger: Logger;
  readonly signal: AbortSignal | undefined;
}): Promise<ChosenInferenceProfiles> {
  const { aws, search, interaction, signal } = options;
  const discover = (rediscover: boolean): Promise<DiscoveryResult> => aws.discoverInferenceProfiles({
    credentials: options.credentials,
    profileName: options.profileName,
    regions: search.regions,
    tagKeys: search.tagKeys,
    ...(search.explicitArns && search.explicitArns.length > 0 ? { explicitArns: search.explicitArns } : {}),
    ...(search.probe ? { probe: true } : {}),
    ...(search.nameTemplate ? { nameTemplate: search.nameTemplate } : {}),
    ...(search.memory ? { memory: search.memory } : {}),
    ...(rediscover ? { rediscover: true } : {}),
    logger: options.logger,
    ...(signal ? { abortSignal: signal } : {}),
  });
  let result = await discover(false);
  let chosen: InferenceProfileCandidate | 'search-again';
  // "Search again…" is offered only for remembered profiles, so it is answered at most once.
  do {
    throwIfAborted(signal, 'Set Up');
    const pool = usableCandidates(result.candidates).filter((candidate) => candidate.tier !== 'other');
    const recommended = recommendedProfile(result);
    if (pool.length === 0 || recommended === undefined) return pastedProfile(options, result);
    const ordered = [recommended, ...pool.filter((candidate) => candidate.arn !== recommended.arn)];
    chosen = ordered.length === 1 ? recommended : await interaction.chooseDefaultProfile(ordered, recommended, result.source === 'remembered');
    if (chosen === 'search-again') result = await discover(true);
  } while (chosen === 'search-again');
  throwIfAborted(signal, 'Set Up');
  const picks = [chosen.arn];
  const primaryTierOrder = [chosen.tier as ClaudeTier, ...DEFAULT_PRIMARY_TIER_ORDER];
  let selection = selectProfiles(result.candidates, { regionOrder: search.regions, picks, primaryTierOrder });
  if (selection.kind === 'ambiguous') {
    for (const tier of CLAUDE_TIERS) {
      const choices = selection.choices[tier];
      if (choices) picks.push((await interaction.chooseTierProfile(tier, choices)).arn);
    }
    throwIfAborted(signal, 'Set Up');
    selection = selectProfiles(result.candidates, { regionOrder: search.regions, picks, primaryTierOrder });
  }
  if (selection.kind !== 'selected') throw new UserFacingError('The inference profiles chosen do not settle every tier; run Set Up again and choose one per tier.', 'setup.profiles-unsettled');
  const tierArns = Object.fromEntries(Object.entries(selection.byTier).map(([tier, candidate]) => [tier, candidate.arn]));
  const tierLabels = Object.fromEntries(Object.entries(selection.byTier).map(([tier, candidate]) => [tier, tierModelLabel(tier as ClaudeTier, candidate)]));
  const developerId = developerTag(selection.primary, search.tagKeys[0]);
  return {
    awsProfile: options.profileName,
    accountId: options.accountId,
    region: selection.region,
    primaryArn: selection.primary.arn,
    tierArns,
    tierLabels,
    ...(developerId ? { developerId } : {}),
  };
}

function recommendedProfile(result: DiscoveryResult): InferenceProfileCandidate | undefined {
  const selection = result.selection;
  if (selection.kind === 'selected') return selection.primary;
  if (selection.kind === 'ambiguous') {
    for (const tier of DEFAULT_PRIMARY_TIER_ORDER) {
      const settled = selection.byTier[tier] ?? selection.choices[tier]?.[0];
      if (settled) return settled;
    }
  }
  return usableCandidates(result.candidates).find((candidate) => candidate.tier !== 'other');
}

async function pastedProfile(options: Parameters<typeof chooseInferenceProfiles>[0], result: DiscoveryResult): Promise<ChosenInferenceProfiles> {
  const reason = result.problems[0]?.message ?? 'No Claude inference profile was found for you.';
  const text = await options.interaction.askForProfileArn(reason);
  throwIfAborted(options.signal, 'Set Up');
  const parsed = parseInferenceProfileArn(text.trim());
  if (isInvalid(parsed)) throw new UserFacingError(parsed.message, 'setup.invalid-profile-arn');
  const tier = tierOfModel(parsed.arn);
  return {
    awsProfile: options.profileName,
    accountId: options.accountId,
    region: parsed.region,
    primaryArn: parsed.arn,
    tierArns: tier === 'other' ? {} : { [tier]: parsed.arn },
  };
}

function developerTag(candidate: InferenceProfileCandidate, tagKey: string | undefined): string | undefined {
  if (tagKey === undefined) return undefined;
  return candidate.evidence.tags?.[tagKey];
}
