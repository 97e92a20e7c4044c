import type { ModelPrice, TokenRates } from './priceTable';
import type { TokenCounts } from './tokenCounts';

/**
 * Requests whose whole input (fresh + cache writes + cache reads) is above this are
 * billed at the long-context rates for every token, where the model has such rates.
 * (ccusage instead charges only the part of each token kind above 200k at the higher
 * rate; that is not how Anthropic or Bedrock bill, so totals differ for such requests.)
 */
export const LONG_CONTEXT_THRESHOLD_TOKENS = 200_000;

export function isLongContextRequest(tokens: Readonly<TokenCounts>): boolean {
  return tokens.input + tokens.cacheWrite5m + tokens.cacheWrite1h + tokens.cacheRead > LONG_CONTEXT_THRESHOLD_TOKENS;
}

/** USD for `tokens` of one model, all requests of the same context class. */
export function priceTokens(tokens: Readonly<TokenCounts>, price: ModelPrice, options: { geographic: boolean; longContext: boolean }): number {
  const rates: TokenRates = options.longContext && price.longContext ? price.longContext : price;
  const base =
    tokens.input * rates.input +
    tokens.output * rates.output +
    tokens.cacheWrite5m * rates.cacheWrite5m +
    tokens.cacheWrite1h * rates.cacheWrite1h +
    tokens.cacheRead * rates.cacheRead;
  const premium = options.geographic ? 1 + (price.geoPremium ?? 0) : 1;
  return (base / 1_000_000) * premium;
}
