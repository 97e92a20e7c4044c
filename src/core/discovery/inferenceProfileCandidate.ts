/** The Claude model family an inference profile routes to; `other` is anything Claude Code cannot use as a tier. */
import type { ClaudeTier } from '../claudeTiers/claudeTiers';

export type { ClaudeTier } from '../claudeTiers/claudeTiers';
export { CLAUDE_TIERS } from '../claudeTiers/claudeTiers';
export type ModelTier = ClaudeTier | 'other';

/**
 * Which link of discovery's chain found a candidate, cheapest first: ARNs the user gave
 * (`explicit`), the org mapping (`mapping`), what an earlier run found (`remembered`, one Get
 * per profile), the org's default ARNs (`org-default`), the listed profiles named by the
 * naming convention (`naming`), and the paced examination of every listed profile (`listing`).
 */
export type CandidateSource = 'explicit' | 'mapping' | 'remembered' | 'org-default' | 'naming' | 'listing';

/** Which link answered, in words, for the CLI's and the log's "found by …". */
export const CANDIDATE_SOURCE_WORDS: Readonly<Record<CandidateSource, string>> = {
  explicit: 'the ARN you gave',
  mapping: "your organisation's profile mapping",
  remembered: 'the profiles found last time, re-checked',
  'org-default': "your organisation's default profiles",
  naming: 'their names (the naming convention of admin create-profiles)',
  listing: 'checking every inference profile in the account',
};

/**
 * How sure we are that the profile is the developer's own:
 * `tag-match` — readable and its developer tag names the signed-in identity (or a configured value);
 * `accessible` — readable, but its tags do not name the identity (ABAC keyed on another value, or a broad role);
 * `denied` — IAM refused to show it: someone else's (recorded as evidence, not an error);
 * `missing` — Bedrock says it does not exist (deleted since listing, or a wrong ARN);
 * `unverified` — the check itself failed (throttling, network), so nothing is known.
 */
export type Ownership = 'tag-match' | 'accessible' | 'denied' | 'missing' | 'unverified';

/** One AWS call made while judging a candidate, and how it went. */
export interface CallEvidence {
  /** `GetInferenceProfile`, `ListTagsForResource`, `Converse`. */
  readonly operation: string;
  readonly outcome: 'ok' | 'denied' | 'not-found' | 'failed';
  /** The `UserFacingError` code when the outcome is not `ok`. */
  readonly code?: string;
  /** The sentence when the outcome is `failed` (never contains a secret). */
  readonly message?: string;
  readonly latencyMs: number;
}

export interface TagEvidence {
  readonly key: string;
  /** The profile's value for the key; undefined when it has none (or its tags could not be read). */
  readonly value: string | undefined;
  /** The values it was compared with (identity-derived and configured), lower-cased. */
  readonly expected: readonly string[];
  /** What the value matched: the signed-in identity, a configured value, or nothing. */
  readonly matched: 'identity' | 'configured' | 'none';
}

export interface CandidateEvidence {
  readonly source: CandidateSource;
  readonly calls: readonly CallEvidence[];
  /** Undefined when ListTagsForResource was denied or failed. */
  readonly tags: Readonly<Record<string, string>> | undefined;
  readonly tagMatches: readonly TagEvidence[];
}

export interface InferenceProfileCandidate {
  readonly arn: string;
  readonly id: string;
  readonly name: string;
  readonly region: string;
  /** `ACTIVE` today; kept as a string so a new status does not break parsing. */
  readonly status: string;
  readonly type: string;
  readonly tier: ModelTier;
  readonly modelArns: readonly string[];
  readonly ownership: Ownership;
  readonly evidence: CandidateEvidence;
}

/** A sentence for something that went wrong but did not stop discovery, with its stable code. */
export interface DiscoveryProblem {
  readonly code: string;
  readonly message: string;
}
