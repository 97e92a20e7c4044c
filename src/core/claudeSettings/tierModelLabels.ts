import { CLAUDE_TIER_ROWS, tierLabel, type ClaudeTier } from '../claudeTiers/claudeTiers';
import { identifyModel } from '../cost/modelIdentity';

/** What Claude Code's `/model` shows for a pinned tier (`ANTHROPIC_DEFAULT_<TIER>_MODEL_NAME` / `_DESCRIPTION`). */
export interface TierModelLabel {
  readonly name: string;
  readonly description: string;
}

export interface LabelledProfile {
  readonly name: string;
  readonly region: string;
  readonly modelArns: readonly string[];
}

/**
 * The label for a tier pinned to the developer's own application inference profile. Without
 * it `/model` lists the raw ARN, which says neither which model answers nor that the
 * profile is theirs (and so billed to them).
 */
export function tierModelLabel(tier: ClaudeTier, profile: LabelledProfile): TierModelLabel {
  const model = profile.modelArns.map(modelDisplayName).find((name) => name !== undefined) ?? tierLabel(tier);
  return {
    name: `${model} (your profile)`,
    description: `Your inference profile ${profile.name} in ${profile.region}; its use is billed to you.`,
  };
}

const MODEL_NAME = new RegExp(`^claude-(?:(\\d+(?:-\\d+)?)-)?(${CLAUDE_TIER_ROWS.map((row) => row.word).join('|')})(?:-(\\d+(?:-\\d+)?))?$`);

/** `Sonnet 4.5` for `…/anthropic.claude-sonnet-4-5-20250929-v1:0`, `Haiku 3.5` for `claude-3-5-haiku`; undefined when not a Claude tier model. */
export function modelDisplayName(modelArnOrId: string): string | undefined {
  const key = identifyModel(modelArnOrId).priceKey;
  const match = key === undefined ? null : MODEL_NAME.exec(key);
  if (!match) return undefined;
  const [, oldVersion, word, newVersion] = match;
  const row = CLAUDE_TIER_ROWS.find((r) => r.word === word);
  const version = (newVersion ?? oldVersion)?.replace('-', '.');
  return row ? (version ? `${row.label} ${version}` : row.label) : undefined;
}
