import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CostReport } from '../../../src/core/cost/costReport';
import type { CostDetailsShown } from '../../../src/vscode/cost/costDetailsPanel';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { loadWorld } from '../../emulator/world';
import { EXTENSION_ID } from './manifest';

/** The tab model follows the renderer a moment after a panel is created or revealed. */
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Refresh Cost and Show Cost Details in the real extension host, alice signed in against the emulator. */
describe('Month-to-date cost (extension host, emulator)', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  const endpointNames: string[] = [];
  const window = vscode.window as Mutable<typeof vscode.window>;
  const original = window.showInformationMessage;
  const messages: string[] = [];

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    const world = loadWorld(path.join(extension.extensionPath, 'test', 'emulator', 'worlds', 'default.json'));
    emulator = await startEmulator(world);
    for (const [name, value] of Object.entries(emulatorEndpointEnv(emulator.url))) {
      endpointNames.push(name);
      process.env[name] = value;
    }
    const home = homedir();
    await fs.mkdir(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
    await fs.writeFile(
      path.join(home, '.aws', 'config'),
      ['[profile claude-code]', 'sso_session = claude-code', 'sso_account_id = 111122223333', 'sso_role_name = BedrockDeveloper', 'region = us-east-1', '', '[sso-session claude-code]', `sso_start_url = ${world.identityCenter.startUrl}`, `sso_region = ${world.identityCenter.region}`, 'sso_registration_scopes = sso:account:access', ''].join('\n'),
    );
    await fs.writeFile(path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('claude-code').digest('hex')}.json`), JSON.stringify(emulator.issueSsoToken('alice')));
    window.showInformationMessage = (message: string) => {
      messages.push(message);
      return Promise.resolve(undefined);
    };
  });

  after(async () => {
    window.showInformationMessage = original;
    for (const name of endpointNames) Reflect.deleteProperty(process.env, name);
    await emulator.close();
    await fs.rm(path.join(homedir(), '.aws'), { recursive: true, force: true });
  });

  it('Refresh Cost asks Cost Explorer once for alice; a second refresh within a minute is refused with a sentence', async () => {
    const report = await vscode.commands.executeCommand<CostReport | undefined>('bedrockOnboarding.refreshCost');
    assert.ok(report, 'the command returned its report');
    assert.equal(report.cost.source, 'cost-explorer', JSON.stringify(report.cost.reason));
    assert.ok(report.cost.monthToDate.amount > 0);
    assert.equal(emulator.requestCount('GetCostAndUsage'), 1);
    const again = await vscode.commands.executeCommand<CostReport | undefined>('bedrockOnboarding.refreshCost');
    assert.equal(again?.notice?.code, 'cost.refresh-rate-limited');
    assert.equal(emulator.requestCount('GetCostAndUsage'), 1);
    assert.ok(messages.some((message) => /refresh again in \d+ seconds/.test(message)));
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
});
