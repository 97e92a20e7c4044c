import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { BilledCost } from '../../../src/core/cost/billedCost';
import type { CostReportOptions } from '../../../src/core/cost/costReport';
import { readCostReport } from '../../../src/core/cost/costReport';
import { acquireFileLock } from '../../../src/core/files/fileLock';
import { defaultPriceTable } from '../../../src/core/cost/priceTable';
import type { Logger } from '../../../src/core/runtime/logger';
import { UserFacingError } from '../../../src/core/runtime/userFacingError';
import { makeTempHome } from '../../support/tempHome';
import { assistantLine, writeTranscript } from './transcriptFixtures';

const START = Date.parse('2026-03-15T12:00:00Z');
const HOUR = 60 * 60 * 1000;
const AIP = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc123';

function billed(amount: number): BilledCost {
  return { state: 'ok', month: '2026-03', currency: 'USD', amount, days: [{ date: '2026-03-14', amount, estimated: false }], through: '2026-03-14', fetchedAt: new Date(START).toISOString(), requests: 1, tagKey: 'DeveloperId', tagValue: 'alice' };
}

describe('cost: the report puts the cache, the transcripts and the settings together', function () {
  let home: { home: string; remove: () => Promise<void> };
  let clock: number;
  let fetches: number;
  let projects: string;
  let cacheDir: string;
  const warnings: string[] = [];
  const logger: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: (message) => { warnings.push(message); }, error: () => undefined };

  beforeEach(async () => {
    home = await makeTempHome();
    clock = START;
    fetches = 0;
    warnings.length = 0;
    projects = path.join(home.home, 'projects');
    cacheDir = path.join(home.home, 'cache');
    await fs.mkdir(projects, { recursive: true });
  });
  afterEach(async () => {
    await home.remove();
  });

  const options = (extra: Partial<CostReportOptions> = {}): CostReportOptions => ({
    cacheDir,
    projectsDir: projects,
    now: () => new Date(clock),
    source: 'auto',
    prices: defaultPriceTable(),
    billed: { key: 'alice', fetch: () => { fetches++; return Promise.resolve(billed(2)); } },
    logger,
    ...extra,
  });

  it('asks Cost Explorer for the sources that use it, and never for the others', async () => {
    assert.equal((await readCostReport(options({ source: 'cost-explorer' }))).cost.source, 'cost-explorer');
    assert.equal(fetches, 1);
    for (const source of ['local', 'off'] as const) {
      const report = await readCostReport(options({ source }));
      assert.equal(report.billed, undefined);
      assert.equal(report.notice, undefined);
      assert.ok(!('notice' in report));
    }
    assert.equal((await readCostReport(options({ billed: undefined }))).billed, undefined);
    assert.equal(fetches, 1);
  });

  it('passes the refresh intervals and the logger on to the cache', async () => {
    await readCostReport(options({ refreshIntervalMs: HOUR }));
    clock += HOUR;
    assert.equal((await readCostReport(options({ refreshIntervalMs: HOUR }))).billed?.refreshed, true);
    clock += 5_000;
    assert.equal((await readCostReport(options({ manualIntervalMs: 4_000 }), { manual: true })).billed?.refreshed, true);
    assert.equal(fetches, 3);
    clock += 7 * HOUR;
    await readCostReport(options({ billed: { key: 'alice', fetch: () => Promise.reject(new UserFacingError('Cost Explorer is throttling.', 'cost.throttled')) } }));
    assert.deepEqual(warnings, ['Cost Explorer refresh failed (cost.throttled); keeping the last known value.']);
  });

  it('files the answer under the key that names the tag value when it is given a way to name it', async () => {
    await readCostReport(options({ billed: { key: 'aip', keyForTagValue: (value) => `value=${value}`, fetch: () => { fetches++; return Promise.resolve(billed(2)); } } }));
    const again = await readCostReport(options({ billed: { key: 'value=alice', fetch: () => { fetches++; return Promise.resolve(billed(3)); } } }));
    assert.equal(again.cost.monthToDate.amount, 2);
    assert.equal(fetches, 1);
  });

  it('says how many seconds until a manual refresh is allowed, rounded up', async () => {
    await readCostReport(options());
    clock += 30_500;
    const tooSoon = await readCostReport(options(), { manual: true });
    assert.deepEqual(tooSoon.notice, {
      code: 'cost.refresh-rate-limited',
      message: 'Cost Explorer was refreshed moments ago and each request is billed: showing that result; you can refresh again in 30 seconds.',
    });
    clock += 29_499;
    assert.match((await readCostReport(options(), { manual: true })).notice?.message ?? '', /refresh again in 1 seconds\.$/);
  });

  it('says another window is refreshing, rather than waiting for it', async () => {
    await fs.mkdir(cacheDir, { recursive: true });
    const release = await acquireFileLock(path.join(cacheDir, 'cost-explorer-cache.lock'), { timeoutMs: 0 });
    assert.ok(release);
    try {
      const busy = await readCostReport(options());
      assert.deepEqual(busy.notice, { code: 'cost.refresh-in-progress', message: 'Another window is refreshing the cost from Cost Explorer right now: its result will appear here in a moment.' });
      assert.equal(fetches, 0);
    } finally {
      await release();
    }
    assert.ok(!('notice' in (await readCostReport(options()))), 'no notice when the refresh happened');
  });

  it('prices usage through an application inference profile it is told the model of, and adds the budget', async () => {
    writeTranscript(projects, 'p/s.jsonl', [assistantLine({ messageId: 'm1', requestId: 'r1', model: AIP, timestamp: '2026-03-15T09:00:00Z', usage: { input_tokens: 100_000, output_tokens: 0 } })]);
    const unknown = await readCostReport(options({ source: 'local' }));
    assert.equal(unknown.cost.monthToDate.amount, 0);
    assert.equal(unknown.cost.estimated.unpricedTokens, 100_000);
    const known = await readCostReport(options({ source: 'local', applicationProfiles: new Map([[AIP, 'global.anthropic.claude-sonnet-4-5-20250929-v1:0']]), budget: 10 }));
    assert.equal(known.cost.monthToDate.amount.toFixed(2), '0.30');
    assert.equal(known.cost.budget?.used.toFixed(3), '0.030');
  });

  it('keeps its transcript scan state, rewriting it only when something was read, removed, or the month changed', async () => {
    const stateFile = path.join(cacheDir, 'transcript-scan-state.json');
    await readCostReport(options({ source: 'local' }));
    const first = await fs.stat(stateFile);
    await readCostReport(options({ source: 'local' }));
    assert.equal((await fs.stat(stateFile)).ino, first.ino, 'nothing new: not rewritten');
    writeTranscript(projects, 'p/s.jsonl', [assistantLine({ messageId: 'm1', requestId: 'r1', timestamp: '2026-03-15T09:00:00Z', usage: { input_tokens: 100_000, output_tokens: 0 } })]);
    const read = await readCostReport(options({ source: 'local' }));
    const second = await fs.stat(stateFile);
    assert.notEqual(second.ino, first.ino, 'a file was read');
    assert.equal(read.cost.monthToDate.amount.toFixed(2), '0.30');
    await fs.rm(path.join(projects, 'p', 's.jsonl'));
    const removed = await readCostReport(options({ source: 'local' }));
    const third = await fs.stat(stateFile);
    assert.notEqual(third.ino, second.ino, 'a file was removed');
    assert.equal(removed.cost.monthToDate.amount, 0);
    clock = Date.parse('2026-04-01T00:10:00Z');
    await readCostReport(options({ source: 'local' }));
    assert.notEqual((await fs.stat(stateFile)).ino, third.ino, 'a new month');
  });
});
