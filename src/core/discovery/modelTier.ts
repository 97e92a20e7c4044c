import { CLAUDE_TIER_ROWS, type ClaudeTier } from '../claudeTiers/claudeTiers';
import type { ModelTier } from './inferenceProfileCandidate';

const CLAUDE_MODEL = /(?:^|[./:])anthropic\.|claude/i;
// Built from the tier table, so a new tier is recognised by adding its row.
const TIER_WORD = new RegExp(`(?:^|[^a-z])(${CLAUDE_TIER_ROWS.map((row) => row.word).join('|')})(?:[^a-z]|$)`, 'i');

/**
 * The tier of one model, from a foundation-model ARN, a system profile ARN or a bare model id
 * (`anthropic.claude-sonnet-4-5-20250929-v1:0`, `…/us.anthropic.claude-3-5-haiku-…`,
 * `global.anthropic.claude-fable-5-2`, `claude-opus-5-5`).
 */
export function tierOfModel(modelArnOrId: string): ModelTier {
  const id = modelArnOrId.slice(modelArnOrId.lastIndexOf('/') + 1);
  if (!CLAUDE_MODEL.test(id)) return 'other';
  return tierWord(id) ?? 'other';
}

/**
 * The tier of an inference profile from its `models[]`. The name is only a hint, used when
 * the models say nothing (no models listed, or a Claude model with an unfamiliar name); it
 * never turns a non-Claude profile into a Claude tier.
 */
export function tierOfProfile(modelArns: readonly string[], name?: string): ModelTier {
  let sawClaude = false;
  for (const arn of modelArns) {
    const id = arn.slice(arn.lastIndexOf('/') + 1);
    if (!CLAUDE_MODEL.test(id)) continue;
    sawClaude = true;
    const tier = tierWord(id);
    if (tier) return tier;
  }
  if (modelArns.length > 0 && !sawClaude) return 'other';
  return (name !== undefined ? tierWord(name) : undefined) ?? 'other';
}

function tierWord(text: string): ClaudeTier | undefined {
  const word = TIER_WORD.exec(text)?.[1]?.toLowerCase();
  return CLAUDE_TIER_ROWS.find((row) => row.word === word)?.tier;
}
