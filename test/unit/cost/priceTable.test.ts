import assert from 'node:assert/strict';
import type { ModelPrice, PriceTable } from '../../../src/core/cost/priceTable';
import { defaultPriceTable, withPriceOverrides } from '../../../src/core/cost/priceTable';
import { isLongContextRequest, LONG_CONTEXT_THRESHOLD_TOKENS, priceTokens } from '../../../src/core/cost/tokenPricing';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';

const SONNET: ModelPrice = { input: 3, output: 15, cacheWrite5m: 3.75, cacheWrite1h: 6, cacheRead: 0.3, geoPremium: 0.1, longContext: { input: 6, output: 22.5, cacheWrite5m: 7.5, cacheWrite1h: 12, cacheRead: 0.6 } };
const million = (fields: Partial<Record<'input' | 'output' | 'cacheWrite5m' | 'cacheWrite1h' | 'cacheRead', number>>) => ({ input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, ...fields });

function invalidOverride(table: () => PriceTable, problems: string): void {
  assert.throws(table, (error: unknown) => {
    assert.ok(isUserFacingError(error));
    assert.equal(error.code, 'cost.invalid-price-override');
    assert.equal(error.message.includes(`has an invalid ${problems} (USD per million tokens, a number of 0 or more): ask your admin to correct the organisation's price overrides.`), true, error.message);
    return true;
  });
}

describe('cost: prices per token kind, long context, geographic premium and admin overrides', () => {
  it('prices each kind of token at its own rate per million', () => {
    const plain = { geographic: false, longContext: false };
    assert.equal(priceTokens(million({ input: 1_000_000 }), SONNET, plain), 3);
    assert.equal(priceTokens(million({ output: 1_000_000 }), SONNET, plain), 15);
    assert.equal(priceTokens(million({ cacheWrite5m: 1_000_000 }), SONNET, plain), 3.75);
    assert.equal(priceTokens(million({ cacheWrite1h: 1_000_000 }), SONNET, plain), 6);
    assert.equal(priceTokens(million({ cacheRead: 1_000_000 }), SONNET, plain), 0.3);
    assert.equal(priceTokens(million({ input: 500_000, output: 200_000 }), SONNET, plain), 1.5 + 3);
  });

  it('uses the long-context rates for a long request where the model has them, and adds the geographic premium', () => {
    const tokens = million({ input: 1_000_000, output: 1_000_000 });
    assert.equal(priceTokens(tokens, SONNET, { geographic: false, longContext: true }), 6 + 22.5);
    assert.ok(Math.abs(priceTokens(tokens, SONNET, { geographic: true, longContext: false }) - 18 * 1.1) < 1e-9);
    const { longContext: _dropped, geoPremium: _none, ...flat } = SONNET;
    assert.equal(priceTokens(tokens, flat, { geographic: true, longContext: true }), 18, 'no long-context rates and no premium: the plain rates');
  });

  it('calls a request long only when its whole input is above 200k tokens', () => {
    assert.equal(LONG_CONTEXT_THRESHOLD_TOKENS, 200_000);
    assert.equal(isLongContextRequest(million({ input: 200_000 })), false);
    assert.equal(isLongContextRequest(million({ input: 200_001 })), true);
    assert.equal(isLongContextRequest(million({ input: 100_000, cacheWrite5m: 50_000, cacheWrite1h: 25_000, cacheRead: 25_001 })), true);
    assert.equal(isLongContextRequest(million({ cacheRead: 200_001 })), true);
    assert.equal(isLongContextRequest(million({ cacheWrite5m: 200_001 })), true);
    assert.equal(isLongContextRequest(million({ cacheWrite1h: 200_001 })), true);
    assert.equal(isLongContextRequest(million({ input: 1, output: 1_000_000 })), false, 'output is not input');
  });

  it('ships a table that knows Sonnet 4.5', () => {
    assert.deepEqual(defaultPriceTable().get('claude-sonnet-4-5'), SONNET);
  });

  it('merges an override field by field, lower-casing the model name, without touching the base table', () => {
    const base = defaultPriceTable();
    assert.equal(withPriceOverrides(base, undefined), base);
    const merged = withPriceOverrides(base, { 'Claude-Sonnet-4-5': { input: 2.5, longContext: { output: 20 } } });
    assert.deepEqual(merged.get('claude-sonnet-4-5'), { ...SONNET, input: 2.5, longContext: { ...SONNET.longContext, output: 20 } });
    assert.deepEqual(base.get('claude-sonnet-4-5'), SONNET);
    assert.equal(merged.get('claude-opus-4-5'), base.get('claude-opus-4-5'));
  });

  it('takes a new model given every rate; its long-context rates start from its own plain rates', () => {
    const merged = withPriceOverrides(new Map(), { 'nova-9': { input: 1, output: 2, cacheWrite5m: 1, cacheWrite1h: 1.5, cacheRead: 0, geoPremium: 0, longContext: { input: 4 } } });
    assert.deepEqual(merged.get('nova-9'), { input: 1, output: 2, cacheWrite5m: 1, cacheWrite1h: 1.5, cacheRead: 0, geoPremium: 0, longContext: { input: 4, output: 2, cacheWrite5m: 1, cacheWrite1h: 1.5, cacheRead: 0 } });
  });

  it('refuses a new model missing rates, and rates that are not non-negative finite numbers, naming each', () => {
    invalidOverride(() => withPriceOverrides(new Map(), { 'Nova-9': { input: 1 } }), 'output, cacheWrite5m, cacheWrite1h, cacheRead');
    assert.throws(() => withPriceOverrides(new Map(), { 'Nova-9': { input: 1 } }), /The price override for "nova-9" is missing or has an invalid/);
    const base = defaultPriceTable();
    invalidOverride(() => withPriceOverrides(base, { 'claude-sonnet-4-5': { input: -1 } }), 'input');
    invalidOverride(() => withPriceOverrides(base, { 'claude-sonnet-4-5': { output: Number.POSITIVE_INFINITY } }), 'output');
    invalidOverride(() => withPriceOverrides(base, { 'claude-sonnet-4-5': { cacheRead: '1' as unknown as number } }), 'cacheRead');
    invalidOverride(() => withPriceOverrides(base, { 'claude-sonnet-4-5': { geoPremium: -0.1 } }), 'geoPremium');
    invalidOverride(() => withPriceOverrides(base, { 'claude-sonnet-4-5': { geoPremium: Number.NaN } }), 'geoPremium');
    invalidOverride(() => withPriceOverrides(base, { 'claude-sonnet-4-5': { geoPremium: '0.1' as unknown as number } }), 'geoPremium');
    invalidOverride(() => withPriceOverrides(base, { 'claude-sonnet-4-5': { longContext: { input: -2 } } }), 'longContext.input');
    // Zero is a price (a free tier), not a missing one.
    assert.equal(withPriceOverrides(base, { 'claude-sonnet-4-5': { cacheRead: 0, geoPremium: 0 } }).get('claude-sonnet-4-5')?.cacheRead, 0);
  });
});
