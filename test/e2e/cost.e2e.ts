import assert from 'node:assert/strict';
import { waitUntil } from '../../scripts/vscode-host/waitUntil';
import type { Emulator } from '../emulator/server';
import { defaultWorld } from '../emulator/world';
import { packagedVsix, statusBarDomId } from './support/packagedExtension';
import { useWorkbenchSession } from './support/sessionHooks';
import { monthToDateOf, writeSignedInHome } from './support/signedInHome';
import type { StatusBarEntry } from './support/userActions';
import { startWorkbenchSession, type WorkbenchSession } from './support/workbenchSession';

const STATUS_ITEM = statusBarDomId('bedrockOnboarding.status');
const REFRESH_COST = 'Claude Bedrock: Refresh Cost';
const SHOW_COST_DETAILS = 'Claude Bedrock: Show Cost Details';
const BUDGET_SETTING = 'bedrockOnboarding.monthlyBudget';
/** Manual refreshes are allowed once a minute after any Cost Explorer request (src/core/cost/costCache.ts). */
const MANUAL_REFRESH_INTERVAL_MS = 60_000;

function money(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

async function statusBarShowing(session: WorkbenchSession, what: string, accept: (entry: StatusBarEntry) => boolean, timeoutMs = 60_000): Promise<StatusBarEntry> {
  return waitUntil(`the status bar to show ${what}`, timeoutMs, async () => {
    const entry = await session.user.readStatusBar(STATUS_ITEM);
    return accept(entry) ? entry : undefined;
  }, 500);
}

/** Waits out the one-a-minute limit on manual refreshes, counted from the emulator's last Cost Explorer request. */
async function waitForManualRefreshAllowed(emulator: Emulator): Promise<number> {
  const last = emulator.requests().filter((request) => request.operation === 'GetCostAndUsage').at(-1);
  if (!last) return 0;
  const wait = Math.max(0, Date.parse(last.time) + last.durationMs + MANUAL_REFRESH_INTERVAL_MS + 1_500 - Date.now());
  await new Promise((resolve) => setTimeout(resolve, wait));
  return wait;
}

describe('month-to-date cost in the status bar of the packaged extension, alice signed in against the emulator', function () {
  this.timeout(420_000);
  const started = Date.now();
  // The emulator runs on real time here, so the world file and today decide alice's figure.
  const expected = monthToDateOf(defaultWorld(), 'alice', Date.now());
  const billed = money(expected);
  // 90 % used: between the warning (80 %) and error (100 %) thresholds, rounded up to a cent.
  const budget = Math.ceil((expected / 0.9) * 100) / 100;
  const session = useWorkbenchSession(() => startWorkbenchSessionFor('alice', { [BUDGET_SETTING]: budget }), { screenshotPrefix: 'cost-' });
  after(() => {
    console.log(`      cost spec: ${String(Math.round((Date.now() - started) / 1000))} s in all`);
  });

  it('shows the amount Cost Explorer bills alice this month, from one request', async () => {
    const s = session();
    assert.ok(expected > 0, 'the world bills alice something this month');
    assert.equal(monthToDateOf(s.emulator.world(), 'alice', s.emulator.now()), expected, 'the world the emulator serves');
    const entry = await statusBarShowing(s, billed, (read) => read.text.includes(billed));
    assert.doesNotMatch(entry.text, /~/, 'a billed figure is not marked as an estimate');
    assert.match(entry.ariaLabel, new RegExp(`${String(Math.floor(expected))} dollars and ${String(Math.round((expected % 1) * 100))} cents`));
    assert.equal(s.emulator.requestCount('GetCostAndUsage'), 1);
    console.log(`      status bar: "${entry.text}" (world: ${billed}); ${String(Math.round((Date.now() - started) / 1000))} s after the session started`);
    await s.user.screenshot('cost-01-status-bar');
  });

  it('hovering shows the breakdown: billed through, the last days, the budget line and the links', async () => {
    const s = session();
    const percent = String(Math.round((expected / budget) * 100));
    const tooltip = await s.user.hoverStatusBar(STATUS_ITEM);
    await s.user.screenshot('cost-02-tooltip');
    await s.user.moveMouseAway();
    assert.match(tooltip, new RegExp(`Billed \\${billed} through \\d{4}-\\d{2}-\\d{2}`));
    assert.ok(tooltip.includes(`Budget ${money(budget)}: ${percent}% used`), tooltip);
    assert.match(tooltip, /\d{2}-\d{2} \$\d+\.\d{2}( · \d{2}-\d{2} \$\d+\.\d{2}){2,6}/, 'the last days, one amount each');
    assert.match(tooltip, /Cost Explorer data is \d+ minutes old/);
    assert.match(tooltip, /Refresh/);
    assert.match(tooltip, /Cost Details/);
  });

  it('gives the item the warning background at 90 % of the monthly budget (not the error one)', async () => {
    const s = session();
    const entry = await s.user.readStatusBar(STATUS_ITEM);
    assert.ok(expected / budget >= 0.8 && expected / budget < 1);
    assert.ok(entry.classes.includes('warning-kind'), entry.classes.join(' '));
    assert.ok(!entry.classes.includes('error-kind'));
    await s.user.screenshot('cost-03-near-budget');
  });

  it('Show Cost Details opens the chart in a webview', async () => {
    const s = session();
    await s.user.runCommand(SHOW_COST_DETAILS);
    const frame = s.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await frame.locator('svg.cost-chart').waitFor({ state: 'visible', timeout: 60_000 });
    const bars = await frame.locator('svg.cost-chart rect.bar').count();
    const rows = await frame.locator('table tbody tr').count();
    assert.ok(bars > 0);
    assert.equal(bars, rows, 'one table row per bar');
    assert.match(await frame.locator('.figure').innerText(), new RegExp(`\\${billed}`));
    await s.user.screenshot('cost-05-details');
    await s.user.runCommand('View: Close All Editors');
    assert.equal(s.emulator.requestCount('GetCostAndUsage'), 1);
  });

  it('keeps the last billed figure while Cost Explorer fails, says why, and recovers once the fault clears', async () => {
    const s = session();
    s.emulator.injectFault({ operation: 'GetCostAndUsage', kind: 'status', status: 503 });
    const waited = await waitForManualRefreshAllowed(s.emulator);
    const before = s.emulator.requestCount('GetCostAndUsage');
    await s.user.runCommand(REFRESH_COST);
    const sentence = await waitUntil('a notification saying Cost Explorer is failing', 60_000, async () => {
      const found = (await s.user.readNotifications()).find((notification) => /Cost Explorer is failing right now \(HTTP 503\)/.test(notification.message));
      return found?.message;
    }, 1_000);
    const faulted = s.emulator.requests().filter((request) => request.operation === 'GetCostAndUsage').slice(before);
    assert.ok(faulted.length >= 1 && faulted.every((request) => request.status === 503), JSON.stringify(faulted.map((request) => request.status)));
    const during = await statusBarShowing(s, 'the last billed figure', (entry) => entry.text.includes(billed));
    const tooltipDuring = await s.user.hoverStatusBar(STATUS_ITEM);
    await s.user.screenshot('cost-06-fault');
    await s.user.moveMouseAway();
    assert.match(tooltipDuring, /Cost Explorer is failing right now/);
    console.log(`      during the fault: "${during.text}"; notification: "${sentence}"; ${String(faulted.length)} attempt(s) (SDK retries); waited ${String(Math.round(waited / 1000))} s for the refresh limit`);

    s.emulator.clearFaults();
    const waitedAgain = await waitForManualRefreshAllowed(s.emulator);
    const beforeRecovery = s.emulator.requestCount('GetCostAndUsage');
    await s.user.runCommand(REFRESH_COST);
    await waitUntil('a successful Cost Explorer request', 60_000, () => s.emulator.requests().some((request) => request.operation === 'GetCostAndUsage' && request.status === 200 && request.seq > (faulted.at(-1)?.seq ?? 0)));
    const tooltipAfter = await waitUntil('the tooltip to drop the failure', 30_000, async () => {
      const text = await s.user.hoverStatusBar(STATUS_ITEM);
      await s.user.moveMouseAway();
      return /Cost Explorer is failing/.test(text) ? undefined : text;
    });
    const after = await statusBarShowing(s, billed, (entry) => entry.text.includes(billed));
    assert.match(tooltipAfter, new RegExp(`Billed \\${billed} through`));
    assert.match(tooltipAfter, /Cost Explorer data is 0 minutes old/);
    assert.equal(s.emulator.requestCount('GetCostAndUsage'), beforeRecovery + 1, 'one request brought the figure back');
    await s.user.screenshot('cost-07-recovered');
    console.log(`      after clearing the fault: "${after.text}"; waited ${String(Math.round(waitedAgain / 1000))} s; Cost Explorer requests in the spec: ${String(s.emulator.requestCount('GetCostAndUsage'))}`);
  });
});

/** A workbench whose HOME already holds `userName`'s finished Set Up, with these user settings. */
function startWorkbenchSessionFor(userName: string, userSettings: Readonly<Record<string, unknown>>): Promise<WorkbenchSession> {
  return startWorkbenchSession({
    vsix: packagedVsix(),
    userSettings,
    prepareHome: (home, emulator) => {
      writeSignedInHome(home, emulator, userName);
    },
  });
}
