import type { ModelTier } from './inferenceProfileCandidate';

const TIER_WORD = /(?:^|[^a-z])(opus|sonnet|haiku)(?:[^a-z]|$)/i;
const CLAUDE_MODEL = /(?:^|[./:])anthropic\.|claude/i;

/**
 * The tier of one model, from a foundation-model ARN, a system profile ARN or a bare model id
 * (`anthropic.claude-sonnet-4-5-20250929-v1:0`, `…/us.anthropic.claude-3-5-haiku-…`).
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

function tierWord(text: string): ModelTier | undefined {
  const word = TIER_WORD.exec(text)?.[1]?.toLowerCase();
  return word === 'opus' || word === 'sonnet' || word === 'haiku' ? word : undefined;
}
