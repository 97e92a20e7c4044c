import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { BilledCost } from '../../../src/core/cost/billedCost';
import { readBilledCostThroughCache, type BilledCostCacheOptions } from '../../../src/core/cost/costCache';
import { makeTempHome } from '../../support/tempHome';

const NOW = new Date('2026-03-15T12:00:00Z');
const CACHE_FILE = 'cost-explorer-cache.json';

function billed(amount: number): BilledCost {
  return { state: 'ok', month: '2026-03', currency: 'USD', amount, days: [], through: '2026-03-15', fetchedAt: NOW.toISOString(), requests: 1 };
}

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
