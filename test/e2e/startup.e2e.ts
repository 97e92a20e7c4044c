import assert from 'node:assert/strict';
import { waitUntil } from '../../scripts/vscode-host/waitUntil';
import { repositoryRoot } from '../../scripts/vscode-host/testHostLayout';
import { contributedCommands, type ContributedCommand } from '../vscode/suite/manifest';
import { paletteVisibilityInFreshHome } from './support/paletteVisibility';
import { extensionId, packagedVsix, statusBarDomId } from './support/packagedExtension';
import { useWorkbenchSession } from './support/sessionHooks';
import { startWorkbenchSession } from './support/workbenchSession';

// The id src/vscode/statusBar.ts gives its item; the workbench prefixes the extension id.
const STATUS_ITEM_ID = 'bedrockOnboarding.status';

describe('the packaged extension starting in code-server', function () {
  this.timeout(240_000);
  const current = useWorkbenchSession(() => startWorkbenchSession({ vsix: packagedVsix() }));

  it('shows its status bar item once the workbench has started', async () => {
    const item = await current().user.readStatusBar(statusBarDomId(STATUS_ITEM_ID));
    assert.match(item.text, /\S/, 'the status bar item has no text');
    assert.match(item.ariaLabel, /Claude/);
    await current().user.screenshot('01-startup-status-bar');
  });

  it('activates without an error in the extension host log', async () => {
    const id = extensionId();
    const log = await waitUntil(`the extension host to log the activation of ${id}`, 60_000, () => {
      const text = current().extensionHostLog();
      return text.includes(`_doActivateExtension ${id}`) ? text : undefined;
    });
    const failures = log.split('\n').filter((line) => line.includes(id) && /fail|error/i.test(line));
    assert.deepEqual(failures, []);
  });

  it('runs the extension host against the emulator and a throw-away home', () => {
    const env = current().extensionHostEnvironment();
    assert.equal(env['HOME'], current().home);
    assert.equal(env['AWS_ENDPOINT_URL_STS'], current().emulator.url);
    assert.equal(env['AWS_ENDPOINT_URL_COST_EXPLORER'], current().emulator.url);
  });

  it('makes no network request while activating', async () => {
    // Give anything activation might have started in the background time to arrive.
    await current().page.waitForTimeout(3_000);
    const requests = current().emulator.requests().map((request) => `${request.service} ${request.operation}`);
    assert.deepEqual(requests, []);
  });

  it('lists every contributed command under "Claude Bedrock:" in the command palette, except those its when clause hides', async () => {
    const label = (command: ContributedCommand): string => `${command.category ?? ''}: ${command.title}`;
    const { shown, hidden } = paletteVisibilityInFreshHome(repositoryRoot());
    const expected = shown.map(label);
    const labels = await current().user.paletteLabels('Claude Bedrock:', { screenshot: '02-command-palette' });
    const missing = expected.filter((entry) => !labels.includes(entry));
    assert.deepEqual(missing, [], `listed: ${labels.join(' | ')}`);
    const wronglyShown = hidden.map(label).filter((entry) => labels.includes(entry));
    assert.deepEqual(wronglyShown, [], 'commands whose when clause is false in a fresh home are listed');
    const known = [...expected, ...hidden.map(label)];
    const unknown = labels.filter((entry) => entry.startsWith('Claude Bedrock:') && !known.includes(entry));
    assert.deepEqual(unknown, [], 'the palette lists Claude Bedrock commands package.json does not contribute');
  });

  it('opens its log from the command palette', async () => {
    const showLog = contributedCommands(repositoryRoot()).find((command) => command.command === 'bedrockOnboarding.showLog');
    assert.ok(showLog, 'package.json no longer contributes bedrockOnboarding.showLog');
    await current().user.runCommand(`${showLog.category ?? ''}: ${showLog.title}`);
    const text = await waitUntil('the Output panel to show the activation line', 30_000, async () => {
      const shown = await current().user.readOutputPanel().catch(() => '');
      return shown.includes('Activated') ? shown : undefined;
    });
    assert.match(text, /Activated \d+\.\d+\.\d+/);
    await current().user.screenshot('03-show-log');
  });

  it('raises no error notification', async () => {
    const notifications = await current().user.readNotifications();
    const ours = notifications.filter((notification) => /claude|bedrock/i.test(`${notification.source} ${notification.message}`));
    assert.deepEqual(ours, []);
  });
});
