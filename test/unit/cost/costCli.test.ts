import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { defaultWorld } from '../../emulator/world';
import { runBuiltCli } from '../../support/cliRunner';
import { writeSsoSignIn } from '../../support/ssoSignIn';
import { makeTempHome } from '../../support/tempHome';
import { assistantLine, writeTranscript } from './transcriptFixtures';

const DAY = 24 * 60 * 60 * 1000;

/** What the world bills `developer` this UTC month on the emulator's (real) clock. */
function expectedMonthToDate(emulator: Emulator, developer: string): { amount: number; through: string | undefined } {
  const now = emulator.now();
  const month = new Date(now).toISOString().slice(0, 7);
  let amount = 0;
  let through: string | undefined;
  for (const record of emulator.world().costRecords ?? []) {
    if (record.tags?.['DeveloperId'] !== developer) continue;
    const date = record.date ?? new Date(now - (record.daysAgo ?? 0) * DAY).toISOString().slice(0, 10);
    if (!date.startsWith(month)) continue;
    amount += record.amount;
    if (through === undefined || date > through) through = date;
  }
  return { amount, through };
}

/** The profile and cached SSO token `bedrock-onboard login` would have written for `user`. */
async function signedInHome(home: string, emulator: Emulator, user: string, inferenceProfileArn?: string): Promise<void> {
  writeSsoSignIn(home, emulator, user);
  if (inferenceProfileArn) {
    await fs.mkdir(path.join(home, '.claude'), { recursive: true });
    await fs.writeFile(path.join(home, '.claude', 'settings.json'), JSON.stringify({ env: { CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_MODEL: inferenceProfileArn } }, null, 2));
  }
}

interface CostJson {
  monthToDate: { amount: number; currency: string };
  billed: { amount: number; through: string | null };
  estimated: { amount: number; since: string | null };
  daily: { date: string; amount: number; source: string }[];
  source: string;
  fetchedAt: string | null;
  state: string;
  reason?: { code: string; message: string };
}

describe('bedrock-onboard cost (built CLI in its own process, emulator)', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let home: string;
  let removeHome: () => Promise<void>;
  let env: Record<string, string>;

  beforeEach(async () => {
    emulator = await startEmulator(defaultWorld());
    ({ home, remove: removeHome } = await makeTempHome());
    env = { HOME: home, AWS_REGION: 'us-east-1', ...emulatorEndpointEnv(emulator.url) };
  });
  afterEach(async () => {
    await emulator.close();
    await removeHome();
  });

  it('--json prints the billed month-to-date for the tag on the developer\'s inference profile, then answers from the cache', async () => {
    const aip = emulator.applicationProfiles().find((p) => p.tags['DeveloperId'] === 'alice');
    assert.ok(aip);
    await signedInHome(home, emulator, 'alice', aip.arn);
    const expected = expectedMonthToDate(emulator, 'alice');

    const run = await runBuiltCli(['cost', '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as CostJson;
    if (expected.through === undefined) {
      assert.equal(report.state, 'no-data');
    } else {
      assert.equal(report.source, 'cost-explorer');
      assert.equal(report.monthToDate.amount.toFixed(2), expected.amount.toFixed(2));
      assert.equal(report.billed.through, expected.through);
      assert.equal(report.daily.at(-1)?.date, expected.through);
    }
    assert.equal(report.monthToDate.currency, 'USD');
    assert.equal(emulator.requestCount('GetCostAndUsage'), 1);
    await fs.access(path.join(home, '.cache', 'bedrock-onboarding', 'cost-explorer-cache.json'));

    const text = await runBuiltCli(['cost'], env);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^Month to date \(\d{4}-\d{2}\): (\$\d+\.\d{2}|no cost data yet)\n/);
    assert.match(text.stdout, /Source: billed \(Cost Explorer\)/);
    assert.match(text.stdout, /Day {9}Amount {6}Source/);
    assert.equal(emulator.requestCount('GetCostAndUsage'), 1, 'the second run reads the cache');

    const refreshed = await runBuiltCli(['cost', '--refresh', '--json'], env);
    assert.equal(refreshed.code, 0, refreshed.stderr);
    assert.equal(emulator.requestCount('GetCostAndUsage'), 1, 'a manual refresh within a minute of the last request is refused');
    assert.match(refreshed.stderr, /refresh again in \d+ seconds/);
    for (const secret of emulator.issuedSecrets()) assert.ok(!run.stdout.includes(secret) && !text.stdout.includes(secret) && !refreshed.stderr.includes(secret));
  });

  it('shows the labelled local estimate when Cost Explorer is denied (carol)', async () => {
    await signedInHome(home, emulator, 'carol');
    const today = new Date(emulator.now()).toISOString();
    writeTranscript(path.join(home, '.claude', 'projects'), '-home-carol-app/s.jsonl', [
      assistantLine({ messageId: 'msg_1', requestId: 'req_1', timestamp: today, usage: { input_tokens: 100_000, output_tokens: 10_000 } }),
    ]);
    const run = await runBuiltCli(['cost', '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as CostJson;
    assert.equal(report.source, 'local');
    assert.equal(report.reason?.code, 'cost.access-denied', run.stdout);
    assert.equal(report.monthToDate.amount.toFixed(2), '0.45'); // Sonnet 4.5: 0.1 M × $3 + 0.01 M × $15
    const text = await runBuiltCli(['cost'], env);
    assert.match(text.stdout, /Month to date \(\d{4}-\d{2}\): ~\$0\.45\n/);
    assert.match(text.stdout, /Note: Cost Explorer is not permitted for your role: ask your admin to allow ce:GetCostAndUsage/);
  });

  it('--json counts today\'s local usage that a lagging Cost Explorer has not seen, on a provisional day that says why', async () => {
    emulator.setCostExplorer({ lagHours: 30 }); // nothing of today (nor much of yesterday) is in Cost Explorer yet
    const aip = emulator.applicationProfiles().find((p) => p.tags['DeveloperId'] === 'alice');
    assert.ok(aip);
    await signedInHome(home, emulator, 'alice', aip.arn);
    const now = new Date(emulator.now());
    writeTranscript(path.join(home, '.claude', 'projects'), '-home-alice-app/s.jsonl', [
      assistantLine({ messageId: 'msg_1', requestId: 'req_1', timestamp: now.toISOString(), usage: { input_tokens: 100_000, output_tokens: 10_000 } }),
    ]);
    const run = await runBuiltCli(['cost', '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as CostJson & { provisional: { days: string[] }; tag: { key: string; value: string }; rule: string };
    const today = report.daily.find((day) => day.date === now.toISOString().slice(0, 10)) as (CostJson['daily'][number] & { status: string; billed: number; why: string }) | undefined;
    assert.deepEqual([today?.amount.toFixed(2), today?.source, today?.status, today?.billed, today?.why], ['0.45', 'estimated', 'provisional', 0, 'cost-explorer-estimated']);
    assert.ok(report.provisional.days.includes(today?.date ?? ''));
    const sum = report.daily.reduce((total, day) => total + day.amount, 0);
    assert.equal(report.monthToDate.amount.toFixed(2), sum.toFixed(2), 'the total is the sum of the days shown');
    assert.deepEqual(report.tag, { key: 'DeveloperId', value: 'alice' });
    assert.match(report.rule, /larger of what it billed so far and the local estimate/);
    const text = await runBuiltCli(['cost'], env);
    assert.match(text.stdout, /Scope: spend tagged DeveloperId=alice in Cost Explorer/);
    assert.match(text.stdout, /\$0\.45 {2}estimated {2}provisional: Cost Explorer so far \$0\.00, local estimate \$0\.45/);
  });

  it('exits 2 on an unknown flag without asking AWS', async () => {
    const run = await runBuiltCli(['cost', '--bogus'], env);
    assert.equal(run.code, 2);
    assert.equal(emulator.requestCount(), 0);
  });
});
