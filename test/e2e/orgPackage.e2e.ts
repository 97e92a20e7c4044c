import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../../scripts/vscode-host/waitUntil';
import { repositoryRoot } from '../../scripts/vscode-host/testHostLayout';
import { artifactPath } from './support/artifacts';
import { useWorkbenchSession } from './support/sessionHooks';
import { startWorkbenchSession } from './support/workbenchSession';

/** An organisation's .vsix: `npm run package -- --org FILE`, as the admin guide says. */
function packageForOrganisation(orgFile: string): string {
  const out = artifactPath('bedrock-onboarding-acme.vsix');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['run', '--silent', 'package', '--', '--org', orgFile, '--version-suffix', 'acme.1', '--out', out], { cwd: repositoryRoot(), stdio: 'inherit' });
  return out;
}

describe('an organisation-preconfigured .vsix', function () {
  this.timeout(240_000);
  let scratch = '';
  const current = useWorkbenchSession(() => {
    scratch = mkdtempSync(join(tmpdir(), 'bedrock-org-'));
    const orgFile = join(scratch, 'acme.json');
    writeFileSync(orgFile, JSON.stringify({ ssoStartUrl: 'https://d-1234567890.awsapps.com/start', ssoRegion: 'us-east-1', accountId: '111122223333', roleName: 'BedrockDeveloper' }, null, 2));
    return startWorkbenchSession({ vsix: packageForOrganisation(orgFile) });
  });
  after(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('signs in without asking for the portal URL, account or role: the baked-in defaults fill them', async () => {
    const { user, emulator, home } = current();
    emulator.setDeviceFlow({ mode: 'autoApprove', userName: 'alice', afterPolls: 1, interval: 1 });
    await user.runCommand('Claude Bedrock: Sign In with AWS SSO');
    const configFile = join(home, '.aws', 'config');
    // No input box and no quick pick is answered here: alice has two accounts and two
    // roles, so reaching the written profile proves the org file chose them.
    const config = await waitUntil('~/.aws/config to be written from the org defaults alone', 90_000, () => {
      const text = existsSync(configFile) ? readFileSync(configFile, 'utf8') : '';
      return text.includes('sso_role_name = BedrockDeveloper') ? text : undefined;
    });
    assert.match(config, /sso_account_id = 111122223333/);
    assert.match(config, /sso_start_url = https:\/\/d-1234567890\.awsapps\.com\/start/);
    await user.screenshot('20-org-sign-in-done');
  });
});
