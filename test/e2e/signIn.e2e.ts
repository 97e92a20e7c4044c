import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from '../../scripts/vscode-host/waitUntil';
import { packagedVsix, statusBarDomId } from './support/packagedExtension';
import { itLeavesNoIssuedSecretBehind } from './support/secretLeaks';
import { useWorkbenchSession } from './support/sessionHooks';
import { startWorkbenchSession } from './support/workbenchSession';

const START_URL = 'https://d-1234567890.awsapps.com/start';

describe('signing in from the command palette of the packaged extension', function () {
  this.timeout(240_000);
  const current = useWorkbenchSession(() => startWorkbenchSession({ vsix: packagedVsix() }));

  it('asks for the portal URL, shows the code, lets the user pick account and role, and writes what the AWS CLI writes', async () => {
    const { user, emulator, home } = current();
    emulator.setDeviceFlow({ mode: 'autoApprove', userName: 'alice', afterPolls: 1, interval: 1 });

    await user.runCommand('Claude Bedrock: Sign In with AWS SSO');
    await user.typeInput(START_URL);
    // The portal URL does not name its region, so it is asked, pre-filled with the default.
    await waitUntil('the SSO region question', 30_000, async () => /\(2\/4\)/.test(await user.quickInputTitle().catch(() => '')) || undefined, 200);
    await user.typeInput('us-east-1');
    // alice is assigned to two accounts, and to two roles in the sandbox: both are asked.
    await user.waitForItem('Developer Sandbox');
    await user.screenshot('10-sign-in-choose-account');
    await user.pickItem('Developer Sandbox');
    await user.pickItem('BedrockDeveloper');

    const configFile = join(home, '.aws', 'config');
    const config = await waitUntil('~/.aws/config to name the chosen role', 60_000, () => {
      const text = existsSync(configFile) ? readFileSync(configFile, 'utf8') : '';
      return text.includes('sso_role_name = BedrockDeveloper') ? text : undefined;
    });
    assert.match(config, /^\[profile claude-code\]\nsso_session = claude-code\nsso_account_id = 111122223333\n/);
    assert.match(config, /\[sso-session claude-code\]\nsso_start_url = https:\/\/d-1234567890\.awsapps\.com\/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n/);

    const cacheDir = join(home, '.aws', 'sso', 'cache');
    const tokenFiles = readdirSync(cacheDir).filter((name) => /^[0-9a-f]{40}\.json$/.test(name));
    assert.equal(tokenFiles.length, 1);
    const tokenFile = join(cacheDir, tokenFiles[0] ?? '');
    assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
    assert.equal(typeof (JSON.parse(readFileSync(tokenFile, 'utf8')) as Record<string, unknown>)['accessToken'], 'string');

    const notifications = await waitUntil('the "Signed in" notification', 30_000, async () => {
      const shown = await user.readNotifications();
      return shown.some((notification) => notification.message.startsWith('Signed in to Developer Sandbox')) ? shown : undefined;
    });
    await user.screenshot('11-signed-in');
    const shownText = JSON.stringify(notifications);
    for (const secret of emulator.issuedSecrets()) assert.ok(!shownText.includes(secret), 'a token or client secret reached a notification');

    // The item reads "Set up Claude on Bedrock" in an empty home; once the files exist it moves on.
    await waitUntil('the status bar to leave the set-up state', 30_000, async () => {
      const entry = await user.readStatusBar(statusBarDomId('bedrockOnboarding.status'));
      return /Set up Claude on Bedrock|Sign in to Bedrock/.test(entry.text) ? undefined : entry;
    });

    const operations = emulator.requests().map((request) => request.operation);
    console.log(`      AWS requests during sign-in: ${operations.length} (${[...new Set(operations)].map((op) => `${op}×${operations.filter((o) => o === op).length}`).join(', ')})`);
    assert.equal(operations.filter((op) => op === 'RegisterClient').length, 1);
    assert.equal(operations.filter((op) => op === 'StartDeviceAuthorization').length, 1);
  });

  itLeavesNoIssuedSecretBehind(current);
});
