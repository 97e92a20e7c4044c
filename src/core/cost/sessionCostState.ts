/**
 * Claude Code's own cost figures for a session: since the 2.1.3xx releases it writes a
 * `{"type":"cost-state","totalCostUSD":…,"modelUsage":{<model>:{inputTokens,outputTokens,
 * cacheReadInputTokens,cacheCreationInputTokens,costUSD,…}}}` line into the session's
 * transcript (the last one holds the session's totals). Keyed by the model id Claude Code
 * requested, which on Bedrock is often the application inference profile ARN.
 *
 * Used only for models our price table does not know: Claude Code prices at Anthropic's
 * list rates, which may differ from Bedrock's, so the table wins wherever it has a price.
 */

/** `[input, output, cacheRead, cacheCreation, costUSD]` for one model of one session. */
export type SessionModelCost = [number, number, number, number, number];

export type SessionCostState = Record<string, SessionModelCost>;

/** The per-model figures of a parsed `cost-state` line; undefined when it is not one (or is unreadable). */
export function sessionCostStateFrom(value: Record<string, unknown>): SessionCostState | undefined {
  if (value['type'] !== 'cost-state') return undefined;
  const usage = value['modelUsage'];
  if (typeof usage !== 'object' || usage === null || Array.isArray(usage)) return undefined;
  const models: SessionCostState = {};
  for (const [model, figures] of Object.entries(usage as Record<string, unknown>)) {
    // Stryker disable next-line ConditionalExpression: a number or string has none of the figures, so the check below drops it all the same
    if (typeof figures !== 'object' || figures === null) continue;
    const f = figures as Record<string, unknown>;
    const numbers = [f['inputTokens'], f['outputTokens'], f['cacheReadInputTokens'], f['cacheCreationInputTokens'], f['costUSD']];
    if (numbers.every((n): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0)) models[model] = numbers as SessionModelCost;
  }
  return models;
}

/**
 * Claude Code's cost for the unpriced requests of one session whose token totals it also
 * reported: its figures are per requested model (an AIP ARN) and ours per answering
 * model, so they are matched by the token totals, which are the same usage counted twice.
 * Undefined when no entry matches (then the tokens stay unpriced rather than guessed).
 */
export function costFromSessionState(state: SessionCostState | undefined, tokens: { input: number; output: number; cacheRead: number; cacheWrite5m: number; cacheWrite1h: number }): number | undefined {
  if (!state) return undefined;
  for (const [input, output, cacheRead, cacheCreation, cost] of Object.values(state)) {
    if (input === tokens.input && output === tokens.output && cacheRead === tokens.cacheRead && cacheCreation === tokens.cacheWrite5m + tokens.cacheWrite1h) return cost;
  }
  return undefined;
}
