import assert from 'node:assert/strict';
import { addTokens, subtractTokens, totalTokens, zeroTokens } from '../../../src/core/cost/tokenCounts';

describe('cost: token counts', () => {
  it('adds, subtracts and totals each kind of token apart', () => {
    const counts = zeroTokens();
    addTokens(counts, { input: 10, output: 200, cacheWrite5m: 3000, cacheWrite1h: 40000, cacheRead: 500000 });
    addTokens(counts, { input: 1, output: 2, cacheWrite5m: 3, cacheWrite1h: 4, cacheRead: 5 });
    assert.deepEqual(counts, { input: 11, output: 202, cacheWrite5m: 3003, cacheWrite1h: 40004, cacheRead: 500005 });
    subtractTokens(counts, { input: 1, output: 2, cacheWrite5m: 3, cacheWrite1h: 4, cacheRead: 5 });
    assert.deepEqual(counts, { input: 10, output: 200, cacheWrite5m: 3000, cacheWrite1h: 40000, cacheRead: 500000 });
    assert.equal(totalTokens(counts), 543210);
    assert.equal(totalTokens(zeroTokens()), 0);
  });
});
