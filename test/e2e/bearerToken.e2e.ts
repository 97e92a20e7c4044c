import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from '../../scripts/vscode-host/waitUntil';
import { packagedVsix, statusBarDomId } from './support/packagedExtension';
import type { StatusBarEntry } from './support/userActions';
import { useWorkbenchSession } from './support/sessionHooks';
import { startWorkbenchSession } from './support/workbenchSession';

const TOKEN = 'ABSKZTJlLWJlYXJlci10b2tlbi1uZXZlci1zaG93bg';
const BASHRC_BEFORE = `alias ll='ls -l'\nexport AWS_BEARER_TOKEN_BEDROCK=${TOKEN}\n`;
const WARNING = /AWS_BEARER_TOKEN_BEDROCK \(a Bedrock API key\) overrides your SSO identity/;
const MARKER = /^# Claude Code on Bedrock removed a line that set AWS_BEARER_TOKEN_BEDROCK on \d{4}-\d\d-\d\d: .* The old line is in \.bashrc\.bedrock-onboarding\.bak until you delete it\.$/;
const REMOVED = /^Removed AWS_BEARER_TOKEN_BEDROCK from .*\.bashrc \(line \d+\)\. .*still hold the key\. .*long-term Bedrock API key, delete it in IAM.*short-term key expires by itself/;

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

  it('Check Setup lists the failing check with its file and line; its fix button asks, removes the line, offers to delete the private backup, and the report re-checks', async () => {
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
    assert.ok(dialog.detail.includes(`${bashrc} (line 2): remove the line`), dialog.detail);
    await user.screenshot('32-bearer-token-confirm-removal');
    await user.clickDialogButton('Remove');

    const text = await waitUntil('~/.bashrc to have the line removed', 30_000, () => {
      const now = readFileSync(bashrc, 'utf8');
      return now.includes('AWS_BEARER_TOKEN_BEDROCK=') ? undefined : now;
    });
    const lines = text.split('\n');
    assert.equal(lines.length, 3, text);
    assert.equal(lines[0], "alias ll='ls -l'");
    assert.match(lines[1] ?? '', MARKER);
    assert.ok(!text.includes(TOKEN), 'the key is still in ~/.bashrc');
    const backup = `${bashrc}.bedrock-onboarding.bak`;
    assert.ok(existsSync(backup), 'no backup next to ~/.bashrc');
    assert.equal(readFileSync(backup, 'utf8'), BASHRC_BEFORE);
    assert.equal(statSync(backup).mode & 0o777, 0o600, 'the backup holds the key, so only the user may read it');

    const removed = await waitUntil('the notification that says what was removed', 30_000, async () =>
      (await user.readNotifications()).find((shown) => REMOVED.test(shown.message)),
    );
    assert.ok(removed.message.includes(`${bashrc} (line 2)`), removed.message);
    assert.deepEqual(removed.actions, ['Delete Backups']);
    assert.ok(!JSON.stringify(removed).includes(TOKEN));
    await user.clickNotificationAction(REMOVED, 'Delete Backups');
    await waitUntil('the backup to be deleted', 30_000, () => (existsSync(backup) ? undefined : true));
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

  it('set again, the warning\'s Remove… asks and removes the new line too, keeping a private backup unless asked to delete it', async () => {
    const { user, home } = current();
    const bashrc = join(home, '.bashrc');
    const before = `${readFileSync(bashrc, 'utf8')}export AWS_BEARER_TOKEN_BEDROCK=${TOKEN}\n`;
    writeFileSync(bashrc, before);
    const line = before.split('\n').length - 1;
    await user.runCommand('Claude Bedrock: Check for Bedrock API Keys');
    await waitUntil('the status bar item to warn again', 30_000, async () => ((await statusItem()).icons.includes('warning') ? true : undefined));
    await user.clickNotificationAction(new RegExp(`${WARNING.source}.*\\.bashrc:${String(line)}`), 'Remove…');
    const dialog = await user.readDialog();
    assert.ok(dialog.detail.includes(`${bashrc} (line ${String(line)}): remove the line`), dialog.detail);
    await user.clickDialogButton('Remove');
    await waitUntil('the new line to be removed', 30_000, () => (readFileSync(bashrc, 'utf8').includes(TOKEN) ? undefined : true));
    assert.match(readFileSync(bashrc, 'utf8').split('\n')[line - 1] ?? '', MARKER);
    const backup = `${bashrc}.bedrock-onboarding.bak`;
    assert.equal(readFileSync(backup, 'utf8'), before, 'the backup is the file as it was before this removal');
    assert.equal(statSync(backup).mode & 0o777, 0o600);
    await waitUntil('the status bar warning to clear', 30_000, async () => ((await statusItem()).icons.includes('warning') ? undefined : true));
  });
});
