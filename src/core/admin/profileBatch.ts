import type { ProfileMapping, ProfileTier } from '../orgDefaults/orgDefaults';
import type { SourceProfile } from './sourceProfileSelection';

/** The tag keys that ABAC compares; the developer's profiles carry both. */
export interface ProfileTagKeys {
  readonly developer: string;
  readonly team: string;
}

export const DEFAULT_PROFILE_TAG_KEYS: ProfileTagKeys = { developer: 'DeveloperId', team: 'Team' };
export const DEFAULT_PROFILE_TIERS: readonly ProfileTier[] = ['opus', 'sonnet', 'haiku'];

/** One profile the batch wants to exist. */
export interface PlannedProfile {
  readonly developerId: string;
  readonly team: string;
  readonly tier: ProfileTier;
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly source: SourceProfile;
  /** Where the developer was listed (`line 4`, `--developer-id`). */
  readonly origin: string;
}

export interface TagDifference {
  readonly key: string;
  readonly expected: string;
  /** Undefined: the existing profile lacks the tag. */
  readonly actual: string | undefined;
}

/**
 * `created` — made by this run; `exists` — a profile of that name was already there;
 * `would-create` — dry run; `failed` — see `error`.
 */
export type ProfileOutcomeStatus = 'created' | 'exists' | 'would-create' | 'failed';

export interface ProfileOutcome {
  readonly planned: PlannedProfile;
  readonly status: ProfileOutcomeStatus;
  readonly arn?: string;
  /** For `exists`: tags that differ from what this run would have set (undefined when not checked). */
  readonly tagDifferences?: readonly TagDifference[];
  /** For `exists`: it routes to other models than the source chosen now (e.g. an older version). */
  readonly modelDiffers?: boolean;
  /** For `failed`: the sentence, and its stable code. */
  readonly error?: string;
  readonly errorCode?: string;
}

export interface ProfileBatchCounts {
  readonly created: number;
  readonly existing: number;
  readonly wouldCreate: number;
  readonly failed: number;
  /** Existing profiles whose developer or team tag differs: ABAC would refuse them, so they are left out of the mapping. */
  readonly mismatched: number;
}

export interface ProfileBatchResult {
  readonly region: string;
  readonly dryRun: boolean;
  readonly outcomes: readonly ProfileOutcome[];
  /** Developer → tier → ARN, for created profiles and existing ones whose ABAC tags match. */
  readonly mapping: ProfileMapping;
  readonly counts: ProfileBatchCounts;
  /** Throttled answers absorbed on the way. */
  readonly throttles: number;
  readonly elapsedMs: number;
}

export interface ProfileBatchProgress {
  readonly done: number;
  readonly total: number;
  readonly created: number;
  readonly failed: number;
  readonly ratePerSecond: number;
  readonly throttles: number;
}
