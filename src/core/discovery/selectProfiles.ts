import { CLAUDE_TIER_ROWS } from '../claudeTiers/claudeTiers';
import { UserFacingError } from '../runtime/userFacingError';
import { CLAUDE_TIERS, type ClaudeTier, type InferenceProfileCandidate } from './inferenceProfileCandidate';

/**
 * Which tier becomes `ANTHROPIC_MODEL` when several exist. Sonnet first: it is Claude Code's
 * own default model on Bedrock, and the tier a team budgets for; Opus is chosen through
 * `/model opus` (ANTHROPIC_DEFAULT_OPUS_MODEL) when wanted. A caller (org defaults) may change it.
 */
export const DEFAULT_PRIMARY_TIER_ORDER: readonly ClaudeTier[] = ['sonnet', 'opus', 'haiku'];

export type TierMap<T> = Partial<Record<ClaudeTier, T>>;

export type ProfileSelection =
  | {
      readonly kind: 'selected';
      /** Every chosen profile lives here: Claude Code sends all calls to one `AWS_REGION`. */
      readonly region: string;
      readonly byTier: TierMap<InferenceProfileCandidate>;
      readonly primary: InferenceProfileCandidate;
    }
  | {
      readonly kind: 'ambiguous';
      readonly region: string;
      /** Tiers that were settled (exactly one profile). */
      readonly byTier: TierMap<InferenceProfileCandidate>;
      /** Tiers with more than one profile: the user must pick one of each. */
      readonly choices: TierMap<readonly InferenceProfileCandidate[]>;
    }
  | { readonly kind: 'none' };

export interface SelectionOptions {
  /** Preferred regions, the default Bedrock region first; profiles elsewhere are used only when none are here. */
  readonly regionOrder: readonly string[];
  readonly primaryTierOrder?: readonly ClaudeTier[];
  /** ARNs the user picked (quick pick, prompt, or flags); they settle their tiers and the region. */
  readonly picks?: readonly string[];
}

/**
 * The profiles Claude Code could use: a Claude tier, active, readable by the developer, and not
 * refused by an invoke probe. When some are tagged for the developer, only those count —
 * readable-but-untagged ones are what a broad (admin) role sees of everyone else's; that
 * preference is settled before the probe verdicts, so a developer whose own profiles cannot
 * be invoked is told so instead of being handed someone else's.
 */
export function usableCandidates(candidates: readonly InferenceProfileCandidate[]): InferenceProfileCandidate[] {
  return ownCandidates(candidates).filter((c) => !refusedByProbe(c));
}

/** The developer's profiles before any probe verdict: tagged ones when there are any, else every readable one. */
export function ownCandidates(candidates: readonly InferenceProfileCandidate[]): InferenceProfileCandidate[] {
  const readable = candidates.filter(
    (c) => c.tier !== 'other' && (c.status === 'ACTIVE' || c.status === 'UNKNOWN') && (c.ownership === 'tag-match' || c.ownership === 'accessible'),
  );
  const tagged = readable.filter((c) => c.ownership === 'tag-match');
  return tagged.length > 0 ? tagged : readable;
}

export function refusedByProbe(candidate: InferenceProfileCandidate): boolean {
  return candidate.evidence.calls.some((call) => call.operation === 'Converse' && call.outcome === 'denied');
}

/** Groups the usable profiles by tier in one region and decides whether the user must choose. */
export function selectProfiles(candidates: readonly InferenceProfileCandidate[], options: SelectionOptions): ProfileSelection {
  const tierOrder = options.primaryTierOrder ?? DEFAULT_PRIMARY_TIER_ORDER;
  const picked = resolvePicks(candidates, options.picks ?? []);
  const pool = usableCandidates(candidates);
  const region = picked.region ?? preferredRegion(pool, options.regionOrder);
  if (region === undefined) return { kind: 'none' };

  const byTier: TierMap<InferenceProfileCandidate> = { ...picked.byTier };
  const choices: TierMap<readonly InferenceProfileCandidate[]> = {};
  for (const tier of CLAUDE_TIERS) {
    if (byTier[tier]) continue;
    const inTier = pool.filter((c) => c.region === region && c.tier === tier);
    if (inTier.length === 1) byTier[tier] = inTier[0];
    else if (inTier.length > 1) choices[tier] = [...inTier].sort((a, b) => a.name.localeCompare(b.name) || a.arn.localeCompare(b.arn));
  }
  if (Object.keys(choices).length > 0) return { kind: 'ambiguous', region, byTier, choices };
  const primaryTier = [...tierOrder, ...CLAUDE_TIERS].find((tier) => byTier[tier] !== undefined);
  const primary = primaryTier === undefined ? undefined : byTier[primaryTier];
  return primary === undefined ? { kind: 'none' } : { kind: 'selected', region, byTier, primary };
}

function resolvePicks(candidates: readonly InferenceProfileCandidate[], picks: readonly string[]): { region: string | undefined; byTier: TierMap<InferenceProfileCandidate> } {
  const byTier: TierMap<InferenceProfileCandidate> = {};
  let region: string | undefined;
  for (const arn of picks) {
    const candidate = candidates.find((c) => c.arn === arn && (c.ownership === 'tag-match' || c.ownership === 'accessible'));
    if (!candidate) {
      throw new UserFacingError(`The inference profile ${arn} is not one of the profiles found for you; choose one from the list or paste an ARN you are allowed to read.`, 'discovery.unknown-pick');
    }
    if (candidate.tier === 'other') {
      throw new UserFacingError(`The inference profile ${arn} (${candidate.name}) does not route to a Claude ${CLAUDE_TIER_ROWS.map((row) => row.label).join(', ')} model, so Claude Code cannot use it; choose a Claude profile.`, 'discovery.not-claude');
    }
    if (region !== undefined && candidate.region !== region) {
      throw new UserFacingError(`The chosen inference profiles are in different regions (${region} and ${candidate.region}), but Claude Code sends every call to one AWS_REGION; choose profiles from a single region.`, 'discovery.mixed-regions');
    }
    const existing = byTier[candidate.tier];
    if (existing && existing.arn !== candidate.arn) {
      throw new UserFacingError(`Two ${candidate.tier} inference profiles were chosen (${existing.name} and ${candidate.name}); choose one per tier.`, 'discovery.duplicate-pick');
    }
    region = candidate.region;
    byTier[candidate.tier] = candidate;
  }
  return { region, byTier };
}

function preferredRegion(pool: readonly InferenceProfileCandidate[], regionOrder: readonly string[]): string | undefined {
  const regions = [...new Set(pool.map((c) => c.region))];
  const rank = (region: string): number => {
    const index = regionOrder.indexOf(region);
    return index < 0 ? regionOrder.length : index;
  };
  return regions.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
}
