import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from '../../scripts/vscode-host/waitUntil';
import { SIGNED_IN_PROFILE } from '../support/ssoSignIn';
import { packagedVsix, statusBarDomId } from './support/packagedExtension';
import { extensionOutputLog } from './support/extensionLog';
import { useWorkbenchSession } from './support/sessionHooks';
import { writeSignedInHome } from './support/signedInHome';
import { startWorkbenchSession, type WorkbenchSession } from './support/workbenchSession';

const STATUS_ITEM = statusBarDomId('bedrockOnboarding.status');

/** A developer who set up before: complete profile, an expired session (no refresh token), and an API key left in ~/.bashrc. */
function prepareHome(home: string, emulator: Parameters<typeof writeSignedInHome>[1]): void {
  writeSignedInHome(home, emulator, 'alice');
  const tokenFile = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(SIGNED_IN_PROFILE).digest('hex')}.json`);
  const token = JSON.parse(readFileSync(tokenFile, 'utf8')) as Record<string, unknown>;
  delete token['refreshToken'];
  writeFileSync(tokenFile, JSON.stringify({ ...token, expiresAt: new Date(Date.now() - 60_000).toISOString() }), { mode: 0o600 });
  appendFileSync(join(home, '.bashrc'), 'export AWS_BEARER_TOKEN_BEDROCK=e2e-not-a-real-key\n');
}

async function notificationMatching(session: WorkbenchSession, pattern: RegExp): Promise<string> {
  try {
    return await waitUntil(`a notification matching ${String(pattern)}`, 90_000, async () => (await session.user.readNotifications().catch(() => [])).find((notification) => pattern.test(notification.message))?.message, 1_000);
  } catch (error) {
    const shown = (await session.user.readNotifications().catch(() => [])).map((notification) => notification.message).join('\n');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nNotifications:\n${shown}\nLog:\n${extensionOutputLog(session.userDataDir).slice(-4000)}`);
  }
}

describe('the first minutes of a developer who set up before (expired session, a stray API key)', function () {
  this.timeout(300_000);
  const current = useWorkbenchSession(() =>
    startWorkbenchSession({
      vsix: packagedVsix(),
      prepareHome,
      // Test Connection then makes its 1-token call without asking first.
      userSettings: { 'bedrockOnboarding.probeEnabled': true },
      customiseWorld: (world) => {
        world.deviceFlow = { ...(world.deviceFlow ?? {}), mode: 'autoApprove', userName: 'alice', afterPolls: 1, interval: 1 };
      },
    }),
  );

  it('signs in again without asking anything: the profile already names the portal, region, account and role', async () => {
    const s = current();
    // As on a first install, the walkthrough is open while things get done.
    await s.user.runCommand('Claude Bedrock: Open Walkthrough');
    await waitUntil('the status bar to ask for sign-in', 60_000, async () => {
      const item = await s.user.readStatusBar(STATUS_ITEM);
      return /Sign in to Bedrock/.test(item.text) ? item : undefined;
    });
    s.emulator.resetRequests();
    await s.user.runCommand('Claude Bedrock: Sign In with AWS SSO');
    // The only thing shown is the device code, until the emulator approves it; no input is
    // typed and no item picked (a question would leave this waiting). Nothing may press
    // Escape meanwhile: on the code that cancels the sign-in.
    await s.user.waitForItem('Copy Code and Open Browser');
    await s.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 60_000 });
    const message = await notificationMatching(s, /^Signed in to Developer Sandbox/);
    assert.match(message, /as BedrockDeveloper/);
    const operations = s.emulator.requests().map((request) => request.operation);
    assert.equal(operations.filter((operation) => operation === 'StartDeviceAuthorization').length, 1);
    // The code's quick pick closed at approval and no notification carries it.
    assert.deepEqual((await s.user.readNotifications()).filter((notification) => /Copy Code|enter the code/i.test(notification.message)), []);
  });

  it('a failed Test Connection leaves its walkthrough step unticked', async () => {
    const s = current();
    s.emulator.injectFault({ operation: 'GetInferenceProfile', kind: 'status', status: 500 });
    try {
      await s.user.runCommand('Claude Bedrock: Test Connection');
      await notificationMatching(s, /Bedrock|inference profile|server error/i);
    } finally {
      s.emulator.clearFaults();
    }
    assert.equal(await s.user.walkthroughStepTicked('testConnection'), false);
  });

  it('the status bar stops warning about the key as soon as Set Up has removed it', async () => {
    const s = current();
    await waitUntil('the status bar to warn about the key', 60_000, async () => {
      const item = await s.user.readStatusBar(STATUS_ITEM);
      return item.icons.includes('warning') ? item : undefined;
    });
    await s.user.runCommand('Claude Bedrock: Set Up Claude Code');
    await s.user.clickDialogButton('Remove It');
    await s.user.clickDialogButton("I'll Install It Myself");
    await notificationMatching(s, /configured with profile claude-code/);
    const item = await s.user.readStatusBar(STATUS_ITEM);
    assert.ok(!item.icons.includes('warning') && item.kind === undefined, `right after Set Up the item still warns: ${JSON.stringify(item)}`);
    assert.doesNotMatch(readFileSync(join(s.home, '.bashrc'), 'utf8'), /^export AWS_BEARER_TOKEN_BEDROCK/m);
    // Test Connection passed inside Set Up: now its step is ticked.
    assert.equal(await s.user.walkthroughStepTicked('testConnection'), true);
  });
});
