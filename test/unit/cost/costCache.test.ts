import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as net from 'node:net';
import * as path from 'node:path';
import type { BilledCost } from '../../../src/core/cost/billedCost';
import { DEFAULT_MANUAL_INTERVAL_MS, DEFAULT_REFRESH_INTERVAL_MS, readBilledCostThroughCache, type BilledCostCacheOptions } from '../../../src/core/cost/costCache';
import { acquireFileLock } from '../../../src/core/files/fileLock';
import type { Logger } from '../../../src/core/runtime/logger';
import { UserFacingError } from '../../../src/core/runtime/userFacingError';
import { makeTempHome } from '../../support/tempHome';

const NOW = new Date('2026-03-15T12:00:00Z');
const CACHE_FILE = 'cost-explorer-cache.json';

function billed(amount: number, extra: Partial<Extract<BilledCost, { state: 'ok' }>> = {}): BilledCost {
  return { state: 'ok', month: '2026-03', currency: 'USD', amount, days: [], through: '2026-03-15', fetchedAt: NOW.toISOString(), requests: 1, ...extra };
}
const HOUR = 60 * 60 * 1000;
const amountOf = (cost: BilledCost | undefined): number | undefined => (cost?.state === 'ok' ? cost.amount : undefined);

describe('cost cache: the refresh another process finished between our read and our lock', function () {
  let home: { home: string; remove: () => Promise<void> };
  beforeEach(async () => {
    home = await makeTempHome();
  });
  afterEach(async () => {
    await home.remove();
  });

  it('is read again once the lock is held, so the answer is reused instead of asking Cost Explorer a second time', async () => {
    // The other process's finished refresh, as it leaves the cache file.
    const other = path.join(home.home, 'other');
    await readBilledCostThroughCache({ directory: other, now: () => NOW, queryKey: 'alice' }, {}, () => Promise.resolve(billed(17.6)));

    // Ours: the first look at the folder finds the cache due (there is none yet). The
    // second look is the one just before taking the lock (ensurePrivateDirectory): the
    // other process's refresh lands exactly then, the interleaving a race would need.
    const ours = path.join(home.home, 'ours');
    let looks = 0;
    const options: BilledCostCacheOptions = {
      get directory(): string {
        looks++;
        if (looks === 2) {
          // A getter cannot wait: copy synchronously, as the other process's rename would appear.
          copyFileSync(path.join(other, CACHE_FILE), path.join(ours, CACHE_FILE));
        }
        return ours;
      },
      now: () => NOW,
      queryKey: 'alice',
    };
    await fs.mkdir(ours, { recursive: true });
    let fetches = 0;
    const answer = await readBilledCostThroughCache(options, {}, () => {
      fetches++;
      return Promise.resolve(billed(99));
    });
    assert.ok(looks >= 2, 'the test reached the point between the read and the lock');
    assert.equal(fetches, 0, 'Cost Explorer was asked again for an answer another process had just fetched');
    assert.equal(answer.refreshed, false);
    assert.equal(answer.billed?.state === 'ok' ? answer.billed.amount : undefined, 17.6);
  });
});

describe('cost cache: one Cost Explorer request per interval, shared by every process', function () {
  let home: { home: string; remove: () => Promise<void> };
  let clock: number;
  let fetches: number;
  let answers: (() => Promise<BilledCost>)[];
  const warnings: string[] = [];
  const logger: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: (message) => { warnings.push(message); }, error: () => undefined };
  const fetch = (): Promise<BilledCost> => {
    fetches++;
    const next = answers.shift();
    return next ? next() : Promise.resolve(billed(fetches));
  };
  const options = (extra: Partial<BilledCostCacheOptions> = {}): BilledCostCacheOptions => ({ directory: home.home, now: () => new Date(clock), queryKey: 'alice', logger, ...extra });
  const read = (extra: Partial<BilledCostCacheOptions> = {}, manual = false) => readBilledCostThroughCache(options(extra), manual ? { manual: true } : {}, fetch);
  const cacheFile = () => path.join(home.home, CACHE_FILE);

  beforeEach(async () => {
    home = await makeTempHome();
    clock = NOW.getTime();
    fetches = 0;
    answers = [];
    warnings.length = 0;
  });
  afterEach(async () => {
    await home.remove();
  });

  it('refreshes every six hours by default, and keeps the cached answer with its age in between', async () => {
    assert.equal(DEFAULT_REFRESH_INTERVAL_MS, 6 * HOUR);
    const first = await read();
    assert.deepEqual([first.refreshed, amountOf(first.billed), first.ageMs, first.error], [true, 1, 0, undefined]);
    clock += 6 * HOUR - 1;
    const cached = await read();
    assert.deepEqual([cached.refreshed, amountOf(cached.billed), cached.ageMs], [false, 1, 6 * HOUR - 1]);
    assert.equal(fetches, 1);
    clock += 1;
    const due = await read();
    assert.deepEqual([due.refreshed, amountOf(due.billed), due.ageMs], [true, 2, 0]);
    const mode = (await fs.stat(cacheFile())).mode & 0o777;
    assert.equal(mode, 0o600, 'the cache names the developer: private');
  });

  it('honours a refresh interval it is given', async () => {
    await read({ refreshIntervalMs: HOUR });
    clock += HOUR;
    assert.equal((await read({ refreshIntervalMs: HOUR })).refreshed, true);
    assert.equal(fetches, 2);
  });

  it('refreshes when the clock was set back before the last attempt, and at the start of a new month', async () => {
    await read();
    clock -= 1;
    assert.equal((await read()).refreshed, true, 'a clock set back does not freeze refreshes');
    clock = Date.parse('2026-03-31T23:00:00Z');
    await read();
    clock = Date.parse('2026-04-01T00:00:00Z');
    const april = await read();
    assert.equal(april.refreshed, true);
    assert.equal(fetches, 4);
  });

  it('does not show last month\'s bill as this month\'s', async () => {
    await read();
    clock = Date.parse('2026-04-01T00:00:00Z');
    answers.push(() => Promise.reject(new UserFacingError('Cost Explorer is throttling.', 'cost.throttled')));
    const april = await read();
    assert.equal(april.billed, undefined);
    assert.equal(april.ageMs, undefined);
    assert.equal(april.error?.code, 'cost.throttled');
  });

  it('allows a manual refresh once a minute after any request, and says when the next one is allowed', async () => {
    assert.equal(DEFAULT_MANUAL_INTERVAL_MS, 60_000);
    await read();
    clock += 59_999;
    const tooSoon = await read({}, true);
    assert.equal(tooSoon.refreshed, false);
    assert.deepEqual(tooSoon.rateLimited, { nextAllowedAt: new Date(NOW.getTime() + 60_000).toISOString() });
    assert.equal(amountOf(tooSoon.billed), 1);
    clock += 1;
    const allowed = await read({}, true);
    assert.equal(allowed.refreshed, true);
    assert.equal(allowed.rateLimited, undefined);
    clock += 10_000;
    const limited = await read({ manualIntervalMs: 5_000 }, true);
    assert.equal(limited.refreshed, true, 'a shorter manual interval it is given');
    clock += 1_000;
    assert.deepEqual((await read({ manualIntervalMs: 5_000 }, true)).rateLimited, { nextAllowedAt: new Date(clock - 1_000 + 5_000).toISOString() });
    assert.equal(fetches, 3);
  });

  it('rate-limits a manual refresh made in the very millisecond of the last request', async () => {
    await read();
    const same = await read({}, true);
    assert.deepEqual([same.refreshed, same.rateLimited], [false, { nextAllowedAt: new Date(NOW.getTime() + 60_000).toISOString() }]);
    assert.equal(fetches, 1);
  });

  it('does not hold an automatic refresh to the manual minute: a new month refreshes at once', async () => {
    clock = Date.parse('2026-03-31T23:59:30Z');
    await read();
    clock = Date.parse('2026-04-01T00:00:00Z');
    const april = await read();
    assert.deepEqual([april.refreshed, april.rateLimited], [true, undefined]);
    assert.equal(fetches, 2);
  });

  it('rate-limits a manual refresh from the manual time of a cache that has no attempt time', async () => {
    await fs.writeFile(cacheFile(), JSON.stringify({ version: 1, queryKey: 'alice', billed: billed(7), fetchedAt: NOW.getTime(), lastManualAt: NOW.getTime() }));
    clock += 30_000;
    const tooSoon = await read({}, true);
    assert.deepEqual([tooSoon.refreshed, amountOf(tooSoon.billed)], [false, 7]);
    assert.deepEqual(tooSoon.rateLimited, { nextAllowedAt: new Date(NOW.getTime() + 60_000).toISOString() });
    assert.equal(fetches, 0);
  });

  it('reads a cache written before answers had aliases: no other query is answered, and none is invented', async () => {
    const older = { version: 1, queryKey: 'aip', billed: billed(3, { tagValue: 'alice' }), fetchedAt: NOW.getTime(), lastAttemptAt: NOW.getTime(), lastManualAt: null, lastError: null };
    await fs.writeFile(cacheFile(), JSON.stringify(older));
    assert.equal((await read({ queryKey: 'value=alice' })).refreshed, true, 'another query, even with the same tag value');
    await fs.writeFile(cacheFile(), JSON.stringify(older));
    clock += 7 * HOUR;
    answers.push(() => Promise.resolve(billed(4, { tagValue: 'alice' })));
    await read({ queryKey: 'aip', keyForTagValue: (value) => `value=${value}` });
    const file = JSON.parse(await fs.readFile(cacheFile(), 'utf8')) as { queryKey: string; aliases: string[] };
    assert.deepEqual([file.queryKey, file.aliases], ['aip', ['value=alice']]);
  });

  it('lets a manual refresh through when the clock went back before the last request', async () => {
    await read();
    clock -= 10_000;
    assert.equal((await read({}, true)).refreshed, true);
  });

  it('keeps the last value on failure, with the failure in the developer\'s words and when it happened', async () => {
    await read();
    clock += 7 * HOUR;
    answers.push(() => Promise.reject(new UserFacingError('Cost Explorer is throttling requests.', 'cost.throttled')));
    const failed = await read();
    assert.equal(failed.refreshed, true);
    assert.equal(amountOf(failed.billed), 1);
    assert.equal(failed.ageMs, 7 * HOUR);
    assert.deepEqual(failed.error, { code: 'cost.throttled', message: 'Cost Explorer is throttling requests.', at: new Date(clock).toISOString() });
    assert.deepEqual(warnings, ['Cost Explorer refresh failed (cost.throttled); keeping the last known value.']);
    clock += 1;
    assert.equal((await read()).error?.code, 'cost.throttled', 'the failure is remembered until the next attempt');
    assert.equal(fetches, 2, 'and the failed attempt counts against the interval');
    clock += 7 * HOUR;
    assert.equal((await read()).error, undefined, 'a success clears it');
  });

  it('words an unexpected failure itself, without secrets', async () => {
    answers.push(() => Promise.reject(new Error('socket hang up, SessionToken=FQoGZXIvYXdzEXAMPLETOKENVALUE')));
    const failed = await read();
    assert.equal(failed.error?.code, 'cost.failed');
    assert.match(failed.error.message, /^The Cost Explorer request failed unexpectedly: socket hang up, SessionToken=«redacted»$/);
    clock += 7 * HOUR;
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a non-Error rejection is the case under test
    answers.push(() => Promise.reject('plain string'));
    assert.equal((await read()).error?.message, 'The Cost Explorer request failed unexpectedly: plain string');
  });

  it('does not wait for another process that is refreshing: it keeps the cached value and says so', async () => {
    await read();
    clock += 7 * HOUR;
    const release = await acquireFileLock(path.join(home.home, 'cost-explorer-cache.lock'), { timeoutMs: 0 });
    assert.ok(release);
    try {
      const busy = await read();
      assert.deepEqual([busy.refreshed, busy.refreshInProgress, amountOf(busy.billed)], [false, true, 1]);
      assert.equal(fetches, 1);
    } finally {
      await release();
    }
  });

  it('takes over a refresh lock left for more than five minutes (its holder hung), by the injected clock', async () => {
    await read();
    clock += 7 * HOUR;
    const hung = await acquireFileLock(path.join(home.home, 'cost-explorer-cache.lock'), { timeoutMs: 0, now: () => clock });
    assert.ok(hung);
    clock += 5 * 60 * 1000;
    assert.equal((await read()).refreshInProgress, true, 'five minutes is not yet stale');
    clock += 1;
    const taken = await read();
    assert.deepEqual([taken.refreshed, taken.refreshInProgress], [true, undefined]);
    assert.equal(fetches, 2);
  });

  it('counts an attempt before the request is answered, so a process killed meanwhile still used up the interval', async () => {
    let seen = '';
    answers.push(async () => {
      seen = await fs.readFile(cacheFile(), 'utf8');
      return billed(5);
    });
    await read();
    const during = JSON.parse(seen) as { lastAttemptAt: number; billed: unknown };
    assert.equal(during.lastAttemptAt, NOW.getTime());
    assert.equal(during.billed, null);
  });

  it('ignores a cache written for another query or version, and rebuilds a damaged one with a warning', async () => {
    await read();
    assert.equal((await read({ queryKey: 'bob' })).refreshed, true, 'another query');
    assert.equal(fetches, 2);
    const cache = JSON.parse(await fs.readFile(cacheFile(), 'utf8')) as object;
    await fs.writeFile(cacheFile(), JSON.stringify({ ...cache, version: 2 }));
    assert.equal((await read({ queryKey: 'bob' })).refreshed, true, 'another version');
    await fs.writeFile(cacheFile(), '{ damaged');
    const rebuilt = await read({ queryKey: 'bob' });
    assert.equal(rebuilt.refreshed, true);
    const warning = `The cost cache ${cacheFile()} could not be read; it will be rebuilt.`;
    assert.deepEqual(warnings, [warning, warning], 'read before and again under the lock');
    assert.equal(fetches, 4);
  });

  it('fails loudly when the cache cannot be read at all (not a missing file)', async () => {
    await fs.mkdir(cacheFile());
    await assert.rejects(read(), (error: NodeJS.ErrnoException) => error.code === 'EISDIR');
    // A cache path that cannot be read but could be replaced (a socket): still not taken for an empty cache.
    await fs.rmdir(cacheFile());
    const socket = net.createServer();
    await new Promise<void>((resolve) => socket.listen(cacheFile(), resolve));
    try {
      await assert.rejects(read(), (error: NodeJS.ErrnoException) => error.code !== undefined && error.code !== 'ENOENT');
      assert.equal(fetches, 0);
    } finally {
      await new Promise((resolve) => socket.close(resolve));
    }
  });

  it('files an answer under the key that names its tag value, so a caller that knows the value reuses it', async () => {
    const keyForTagValue = (value: string): string => `value=${value}`;
    answers.push(() => Promise.resolve(billed(3, { tagValue: 'alice' })));
    await read({ queryKey: 'aip', keyForTagValue });
    const byValue = await read({ queryKey: 'value=alice', keyForTagValue });
    assert.deepEqual([byValue.refreshed, amountOf(byValue.billed)], [false, 3]);
    assert.equal(fetches, 1);
    // A refresh under the value's key keeps the first asker's key (same tag value), and the aliases it had.
    clock += 7 * HOUR;
    answers.push(() => Promise.resolve(billed(4, { tagValue: 'alice' })));
    await read({ queryKey: 'value=alice', keyForTagValue });
    assert.equal(amountOf((await read({ queryKey: 'aip', keyForTagValue })).billed), 4);
    assert.equal(fetches, 2);
    const file = JSON.parse(await fs.readFile(cacheFile(), 'utf8')) as { queryKey: string; aliases: string[] };
    assert.deepEqual([file.queryKey, file.aliases], ['value=alice', ['aip']]);
    // Another tag value is another query: the old names no longer answer.
    clock += 7 * HOUR;
    answers.push(() => Promise.resolve(billed(5, { tagValue: 'bob' })));
    await read({ queryKey: 'value=alice', keyForTagValue });
    const after = JSON.parse(await fs.readFile(cacheFile(), 'utf8')) as { queryKey: string; aliases: string[] };
    assert.deepEqual([after.queryKey, after.aliases], ['value=alice', ['value=bob']]);
    assert.equal((await read({ queryKey: 'aip', keyForTagValue })).refreshed, true);
  });

  it('files no alias without a tag value or a way to name it', async () => {
    answers.push(() => Promise.resolve(billed(3, { tagValue: 'alice' })));
    await read({ queryKey: 'aip' });
    answers.push(() => Promise.resolve(billed(3)));
    await read({ queryKey: 'other', keyForTagValue: (value) => `value=${value}` });
    const file = JSON.parse(await fs.readFile(cacheFile(), 'utf8')) as { aliases: string[] };
    assert.deepEqual(file.aliases, []);
  });
});
