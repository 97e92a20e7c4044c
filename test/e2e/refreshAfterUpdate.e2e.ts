import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../../scripts/vscode-host/waitUntil';
import { repositoryRoot } from '../../scripts/vscode-host/testHostLayout';
import { emulatorEndpointEnv } from '../emulator/server';
import { artifactPath } from './support/artifacts';
import { extensionId, packagedVsix } from './support/packagedExtension';
import { useWorkbenchSession } from './support/sessionHooks';
import { startWorkbenchSession } from './support/workbenchSession';

const START_URL = 'https://d-1234567890.awsapps.com/start';

/** The .vsix of the next patch version, built from the same sources (`npm run package -- --version`). */
function newerVsix(): { vsix: string; version: string } {
  const manifest = JSON.parse(readFileSync(join(repositoryRoot(), 'package.json'), 'utf8')) as { version: string };
  const [major, minor, patch] = manifest.version.split(/[.-]/).map(Number);
  const version = `${String(major)}.${String(minor)}.${String((patch ?? 0) + 1)}`;
  const vsix = artifactPath(`bedrock-onboarding-${version}.vsix`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['run', '--silent', 'package', '--', '--version', version, '--out', vsix], { cwd: repositoryRoot(), stdio: 'inherit' });
  return { vsix, version };
}

/**
 * A PATH folder with every program of /usr/bin except the AWS CLI (this machine's Debian
 * package is v2, which the extension would rightly prefer): so the command written is the
 * extension's own, whatever the machine has installed.
 */
function pathWithoutAwsCli(): string {
  const bin = mkdtempSync(join(tmpdir(), 'bedrock-e2e-path-'));
  for (const name of readdirSync('/usr/bin')) if (name !== 'aws') symlinkSync(join('/usr/bin', name), join(bin, name));
  return bin;
}

interface CachedToken {
  accessToken: string;
  expiresAt: string;
  refreshToken?: string;
}

describe('awsAuthRefresh keeps working after the extension is updated (the packaged extension in code-server)', function () {
  this.timeout(300_000);
  const bin = pathWithoutAwsCli();
  after(() => {
    rmSync(bin, { recursive: true, force: true });
  });
  const current = useWorkbenchSession(() =>
    startWorkbenchSession({
      vsix: packagedVsix(),
      customiseWorld: (world) => {
        world.deviceFlow = { ...(world.deviceFlow ?? {}), mode: 'autoApprove', userName: 'alice', afterPolls: 1, interval: 1 };
      },
      env: { PATH: bin },
      // The server resolves the extension host's environment through a login shell, whose
      // /etc/profile puts /usr/bin back: the developer's own profile has the last word.
      prepareHome: (home) => {
        for (const file of ['.profile', '.bash_profile', '.bashrc', '.zshrc']) writeFileSync(join(home, file), `export PATH='${bin}'\n`);
      },
    }),
  );

  it('Set Up, update to a newer version (old folder gone), expire the token: the command from settings.json renews it and exits 0 with no node on PATH', async () => {
    const s = current();
    await s.user.runCommand('Claude Bedrock: Set Up Claude Code');
    await s.user.typeInput(START_URL);
    await waitUntil('the SSO region question', 30_000, async () => /\(2\/5\)/.test(await s.user.quickInputTitle().catch(() => '')) || undefined, 200);
    await s.user.typeInput('us-east-1');
    await s.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    await s.user.pickItem('Developer Sandbox');
    await s.user.pickItem('BedrockDeveloper');
    await s.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    await s.user.pickItem('claude-sonnet-alice');
    // Claude Code itself is not installed on this PATH: Set Up says so and goes on.
    await s.user.clickDialogButton("I'll Install It Myself");
    await waitUntil('Set Up to finish', 120_000, async () => (await s.user.readNotifications()).some((n) => /(set up|configured) with profile claude-code/.test(n.message)) || undefined, 1_000);

    const settings = JSON.parse(readFileSync(join(s.home, '.claude', 'settings.json'), 'utf8')) as { awsAuthRefresh?: string };
    const command = settings.awsAuthRefresh ?? '';
    const launcher = join(s.home, '.bedrock-onboarding', 'bin', 'bedrock-onboard');
    assert.ok(command.startsWith(`${launcher} login --profile claude-code`), command);
    console.log(`      awsAuthRefresh: ${command}`);

    // A newer version is installed and the old folder is gone, as after VS Code's update and clean-up.
    const oldFolders = readdirSync(s.extensionsDir).filter((name) => name.startsWith(`${extensionId()}-`));
    assert.equal(oldFolders.length, 1, oldFolders.join(', '));
    const newer = newerVsix();
    await s.installVsix(newer.vsix);
    for (const folder of oldFolders) rmSync(join(s.extensionsDir, folder), { recursive: true, force: true });
    const folders = readdirSync(s.extensionsDir).filter((name) => name.startsWith(`${extensionId()}-`));
    assert.deepEqual(folders, [`${extensionId()}-${newer.version}`]);

    // The SSO token expires (server side and in the cache), as overnight.
    const cacheFile = join(s.home, '.aws', 'sso', 'cache', `${createHash('sha1').update('claude-code').digest('hex')}.json`);
    const before = JSON.parse(readFileSync(cacheFile, 'utf8')) as CachedToken;
    s.emulator.expireAccessTokens();
    writeFileSync(cacheFile, JSON.stringify({ ...before, expiresAt: '2020-01-01T00:00:00Z' }), { mode: 0o600 });
    s.emulator.resetRequests();

    // Claude Code runs the command through a shell, with no input; its PATH has no node.
    const emptyBin = join(s.home, 'no-node-bin');
    mkdirSync(emptyBin, { recursive: true });
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile('/bin/sh', ['-c', command], { env: { HOME: s.home, PATH: emptyBin, AWS_EC2_METADATA_DISABLED: 'true', ...emulatorEndpointEnv(s.emulator.url) }, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      });
      child.stdin?.end();
    });
    console.log(`      the command printed: ${result.stdout.split('\n')[0] ?? ''}`);
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const after = JSON.parse(readFileSync(cacheFile, 'utf8')) as CachedToken;
    assert.notEqual(after.accessToken, before.accessToken, 'a new access token');
    assert.ok(Date.parse(after.expiresAt) > Date.now(), `valid until ${after.expiresAt}`);
    const operations = s.emulator.requests().map((request) => request.operation);
    assert.ok(operations.includes('CreateToken'), operations.join(', '));
    assert.ok(!operations.includes('StartDeviceAuthorization'), 'renewed without asking the developer');
  });
});

describe('at start-up, the packaged extension repoints the awsAuthRefresh command an older version wrote', function () {
  this.timeout(240_000);
  const current = useWorkbenchSession(() =>
    startWorkbenchSession({
      vsix: packagedVsix(),
      // What an older version wrote when it found node: its own versioned folder, deleted since.
      prepareHome: (home) => {
        mkdirSync(join(home, '.claude'), { recursive: true });
        writeFileSync(join(home, '.claude', 'settings.json'), `${JSON.stringify({ theme: 'dark', awsAuthRefresh: `node ${join(home, '..', 'extensions', `${extensionId()}-0.0.9`, 'dist', 'cli.js')} login --profile claude-code` }, null, 2)}\n`);
      },
    }),
  );

  it('points it at the launcher, keeping its arguments and the rest of the file, without asking', async () => {
    const s = current();
    const launcher = join(s.home, '.bedrock-onboarding', 'bin', 'bedrock-onboard');
    const repaired = await waitUntil('awsAuthRefresh to be repointed', 60_000, () => {
      const settings = JSON.parse(readFileSync(join(s.home, '.claude', 'settings.json'), 'utf8')) as { theme?: string; awsAuthRefresh?: string };
      return settings.awsAuthRefresh?.startsWith(launcher) === true ? settings : undefined;
    });
    assert.equal(repaired.awsAuthRefresh, `${launcher} login --profile claude-code`);
    assert.equal(repaired.theme, 'dark', 'the rest of the file is kept');
  });

});
