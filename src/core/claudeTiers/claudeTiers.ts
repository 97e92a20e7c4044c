/**
 * The model tiers Claude Code knows, as data. Claude Code adds a tier now and then (Fable
 * came with the 2.1.3xx releases, falling back to Opus when unavailable); supporting the
 * next one is adding a row here. Discovery, the settings written, the admin batch, the
 * org defaults, the UI and cost all read this table.
 *
 * `word` is the family word in Anthropic's model ids (`claude-<word>-…`, `anthropic.claude-<word>-…`,
 * older `claude-3-5-<word>-…`). `envPart` is how Claude Code spells the tier in its
 * per-tier variables: `ANTHROPIC_DEFAULT_<envPart>_MODEL`, `…_MODEL_NAME`, `…_MODEL_DESCRIPTION`.
 */
export const CLAUDE_TIER_ROWS = [
  { tier: 'opus', word: 'opus', label: 'Opus', envPart: 'OPUS' },
  { tier: 'sonnet', word: 'sonnet', label: 'Sonnet', envPart: 'SONNET' },
  { tier: 'haiku', word: 'haiku', label: 'Haiku', envPart: 'HAIKU' },
  { tier: 'fable', word: 'fable', label: 'Fable', envPart: 'FABLE' },
] as const;

export type ClaudeTierRow = (typeof CLAUDE_TIER_ROWS)[number];
export type ClaudeTier = ClaudeTierRow['tier'];

/** Every tier, in the table's order (the order settings keys and pickers list them). */
export const CLAUDE_TIERS: readonly ClaudeTier[] = CLAUDE_TIER_ROWS.map((row) => row.tier);

export function isClaudeTier(value: string): value is ClaudeTier {
  return CLAUDE_TIER_ROWS.some((row) => row.tier === value);
}

export function tierRow(tier: ClaudeTier): ClaudeTierRow {
  const row = CLAUDE_TIER_ROWS.find((r) => r.tier === tier);
  if (!row) throw new Error(`Internal error: no tier row for ${tier as string}`);
  return row;
}

/** `Opus`, `Fable`, … as Claude Code's `/model` names the family. */
export function tierLabel(tier: ClaudeTier): string {
  return tierRow(tier).label;
}

/** `ANTHROPIC_DEFAULT_OPUS_MODEL` and friends: the model (or profile ARN) Claude Code uses for the tier. */
export function tierModelEnvName(tier: ClaudeTier): string {
  return `ANTHROPIC_DEFAULT_${tierRow(tier).envPart}_MODEL`;
}

/** The label `/model` shows for a pinned tier model instead of its raw id. */
export function tierModelNameEnvName(tier: ClaudeTier): string {
  return `${tierModelEnvName(tier)}_NAME`;
}

/** The one-line description `/model` shows under the pinned tier model. */
export function tierModelDescriptionEnvName(tier: ClaudeTier): string {
  return `${tierModelEnvName(tier)}_DESCRIPTION`;
}

/** `opus`, `sonnet`, `haiku`, `fable`, for messages listing the choices. */
export function tierList(): string {
  return CLAUDE_TIERS.join(', ');
}
