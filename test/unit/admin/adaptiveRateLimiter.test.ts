import assert from 'node:assert/strict';
import { AdaptiveRateLimiter } from '../../../src/core/admin/adaptiveRateLimiter';

/** A token bucket like the account's (capacity = rate), on a virtual clock. */
class VirtualBucket {
  private tokens: number;
  private last = 0;
  constructor(private readonly perSecond: number) {
    this.tokens = perSecond;
  }
  take(now: number): boolean {
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Sends `count` successful requests one after another through the limiter; returns virtual ms and throttles. */
async function simulate(count: number, limit: number | undefined, initialRate = 10): Promise<{ ms: number; throttles: number; rates: number[] }> {
  let now = 0;
  const limiter = new AdaptiveRateLimiter({
    initialRate,
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  });
  const bucket = limit === undefined ? undefined : new VirtualBucket(limit);
  const rates: number[] = [];
  let done = 0;
  while (done < count) {
    await limiter.acquire();
    if (bucket && !bucket.take(now)) {
      limiter.onThrottle();
      continue;
    }
    limiter.onSuccess();
    done++;
    if (done % 50 === 0) rates.push(limiter.currentRate);
  }
  return { ms: now, throttles: limiter.throttles, rates };
}

describe('admin: adaptive rate limiter', () => {
  it('finds a 20/s limit and holds close to it: 600 requests within 10 % of the ideal', async () => {
    const { ms, throttles, rates } = await simulate(600, 20);
    const ideal = ((600 - 20) / 20) * 1000; // the bucket's initial burst is free
    assert.ok(ms <= ideal * 1.1, `took ${ms.toFixed(0)} ms, ideal ${ideal} ms`);
    assert.ok(throttles > 0 && throttles < 60, `throttles: ${throttles}`);
    for (const rate of rates.slice(3)) assert.ok(rate > 15 && rate < 25, `rate drifted to ${rate}`);
  });

  it('adapts the same way to a slower and a faster account', async () => {
    for (const limit of [3, 50]) {
      const count = limit * 20;
      const { ms } = await simulate(count, limit);
      const ideal = ((count - limit) / limit) * 1000;
      assert.ok(ms <= ideal * 1.15, `limit ${limit}/s: took ${ms.toFixed(0)} ms, ideal ${ideal} ms`);
    }
  });

  it('speeds up quickly when nothing throttles, and never sends faster than its cap', async () => {
    const { ms, throttles } = await simulate(1000, undefined);
    assert.equal(throttles, 0);
    assert.ok(ms < 10_000, `1000 unthrottled requests took ${ms} ms`);
    assert.ok(ms >= (1000 / 200) * 1000 - 1000, 'the 200/s cap holds');
  });

  it('counts every throttle, but lowers the rate at most once a second', () => {
    let now = 5000;
    const limiter = new AdaptiveRateLimiter({ initialRate: 40, now: () => now });
    for (let i = 0; i < 40; i++) limiter.onSuccess();
    limiter.onThrottle();
    const lowered = limiter.currentRate;
    assert.ok(lowered < 40);
    limiter.onThrottle();
    limiter.onThrottle();
    assert.equal(limiter.currentRate, lowered);
    assert.equal(limiter.throttles, 3);
    now += 1500;
    limiter.onThrottle();
    assert.ok(limiter.currentRate < lowered);
  });
});
