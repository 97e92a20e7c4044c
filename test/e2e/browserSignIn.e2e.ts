import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { waitUntil } from '../../scripts/vscode-host/waitUntil';
import { clientRegistrationPath } from '../../src/core/ssoCache/clientRegistrationCache';
import { packagedVsix } from './support/packagedExtension';
import { itLeavesNoIssuedSecretBehind } from './support/secretLeaks';
import { useWorkbenchSession } from './support/sessionHooks';
import { startWorkbenchSession } from './support/workbenchSession';

const START_URL = 'https://d-1234567890.awsapps.com/start';

describe('browser sign-in (authorization code with PKCE) in the packaged extension, the browser played by Chromium', function () {
  this.timeout(240_000);
  const current = useWorkbenchSession(() =>
    startWorkbenchSession({
      vsix: packagedVsix(),
      // code-server is a browser window on this same machine, so the redirect to 127.0.0.1 reaches the extension host.
      userSettings: { 'bedrockOnboarding.signInMethod': 'browser' },
      // The authorize page signs in as alice; device codes are never approved (a fallback would hang).
      customiseWorld: (world) => {
        world.deviceFlow = { ...(world.deviceFlow ?? {}), mode: 'manual', userName: 'alice' };
      },
    }),
  );

  it('opens the authorize page, receives the code on 127.0.0.1 and signs in without a device code', async () => {
    const { user, emulator, home, page } = current();
    const popups: Page[] = [];
    page.context().on('page', (opened) => popups.push(opened));

    await user.runCommand('Claude Bedrock: Sign In with AWS SSO');
    await user.typeInput(START_URL);
    await waitUntil('the SSO region question', 30_000, async () => /\(2\/4\)/.test(await user.quickInputTitle().catch(() => '')) || undefined, 200);
    await user.typeInput('us-east-1');
    // VS Code may ask before opening an external site (127.0.0.1 it trusts); the developer agrees.
    const browserTab = await waitUntil('the browser tab to open', 60_000, async () => {
      if (popups[0]) return popups[0];
      const dialog = page.locator('.monaco-dialog-box');
      if (await dialog.isVisible()) await user.clickDialogButton('Open');
      return undefined;
    }, 250);
    await browserTab.locator('h1', { hasText: 'Signed in' }).waitFor({ state: 'visible', timeout: 60_000 });
    console.log(`      the browser tab ended on ${browserTab.url().replace(/\?.*$/, "")} (code and state in its query)`);
    assert.match(browserTab.url(), /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?code=/);

    await user.pickItem('Developer Sandbox');
    await user.pickItem('BedrockDeveloper');
    const configFile = join(home, '.aws', 'config');
    await waitUntil('~/.aws/config to name the chosen role', 60_000, () => (existsSync(configFile) && readFileSync(configFile, 'utf8').includes('sso_role_name = BedrockDeveloper')) || undefined);

    const operations = emulator.requests().map((request) => request.operation);
    console.log(`      AWS requests: ${operations.join(', ')}`);
    assert.ok(operations.includes('Authorize'));
    assert.ok(!operations.includes('StartDeviceAuthorization'), 'no device code');
    const registration = JSON.parse(readFileSync(clientRegistrationPath({ homeDir: home }, { startUrl: START_URL, region: 'us-east-1', scopes: ['sso:account:access'], sessionName: 'claude-code' }), 'utf8')) as { grantTypes?: string[] };
    assert.deepEqual(registration.grantTypes, ['authorization_code', 'refresh_token']);
  });

  itLeavesNoIssuedSecretBehind(current);
});
