import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { BilledCostQuery } from '../../../src/core/cost/billedCostQuery';
import { billedCostQueryKey } from '../../../src/core/cost/billedCostQuery';
import type { CostReport, CostReportOptions } from '../../../src/core/cost/costReport';
import { readCostReport } from '../../../src/core/cost/costReport';
import { fetchDeveloperBilledCost } from '../../../src/core/cost/developerBilledCost';
import { defaultPriceTable } from '../../../src/core/cost/priceTable';
import { useEmulator } from '../../emulator/testSupport';
import type { CostExplorerSpec } from '../../emulator/world';
import { makeTempHome } from '../../support/tempHome';
import { assistantLine, writeTranscript } from './transcriptFixtures';

const START = Date.parse('2026-03-15T12:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const prices = defaultPriceTable();
/** Cost Explorer refreshes at 00:00, 08:00 and 16:00 UTC with data up to 4 hours before; only the newest day is Estimated. */
const LAGGING: CostExplorerSpec = { estimatedDays: 1, lagHours: 4, refreshEveryHours: 8 };

/** Sonnet 4.5 at $3 per million input tokens: 100k input tokens cost $0.30. */
function usage(id: string, timestamp: string, inputTokens = 100_000): string {
  return assistantLine({ messageId: `msg_${id}`, requestId: `req_${id}`, timestamp, usage: { input_tokens: inputTokens, output_tokens: 0 } });
}

describe('cost: Cost Explorer as it really reports (lag, Estimated days, refusals, paging, tag case)', function () {
  this.timeout(120_000);
  let clock = START;
  const fixture = useEmulator(
    (world) => {
      world.costRecords = [
        ...(world.costRecords ?? []),
        { date: '2026-03-10', amount: 2, tags: { DeveloperId: 'lagging' } },
        { date: '2026-03-14', amount: 3, tags: { DeveloperId: 'lagging' } },
        { date: '2026-03-15', amount: 2.4, tags: { DeveloperId: 'lagging' } },
        { daysAgo: 3, amount: 4.2, tags: { DeveloperId: 'Erin.Doe' } },
        { daysAgo: 3, amount: 1, tags: { DeveloperId: 'erin.doe' } },
      ];
      world.users.push({
        userName: 'Erin.Doe',
        email: 'erin@example.com',
        displayName: 'Erin Doe',
        attributes: { Team: 'data', DeveloperId: 'Erin.Doe' },
        assignments: [{ accountId: '111122223333', roleName: 'BedrockDeveloper' }],
      });
    },
    { clock: () => clock },
  );
  let home: { home: string; remove: () => Promise<void> };
  let projects: string;
  let cacheDir: string;

  beforeEach(async () => {
    clock = START;
    fixture.emulator.setClock(() => clock);
    fixture.emulator.resetRequests();
    fixture.emulator.clearFaults();
    fixture.emulator.setCostExplorer({ estimatedDays: 2 });
    home = await makeTempHome();
    projects = path.join(home.home, '.claude', 'projects');
    cacheDir = path.join(home.home, 'global-storage');
    await fs.mkdir(projects, { recursive: true });
  });
  afterEach(async () => {
    await home.remove();
  });

  function credentialsOf(user: string): AwsCredentialIdentityProvider {
    return () => {
      const issued = fixture.emulator.issueRoleCredentials(user);
      return Promise.resolve({ accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken });
    };
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
      refreshIntervalMs: 6 * HOUR,
      billed: { key: billedCostQueryKey(full), fetch: () => fetchDeveloperBilledCost({ query: full, now: new Date(clock), credentials, maxAttempts: 3 }) },
      ...extra,
    };
  }

  const ceRequests = (): number => fixture.emulator.requestCount('GetCostAndUsage');
  const dollars = (report: CostReport): string => report.cost.monthToDate.amount.toFixed(2);
  const day = (report: CostReport, date: string) => report.cost.daily.find((entry) => entry.date === date);

  it('counts today\'s local usage Cost Explorer has not seen yet, then shows the bill once the day turns final, asking once per refresh interval', async () => {
    fixture.emulator.setCostExplorer(LAGGING);
    writeTranscript(projects, 'p/s.jsonl', [
      usage('yesterday', '2026-03-14T10:00:00Z', 200_000), // $0.60 locally, but the day is final: Cost Explorer's $3.00 stands
      usage('early', '2026-03-15T02:00:00Z'), // $0.30
      // $1.20 after Cost Explorer's 04:00 cut-off (four requests: one over 200k tokens would be long-context priced)
      ...[1, 2, 3, 4].map((n) => usage(`late-${String(n)}`, `2026-03-15T09:0${String(n)}:00Z`)),
    ]);
    const opts = options('alice', { configuredTagValue: 'lagging' });

    const first = await readCostReport(opts);
    // Cost Explorer has 4 of today's 24 hours ($0.40 of $2.40) and calls today estimated.
    const today = day(first, '2026-03-15');
    assert.deepEqual(
      [today?.amount.toFixed(2), today?.source, today?.status, today?.billed?.toFixed(2), today?.estimated.toFixed(2), today?.why],
      ['1.50', 'estimated', 'provisional', '0.40', '1.50', 'cost-explorer-estimated'],
    );
    assert.deepEqual([day(first, '2026-03-14')?.amount, day(first, '2026-03-14')?.status], [3, 'final']);
    assert.equal(dollars(first), '6.50', 'final $5.00 plus today\'s $1.50 local estimate');
    assert.equal(first.cost.source, 'mixed');
    assert.deepEqual([first.cost.final.amount.toFixed(2), first.cost.final.through], ['5.00', '2026-03-14']);
    assert.deepEqual([first.cost.provisional.amount.toFixed(2), first.cost.provisional.days], ['1.50', ['2026-03-15']]);
    assert.equal(ceRequests(), 1);

    const figures: number[] = [];
    const end = START + 24 * HOUR;
    for (clock = START + 30 * MINUTE; clock <= end; clock += 30 * MINUTE) figures.push((await readCostReport(opts)).cost.monthToDate.amount);
    clock = end;
    const last = await readCostReport(opts);
    assert.equal(ceRequests(), 5, 'one request at the start and one per 6-hour interval of the day, as before');
    assert.ok(figures.every((figure) => figure >= 6.5 - 1e-9), `the figure never dropped below either source: ${figures.map((figure) => figure.toFixed(2)).join(' ')}`);
    // At 12:00 on the 16th Cost Explorer refreshed at 08:00 with data through 04:00: the 15th is whole and final.
    assert.deepEqual([day(last, '2026-03-15')?.amount.toFixed(2), day(last, '2026-03-15')?.status, day(last, '2026-03-15')?.source], ['2.40', 'final', 'billed']);
    assert.equal(dollars(last), '7.40', 'exactly what Cost Explorer bills');
    assert.equal(last.cost.source, 'cost-explorer');
    assert.deepEqual([last.cost.final.amount.toFixed(2), last.cost.final.through], ['7.40', '2026-03-15']);
  });

  describe('every way Cost Explorer says no: the right sentence, the right person, and the estimate meanwhile', () => {
    const cases: { name: string; user?: string; setUp: () => void; code: string; sentence: RegExp }[] = [
      {
        name: 'Cost Explorer never enabled for the account',
        setUp: () => { fixture.emulator.setCostExplorer({ enabled: false }); },
        code: 'cost.not-enabled',
        sentence: /not enabled for this AWS account: ask your AWS billing administrator to enable it .*Billing and Cost Management console.*about a day later/,
      },
      {
        name: 'data unavailable',
        setUp: () => { fixture.emulator.setCostExplorer({ dataUnavailable: true }); },
        code: 'cost.data-unavailable',
        sentence: /no data for this account yet .*nothing to do/,
      },
      {
        name: 'the tag not activated as a cost allocation tag (zeros on finished days with local use)',
        setUp: () => { fixture.emulator.setCostExplorer({ inactiveTagKeys: ['DeveloperId'] }); },
        code: 'cost.tag-not-active',
        sentence: /no cost tagged DeveloperId=alice on days it has finished, although Claude Code was used on them \(from 2026-03-10\).*not activated as a cost allocation tag\. Ask your AWS billing administrator to activate DeveloperId/,
      },
      {
        name: 'throttled',
        setUp: () => { fixture.emulator.injectFault({ operation: 'GetCostAndUsage', kind: 'throttle' }); },
        code: 'cost.throttled',
        sentence: /throttling requests .*tried again at the next refresh/,
      },
      {
        name: 'no permission (carol)',
        user: 'carol',
        setUp: () => undefined,
        code: 'cost.access-denied',
        sentence: /ask your admin to allow ce:GetCostAndUsage/,
      },
    ];
    for (const refusal of cases) {
      it(refusal.name, async () => {
        refusal.setUp();
        writeTranscript(projects, 'p/s.jsonl', [usage('a', '2026-03-10T09:00:00Z'), usage('b', '2026-03-15T09:00:00Z')]);
        const report = await readCostReport(options(refusal.user ?? 'alice', { configuredTagValue: 'alice' }));
        assert.equal(report.cost.reason?.code, refusal.code, JSON.stringify(report.cost.reason));
        assert.match(report.cost.reason.message, refusal.sentence);
        assert.match(report.cost.reason.message, /local estimate/);
        assert.equal(report.cost.source, 'local');
        assert.equal(dollars(report), '0.60', 'the estimate is shown meanwhile');
        assert.deepEqual(report.cost.daily.map((entry) => entry.status), ['estimate', 'estimate']);
      });
    }
  });

  it('follows NextPageToken over every page (Cost Explorer may page a month of days)', async () => {
    fixture.emulator.setCostExplorer({ estimatedDays: 2, pageSize: 4 });
    const report = await readCostReport(options('alice', { configuredTagValue: 'alice' }));
    assert.equal(ceRequests(), 4, '15 days in pages of 4');
    assert.equal(report.cost.daily.length, 15);
    assert.equal(dollars(report), '17.60', 'every page counted');
    assert.equal(report.billed?.billed?.requests, 4);
  });

  it('keeps the case of the name derived from the sign-in (tag values are case-sensitive in Cost Explorer)', async () => {
    const report = await readCostReport(options('Erin.Doe'));
    assert.deepEqual(report.cost.tag, { key: 'DeveloperId', value: 'Erin.Doe' });
    assert.equal(dollars(report), '4.20', 'not erin.doe\'s $1.00, nor both');
  });

  it('asks for the value on the developer\'s own inference profile even when the setting spells it otherwise', async () => {
    const aip = fixture.emulator.applicationProfiles().find((profile) => profile.tags['DeveloperId'] === 'alice');
    assert.ok(aip);
    const report = await readCostReport(options('alice', { configuredTagValue: 'Alice', inferenceProfileArn: aip.arn }));
    assert.deepEqual(report.cost.tag, { key: 'DeveloperId', value: 'alice' });
    assert.equal(dollars(report), '17.60');
  });
});
