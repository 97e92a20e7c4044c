import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { BilledCostQuery } from '../../../src/core/cost/billedCostQuery';
import { billedCostQueryKey } from '../../../src/core/cost/billedCostQuery';
import type { CostReport, CostReportOptions } from '../../../src/core/cost/costReport';
import { readCostReport } from '../../../src/core/cost/costReport';
import type { ReconciledDay } from '../../../src/core/cost/dailyReconciliation';
import { fetchDeveloperBilledCost } from '../../../src/core/cost/developerBilledCost';
import { defaultPriceTable } from '../../../src/core/cost/priceTable';
import { useEmulator } from '../../emulator/testSupport';
import { makeTempHome } from '../../support/tempHome';
import { CostProcess, buildCostChild } from './support/costProcesses';
import { assistantLine, writeTranscript } from './transcriptFixtures';

// The emulator's clock and ours start together at 2026-03-15 12:00 UTC; the default
// world bills alice 17.60 this month (last on the 15th) and bob 2.40 (last on the 14th).
const START = Date.parse('2026-03-15T12:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const prices = defaultPriceTable();

/** Sonnet 4.5 at $3 per million input tokens: 100k input tokens cost $0.30. */
function usage(id: string, timestamp: string, inputTokens = 100_000): string {
  return assistantLine({ messageId: `msg_${id}`, requestId: `req_${id}`, timestamp, usage: { input_tokens: inputTokens, output_tokens: 0 } });
}

describe('cost: month-to-date report (Cost Explorer through the shared cache, plus the local estimate)', function () {
  this.timeout(60_000);
  let clock = START;
  const fixture = useEmulator(undefined, { clock: () => clock });
  let home: { home: string; remove: () => Promise<void> };
  let projects: string;
  let cacheDir: string;

  beforeEach(async () => {
    clock = START;
    fixture.emulator.setClock(() => clock);
    fixture.emulator.resetRequests();
    fixture.emulator.clearFaults();
    home = await makeTempHome();
    projects = path.join(home.home, '.claude', 'projects');
    cacheDir = path.join(home.home, 'global-storage');
    await fs.mkdir(projects, { recursive: true });
  });
  afterEach(async () => {
    await home.remove();
  });

  /** Fresh role credentials on every call, as the SSO provider gives after a simulated day. */
  function credentialsOf(user: string): AwsCredentialIdentityProvider {
    return () => {
      const issued = fixture.emulator.issueRoleCredentials(user);
      return Promise.resolve({ accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken });
    };
  }

  function aliceProfileArn(): string {
    const profile = fixture.emulator.applicationProfiles().find((p) => p.tags['DeveloperId'] === 'alice');
    assert.ok(profile, 'the default world gives alice an inference profile');
    return profile.arn;
  }

  function options(user: string, query: Partial<BilledCostQuery> = {}, extra: Partial<CostReportOptions> = {}): CostReportOptions {
    const full: BilledCostQuery = { profile: 'claude-code', tagKey: 'DeveloperId', metric: 'UnblendedCost', region: 'us-east-1', ...query };
    const credentials = credentialsOf(user);
    return {
      cacheDir,
      projectsDir: projects,
      now: () => new Date(clock),
      source: 'auto',
      prices,
      billed: { key: billedCostQueryKey(full), fetch: () => fetchDeveloperBilledCost({ query: full, now: new Date(clock), credentials, maxAttempts: 3 }) },
      ...extra,
    };
  }

  const brief = (day: ReconciledDay | undefined) => (day ? [day.date, day.amount, day.source, day.status] : undefined);
  const ceRequests = (): number => fixture.emulator.requestCount('GetCostAndUsage');
  const dollars = (report: CostReport): string => report.cost.monthToDate.amount.toFixed(2);

  it('bills exactly the days tagged with the developer (from their inference profile), not other developers', async () => {
    const report = await readCostReport(options('alice', { inferenceProfileArn: aliceProfileArn() }, { budget: 20 }));
    assert.equal(dollars(report), '17.60');
    assert.equal(report.cost.source, 'cost-explorer');
    assert.equal(report.cost.state, 'ok');
    assert.deepEqual(report.cost.billed, { amount: report.cost.monthToDate.amount, through: '2026-03-15' });
    assert.equal(report.cost.estimated.since, null);
    assert.equal(report.cost.daily.length, 15);
    assert.deepEqual(brief(report.cost.daily.at(-1)), ['2026-03-15', 1.25, 'billed', 'provisional']);
    assert.deepEqual([report.cost.final.amount.toFixed(2), report.cost.final.through], ['12.85', '2026-03-13'], 'the newest two days are Estimated in the default world');
    assert.equal(report.cost.budget?.used.toFixed(3), '0.880');
    assert.equal(report.cost.fetchedAt, new Date(START).toISOString());
    assert.equal(ceRequests(), 1);
    assert.equal(fixture.emulator.requestCount('ListTagsForResource'), 1);
    assert.equal(report.billed?.refreshed, true);
  });

  it('fills the days Cost Explorer has not billed yet with the labelled local estimate (mixed)', async () => {
    writeTranscript(projects, 'p/s.jsonl', [
      usage('billed-day', '2026-03-14T09:00:00Z'), // covered by Cost Explorer: not added again
      usage('today-1', '2026-03-15T08:00:00Z'),
      usage('today-2', '2026-03-15T09:00:00Z'),
      usage('last-month', '2026-02-27T09:00:00Z'),
    ]);
    const report = await readCostReport(options('alice', { configuredTagValue: 'bob' }));
    assert.equal(report.cost.source, 'mixed');
    assert.deepEqual(report.cost.billed, { amount: 0.8 + 1.6, through: '2026-03-14' });
    assert.equal(report.cost.estimated.since, '2026-03-15');
    assert.equal(report.cost.estimated.amount.toFixed(2), '0.60');
    assert.equal(dollars(report), '3.00');
    assert.deepEqual(brief(report.cost.daily.at(-1)), ['2026-03-15', report.cost.estimated.amount, 'estimated', 'provisional']);
  });

  it('falls back to the estimate, saying which permission is missing, when Cost Explorer is denied (carol)', async () => {
    writeTranscript(projects, 'p/s.jsonl', [usage('a', '2026-03-02T09:00:00Z'), usage('b', '2026-03-15T09:00:00Z', 200_000)]);
    const report = await readCostReport(options('carol'));
    assert.equal(report.cost.source, 'local');
    assert.equal(report.cost.state, 'ok');
    assert.equal(dollars(report), '0.90');
    assert.equal(report.cost.reason?.code, 'cost.access-denied');
    assert.match(report.cost.reason.message, /ce:GetCostAndUsage/);
    assert.equal(report.cost.estimated.since, '2026-03-01');
    assert.equal(ceRequests(), 1, 'a denial is an answer: not retried');
    const again = await readCostReport(options('carol'));
    assert.equal(again.cost.reason?.code, 'cost.access-denied', 'the denial is remembered until the next refresh');
    assert.equal(ceRequests(), 1);
  });

  it('does not present $0.00 as fact when the tag has no cost yet and there is no local usage, nor on days Cost Explorer has not finished', async () => {
    const nothing = await readCostReport(options('alice', { configuredTagValue: 'erin' }));
    assert.equal(nothing.cost.state, 'no-data');
    assert.equal(nothing.cost.reason?.code, 'cost.no-billed-data');
    assert.match(nothing.cost.reason.message, /DeveloperId=erin.*cost allocation tag/);

    // Usage only today, a day Cost Explorer calls estimated: its zero is only its lag.
    writeTranscript(projects, 'p/s.jsonl', [usage('a', '2026-03-15T09:00:00Z')]);
    const estimated = await readCostReport(options('alice', { configuredTagValue: 'erin' }));
    assert.equal(estimated.cost.state, 'ok');
    assert.equal(estimated.cost.source, 'local');
    assert.equal(dollars(estimated), '0.30');
    assert.equal(estimated.cost.reason?.code, 'cost.no-billed-data');
    assert.equal(ceRequests(), 1, 'the empty answer is cached like any other');
  });

  it('asks Cost Explorer at most once per refresh interval; a manual refresh is allowed once a minute', async () => {
    const opts = options('alice', { inferenceProfileArn: aliceProfileArn() }, { refreshIntervalMs: 6 * HOUR });
    await readCostReport(opts);
    clock += 5 * HOUR;
    const cached = await readCostReport(opts);
    assert.equal(cached.billed?.refreshed, false);
    assert.equal(cached.billed.ageMs, 5 * HOUR);
    assert.equal(dollars(cached), '17.60');
    assert.equal(ceRequests(), 1);

    const manual = await readCostReport(opts, { manual: true });
    assert.equal(manual.billed?.refreshed, true);
    assert.equal(ceRequests(), 2);
    clock += 30_000;
    const tooSoon = await readCostReport(opts, { manual: true });
    assert.equal(tooSoon.billed?.refreshed, false);
    assert.equal(tooSoon.notice?.code, 'cost.refresh-rate-limited');
    assert.match(tooSoon.notice.message, /refresh again in 30 seconds/);
    assert.equal(ceRequests(), 2);
    clock += 31_000;
    assert.equal((await readCostReport(opts, { manual: true })).billed?.refreshed, true);
    assert.equal(ceRequests(), 3);

    clock += 6 * HOUR;
    assert.equal((await readCostReport(opts)).billed?.refreshed, true);
    assert.equal(ceRequests(), 4);
  });

  describe('five processes sharing the cache (real child processes)', function () {
    let child: { script: string; remove: () => Promise<void> };
    let running: CostProcess[] = [];
    before(async () => {
      child = await buildCostChild();
    });
    after(async () => {
      await child.remove();
    });
    afterEach(async () => {
      await Promise.all(running.map((process_) => process_.stop()));
      running = [];
    });

    async function startFive(extra: { refreshIntervalMs?: number } = {}): Promise<CostProcess[]> {
      const query: BilledCostQuery = { profile: 'claude-code', tagKey: 'DeveloperId', metric: 'UnblendedCost', region: 'us-east-1', inferenceProfileArn: aliceProfileArn() };
      running = await Promise.all(Array.from({ length: 5 }, () => CostProcess.start(child.script, { cacheDir, projectsDir: projects, query, ...extra })));
      return running;
    }
    const aliceCredentials = (): object => {
      const issued = fixture.emulator.issueRoleCredentials('alice');
      return { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken };
    };

    it('makes one Cost Explorer request when five processes refresh at once', async () => {
      // Slow answers keep the winner's lock held while the others arrive.
      fixture.emulator.injectFault({ operation: 'GetCostAndUsage', kind: 'latency', ms: 300 });
      const processes = await startFive();
      assert.equal(new Set(processes.map((process_) => process_.pid)).size, 5);
      const credentials = aliceCredentials();
      const answers = await Promise.all(processes.map((process_) => process_.tick(clock, credentials)));
      assert.equal(ceRequests(), 1);
      assert.equal(answers.filter((answer) => answer.refreshed).length, 1);
      // The others either found the winner's lock, or (arriving later) its attempt already written down.
      assert.equal(answers.filter((answer) => !answer.refreshed).length, 4);
      const later = await readCostReport(options('alice', { inferenceProfileArn: aliceProfileArn() }));
      assert.equal(dollars(later), '17.60', 'the others read the winner\'s result from the cache');
      assert.equal(ceRequests(), 1);
    });

    it('five processes polling every 5 minutes for a simulated day make at most ceil(24/6)+1 requests', async () => {
      const processes = await startFive({ refreshIntervalMs: 6 * HOUR });
      const end = START + 24 * HOUR;
      for (; clock <= end; clock += 5 * MINUTE) {
        const credentials = aliceCredentials();
        await Promise.all(processes.map((process_) => process_.tick(clock, credentials)));
      }
      const requests = ceRequests();
      if (process.env['COST_TEST_VERBOSE']) console.log(`      Cost Explorer requests in the simulated day: ${String(requests)}`);
      assert.ok(requests <= Math.ceil(24 / 6) + 1, `made ${String(requests)} requests`);
      assert.ok(requests >= 4, `a day has four 6-hour intervals; made ${String(requests)}`);
    });
  });

  it('retries 5xx and throttling, then reports them and keeps showing the last value with its age', async () => {
    const opts = options('alice', { inferenceProfileArn: aliceProfileArn() });
    await readCostReport(opts);
    fixture.emulator.injectFault({ operation: 'GetCostAndUsage', kind: 'status', status: 503 });
    clock += 2 * MINUTE;
    const failing = await readCostReport(opts, { manual: true });
    assert.equal(ceRequests(), 1 + 3, 'three attempts');
    assert.equal(failing.cost.reason?.code, 'cost.service-unavailable');
    assert.equal(dollars(failing), '17.60');
    assert.equal(failing.billed?.ageMs, 2 * MINUTE);

    fixture.emulator.clearFaults();
    fixture.emulator.injectFault({ operation: 'GetCostAndUsage', kind: 'throttle' });
    clock += 2 * MINUTE;
    const throttled = await readCostReport(opts, { manual: true });
    assert.equal(throttled.cost.reason?.code, 'cost.throttled');
    assert.equal(dollars(throttled), '17.60');
    fixture.emulator.clearFaults();
    clock += 2 * MINUTE;
    const recovered = await readCostReport(opts, { manual: true });
    assert.equal(recovered.cost.reason, undefined);
    assert.equal(recovered.billed?.ageMs, 0);
  });

  it('starts afresh at the month boundary, whatever the refresh interval', async () => {
    clock = Date.parse('2026-03-31T23:00:00Z');
    const arn = aliceProfileArn();
    writeTranscript(projects, 'p/s.jsonl', [usage('march', '2026-03-31T22:00:00Z'), usage('april', '2026-04-01T00:10:00Z')]);
    const march = await readCostReport(options('alice', { inferenceProfileArn: arn }));
    assert.equal(march.cost.month, '2026-03');
    clock = Date.parse('2026-04-01T00:30:00Z');
    const april = await readCostReport(options('alice', { inferenceProfileArn: arn }));
    assert.equal(ceRequests(), 2);
    assert.equal(april.cost.month, '2026-04');
    assert.equal(april.cost.billed.through, '2026-04-01');
    assert.deepEqual(april.cost.daily.map((day) => day.date), ['2026-04-01']);
    assert.equal(dollars(april), '1.25', 'March\'s cost and usage are not carried over');
  });

  it('uses only the local estimate when the source setting says so, without asking AWS', async () => {
    writeTranscript(projects, 'p/s.jsonl', [usage('a', '2026-03-10T09:00:00Z')]);
    const report = await readCostReport(options('alice', {}, { source: 'local' }));
    assert.equal(report.cost.source, 'local');
    assert.equal(report.cost.reason?.code, 'cost.local-only');
    assert.equal(dollars(report), '0.30');
    assert.equal(fixture.emulator.requests().length, 0);
  });
});
