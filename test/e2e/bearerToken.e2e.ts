import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from '../../scripts/vscode-host/waitUntil';
import { packagedVsix, statusBarDomId } from './support/packagedExtension';
import type { StatusBarEntry } from './support/userActions';
import { useWorkbenchSession } from './support/sessionHooks';
import { startWorkbenchSession } from './support/workbenchSession';

const TOKEN = 'ABSKZTJlLWJlYXJlci10b2tlbi1uZXZlci1zaG93bg';
const BASHRC_BEFORE = `alias ll='ls -l'\nexport AWS_BEARER_TOKEN_BEDROCK=${TOKEN}\n`;
const WARNING = /AWS_BEARER_TOKEN_BEDROCK \(a Bedrock API key\) overrides your SSO identity/;

describe('a Bedrock API key in the home folder of the packaged extension', function () {
  this.timeout(240_000);
  const current = useWorkbenchSession(() => {
    // Planted before code-server starts, as a developer's ~/.bashrc would be.
    const prepareHome = (home: string): void => {
      writeFileSync(join(home, '.bashrc'), BASHRC_BEFORE);
    };
    return startWorkbenchSession({ vsix: packagedVsix(), prepareHome });
  });
  const statusItem = (): Promise<StatusBarEntry> => current().user.readStatusBar(statusBarDomId('bedrockOnboarding.status'));

  it('warns at startup naming the file and line, never the value, and the status bar item shows the warning state', async () => {
    const { user, home } = current();
    const bashrc = join(home, '.bashrc');
    const notification = await waitUntil('the startup warning about AWS_BEARER_TOKEN_BEDROCK', 60_000, async () =>
      (await user.readNotifications()).find((shown) => WARNING.test(shown.message)),
    );
    assert.ok(notification.message.includes(`${bashrc}:2 (bash start-up file)`), notification.message);
    assert.deepEqual(notification.actions.slice(0, 2), ['Show', 'Remove…']);
    assert.ok(!JSON.stringify(notification).includes(TOKEN), 'the notification shows the value');

    const item = await waitUntil('the status bar item to show the bearer-token warning', 30_000, async () => {
      const entry = await statusItem();
      return entry.icons.includes('warning') ? entry : undefined;
    });
    assert.equal(item.kind, 'warning');
    assert.match(item.ariaLabel, /^Warning: AWS_BEARER_TOKEN_BEDROCK overrides your SSO identity; it is set in .*\.bashrc:2/);
    assert.match(item.text, /Set up Claude on Bedrock/, 'what the item shows otherwise stays visible');
    assert.ok(!JSON.stringify(item).includes(TOKEN));
    await user.showNotifications();
    await user.screenshot('30-bearer-token-startup-warning');
  });

  it('Check Setup lists the failing check with its file and line; its fix button asks, removes it and the report re-checks', async () => {
    const { user, home } = current();
    const bashrc = join(home, '.bashrc');
    await user.runCommand('Claude Bedrock: Check Setup');
    const view = await user.webview('Setup Check');
    const check = view.locator('.check[data-id="bearer-token"]');
    await waitUntil('the report to list the bearer-token check', 60_000, async () => (await check.count()) > 0);
    assert.match((await check.getAttribute('class')) ?? '', /\bfail\b/);
    assert.equal((await check.locator('.where').innerText()).trim(), `${bashrc}:2`);
    assert.ok(!(await view.locator('body').innerText()).includes(TOKEN), 'the report shows the value');
    const fix = check.locator('button[data-command="bedrockOnboarding.removeBearerToken"]');
    assert.equal((await fix.innerText()).trim(), 'Remove AWS_BEARER_TOKEN_BEDROCK');
    await user.screenshot('31-check-setup-bearer-token');

    await fix.click();
    const dialog = await user.readDialog();
    assert.match(dialog.message, /Remove AWS_BEARER_TOKEN_BEDROCK from these files\?/);
    assert.ok(dialog.detail.includes(`${bashrc} (line 2): comment out`), dialog.detail);
    await user.screenshot('32-bearer-token-confirm-removal');
    await user.clickDialogButton('Remove');

    const text = await waitUntil('~/.bashrc to have the line commented out', 30_000, () => {
      const now = readFileSync(bashrc, 'utf8');
      return now.includes('# export AWS_BEARER_TOKEN_BEDROCK=') ? now : undefined;
    });
    assert.match(text, /^alias ll='ls -l'\n# Disabled by Claude Code on Bedrock on \d{4}-\d\d-\d\d: .*\n# export AWS_BEARER_TOKEN_BEDROCK=/);
    const backup = `${bashrc}.bedrock-onboarding.bak`;
    assert.ok(existsSync(backup), 'no backup next to ~/.bashrc');
    assert.equal(readFileSync(backup, 'utf8'), BASHRC_BEFORE);
    // The report checks again once the fix is done: the same check now passes.
    await waitUntil('the report to re-check and pass the bearer-token check', 60_000, async () => {
      const fresh = (await user.webview('Setup Check')).locator('.check[data-id="bearer-token"]');
      return (await fresh.count()) > 0 && /\bpass\b/.test((await fresh.getAttribute('class')) ?? '');
    });
    const item = await waitUntil('the status bar warning to clear', 30_000, async () => {
      const entry = await statusItem();
      return entry.icons.includes('warning') ? undefined : entry;
    });
    assert.equal(item.kind, undefined);
    assert.doesNotMatch(item.ariaLabel, /AWS_BEARER_TOKEN_BEDROCK/);
    await user.screenshot('33-bearer-token-removed');
  });

  it('set again, the warning\'s Remove… asks and comments the new line out too', async () => {
    const { user, home } = current();
    const bashrc = join(home, '.bashrc');
    const before = `${readFileSync(bashrc, 'utf8')}export AWS_BEARER_TOKEN_BEDROCK=${TOKEN}\n`;
    writeFileSync(bashrc, before);
    const line = before.split('\n').length - 1;
    await user.runCommand('Claude Bedrock: Check for Bedrock API Keys');
    await waitUntil('the status bar item to warn again', 30_000, async () => ((await statusItem()).icons.includes('warning') ? true : undefined));
    await user.clickNotificationAction(new RegExp(`${WARNING.source}.*\\.bashrc:${String(line)}`), 'Remove…');
    const dialog = await user.readDialog();
    assert.ok(dialog.detail.includes(`${bashrc} (line ${String(line)}): comment out`), dialog.detail);
    await user.clickDialogButton('Remove');
    await waitUntil('the new line to be commented out', 30_000, () => (readFileSync(bashrc, 'utf8').split('\n').filter((text) => text.startsWith('export AWS_BEARER_TOKEN_BEDROCK=')).length === 0 ? true : undefined));
    assert.equal(readFileSync(`${bashrc}.bedrock-onboarding.bak`, 'utf8'), before, 'the backup is the file as it was before this removal');
    await waitUntil('the status bar warning to clear', 30_000, async () => ((await statusItem()).icons.includes('warning') ? undefined : true));
  });
});
