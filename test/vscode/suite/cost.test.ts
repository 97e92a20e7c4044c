import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CostReport } from '../../../src/core/cost/costReport';
import type { CostDetailsShown } from '../../../src/vscode/cost/costDetailsPanel';
import type { BedrockOnboardingApi } from '../../../src/vscode/extension';
import type { Emulator } from '../../emulator/server';
import { assistantLine, writeTranscript } from '../../unit/cost/transcriptFixtures';
import { startSuiteEmulator, writeSignedInHome, type SuiteEmulator } from './support/emulatorForSuite';
import { EXTENSION_ID } from './manifest';
import { statusBarWhen } from './support/statusBar';

/** The tab model follows the renderer a moment after a panel is created or revealed. */
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Refresh Cost and Show Cost Details in the real extension host, alice signed in against the emulator. */
describe('Month-to-date cost (extension host, emulator)', function () {
  this.timeout(60_000);
  let suite: SuiteEmulator;
  let emulator: Emulator;
  const window = vscode.window as Mutable<typeof vscode.window>;
  const original = window.showInformationMessage;
  const messages: string[] = [];
  let automaticReads: vscode.Disposable | undefined;

  before(async () => {
    // The suite counts the requests its commands make. The status bar's first automatic read
    // fires 8 s after activation against whatever home the previous suite left, and once
    // landed here under that suite's query (2 requests instead of 1): held back until after.
    const extension = vscode.extensions.getExtension<BedrockOnboardingApi>(EXTENSION_ID);
    assert.ok(extension);
    automaticReads = await (await extension.activate()).holdAutomaticCostReads();
    suite = await startSuiteEmulator();
    emulator = suite.emulator;
    writeSignedInHome(suite);
    window.showInformationMessage = (message: string) => {
      messages.push(message);
      return Promise.resolve(undefined);
    };
  });

  after(async () => {
    window.showInformationMessage = original;
    automaticReads?.dispose();
    await suite.close();
  });

  it('Refresh Cost asks Cost Explorer once for alice; a second refresh within a minute is refused with a sentence', async () => {
    const report = await vscode.commands.executeCommand<CostReport | undefined>('bedrockOnboarding.refreshCost');
    assert.ok(report, 'the command returned its report');
    assert.equal(report.cost.source, 'cost-explorer', JSON.stringify(report.cost.reason));
    assert.ok(report.cost.monthToDate.amount > 0);
    // The records (order, status, error code) say which requests there were, should there be more.
    const costRequests = (): string => JSON.stringify(emulator.requests().filter((record) => record.operation === 'GetCostAndUsage'));
    assert.equal(emulator.requestCount('GetCostAndUsage'), 1, costRequests());
    const again = await vscode.commands.executeCommand<CostReport | undefined>('bedrockOnboarding.refreshCost');
    assert.equal(again?.notice?.code, 'cost.refresh-rate-limited');
    assert.equal(emulator.requestCount('GetCostAndUsage'), 1, costRequests());
    assert.ok(messages.some((message) => /refresh again in \d+ seconds/.test(message)));
  });

  it('shows the amount in the status bar, read out in words, and colours it at 80 % and 100 % of the monthly budget', async () => {
    const report = await vscode.commands.executeCommand<CostReport | undefined>('bedrockOnboarding.refreshCost');
    assert.ok(report);
    const amount = report.cost.monthToDate.amount;
    const shown = `$${amount.toFixed(2)}`;
    const configuration = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('bedrockOnboarding');
    const withBudget = async (budget: number, background: string | undefined, what: string) => {
      await configuration().update('monthlyBudget', budget, vscode.ConfigurationTarget.Global);
      // Refreshing inside the minute answers from the cache with the new budget: no request.
      await vscode.commands.executeCommand('bedrockOnboarding.refreshCost');
      const share = `${String(Math.round((amount / budget) * 100))}% used`;
      return statusBarWhen((snapshot) => snapshot.text.includes(shown) && snapshot.tooltip.includes(share) && snapshot.backgroundColor === background, what);
    };
    try {
      const plain = await withBudget(amount * 2, undefined, `${shown} at half the budget, uncoloured`);
      assert.equal(plain.command, 'bedrockOnboarding.showCostDetails');
      assert.match(plain.accessibilityLabel ?? '', new RegExp(`${String(Math.floor(amount))} dollars and ${String(Math.round((amount % 1) * 100))} cents`));
      await withBudget(amount / 0.9, 'statusBarItem.warningBackground', 'the warning background at 90 % of the budget');
      await withBudget(amount / 2, 'statusBarItem.errorBackground', 'the error background at 200 % of the budget');
      assert.equal(emulator.requestCount('GetCostAndUsage'), 1, 'the budget is applied to the cached answer');
    } finally {
      await configuration().update('monthlyBudget', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Show Cost Details opens one webview panel with the daily chart and table, from the cache', async () => {
    const shown = await vscode.commands.executeCommand<CostDetailsShown | undefined>('bedrockOnboarding.showCostDetails');
    assert.ok(shown, 'the command returned what it rendered');
    const report = await vscode.commands.executeCommand<CostReport | undefined>('bedrockOnboarding.refreshCost');
    assert.ok(report);
    assert.equal(shown.days, report.cost.daily.length);
    assert.ok(shown.days > 0);
    assert.equal((shown.html.match(/<rect class="bar bar-billed"/g) ?? []).length, report.cost.daily.filter((day) => day.source === 'billed').length);
    assert.match(shown.html, /<td>\d{4}-\d{2}-\d{2}<\/td><td class="amount">\$\d+\.\d{2}<\/td><td>billed<\/td>/);
    assert.match(shown.html, /Content-Security-Policy" content="default-src 'none'; style-src [^;]+ 'nonce-[^']+'; img-src [^;]+;"/);
    assert.doesNotMatch(shown.html, /<script|(?:src|href)="https?:/, 'no script and no remote asset');
    const webviewTabs = (): vscode.Tab[] =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(shown.viewType));
    const described = (): string => JSON.stringify(vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => ({ label: tab.label, input: tab.input, type: tab.input?.constructor.name })));
    await until(() => webviewTabs().length === 1);
    assert.equal(webviewTabs().length, 1, described());
    assert.ok(webviewTabs()[0]?.isActive);
    // Asked again, the same panel comes back rather than a second one.
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await vscode.commands.executeCommand('bedrockOnboarding.showCostDetails');
    await until(() => webviewTabs()[0]?.isActive === true);
    assert.equal(webviewTabs().length, 1, described());
    assert.ok(webviewTabs()[0]?.isActive);
    assert.equal(emulator.requestCount('GetCostAndUsage'), 1, 'details come from the cache');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows today as a provisional day in the tooltip, counting the local usage Cost Explorer has not billed yet, and says what the figure is', async () => {
    // The default world bills alice $1.25 today, a day Cost Explorer marks Estimated; locally
    // Claude Code has used $3.60 (2 × (100k input × $3 + 100k output × $15 per million)).
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    writeTranscript(
      path.join(homedir(), '.claude', 'projects'),
      '-home-alice-app/provisional.jsonl',
      [1, 2].map((n) => assistantLine({ messageId: `msg_p${String(n)}`, requestId: `req_p${String(n)}`, timestamp: now.toISOString(), usage: { input_tokens: 100_000, output_tokens: 100_000 } })),
    );
    const report = await vscode.commands.executeCommand<CostReport | undefined>('bedrockOnboarding.refreshCost');
    assert.ok(report);
    const day = report.cost.daily.find((entry) => entry.date === today);
    assert.deepEqual([day?.status, day?.source, day?.amount.toFixed(2), day?.billed?.toFixed(2)], ['provisional', 'estimated', '3.60', '1.25']);
    const snapshot = await statusBarWhen(
      (shown) => shown.tooltip.includes(`${today.slice(5)} $3.60 (local estimate; Cost Explorer so far $1.25)`),
      'today as a provisional day in the tooltip',
    );
    assert.match(snapshot.tooltip, /Provisional, as Cost Explorer has not finished them \(each shows the larger of its figure so far and the local estimate\)/);
    assert.match(snapshot.tooltip, /Spend tagged DeveloperId=alice in Cost Explorer \(any AWS service\)/);
    assert.ok(snapshot.text.includes(`~$${report.cost.monthToDate.amount.toFixed(2)}`), 'partly an estimate, so marked with ~');
    const details = await vscode.commands.executeCommand<CostDetailsShown | undefined>('bedrockOnboarding.showCostDetails');
    assert.ok(details);
    assert.ok(details.html.includes(`<td>${today}</td><td class="amount">$3.60</td><td>estimated</td><td>provisional: Cost Explorer so far $1.25, local estimate $3.60</td>`), 'Cost Details says why the day is provisional');
    if (report.cost.final.through !== null) assert.match(details.html, /<td>final<\/td>/, 'days Cost Explorer has finished say so');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
