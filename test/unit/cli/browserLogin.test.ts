import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { clientRegistrationPath } from '../../../src/core/ssoCache/clientRegistrationCache';
import { tokenCachePath } from '../../../src/core/ssoCache/ssoCachePaths';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { defaultWorld } from '../../emulator/world';
import { runBuiltCli } from '../../support/cliRunner';
import { makeTempHome } from '../../support/tempHome';

const START_URL = 'https://d-1234567890.awsapps.com/start';
const LOGIN = ['login', '--start-url', START_URL, '--sso-region', 'us-east-1', '--account-id', '111122223333', '--role-name', 'BedrockDeveloper', '--region', 'us-west-2'];
const FAKE_BROWSER = path.join(__dirname, '..', '..', 'support', 'fakeBrowser.mjs');

describe('bedrock-onboard login in the browser: authorization code with PKCE (built CLI, $BROWSER plays the browser)', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let home: string;
  let removeHome: () => Promise<void>;
  let env: Record<string, string>;
  let browserLog: string;

  beforeEach(async () => {
    emulator = await startEmulator(defaultWorld(), { deviceFlow: { mode: 'autoApprove', userName: 'alice', afterPolls: 1, interval: 1 } });
    ({ home, remove: removeHome } = await makeTempHome('browser-login-'));
    browserLog = path.join(home, 'browser.log');
    env = { HOME: home, ...emulatorEndpointEnv(emulator.url), BROWSER: `${process.execPath} ${FAKE_BROWSER}`, FAKE_BROWSER_LOG: browserLog };
  });
  afterEach(async () => {
    await emulator.close();
    await removeHome();
  });

  const operations = (): string[] => emulator.requests().map((request) => request.operation);
  const openedUrls = async (): Promise<string[]> => (await fs.readFile(browserLog, 'utf8').catch(() => '')).split('\n').filter(Boolean);

  it('signs in through the browser by default, caching the token and a registration for this flow as the AWS CLI does', async () => {
    const run = await runBuiltCli(LOGIN, env);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /token new \(browser sign-in\)/);
    const [opened] = await openedUrls();
    const authorize = new URL(opened ?? '');
    assert.equal(`${authorize.origin}${authorize.pathname}`, `${emulator.url}/authorize`);
    assert.equal(authorize.searchParams.get('response_type'), 'code');
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorize.searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    assert.equal(authorize.searchParams.get('scopes'), 'sso:account:access');
    assert.deepEqual(operations().slice(0, 3), ['RegisterClient', 'Authorize', 'CreateToken']);
    assert.ok(!operations().includes('StartDeviceAuthorization'));

    const registration = JSON.parse(await fs.readFile(clientRegistrationPath({ homeDir: home }, { startUrl: START_URL, region: 'us-east-1', scopes: ['sso:account:access'], sessionName: 'claude-code' }), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(registration), ['clientId', 'clientSecret', 'expiresAt', 'scopes', 'grantTypes']);
    assert.deepEqual(registration['grantTypes'], ['authorization_code', 'refresh_token']);
    assert.match(String(registration['expiresAt']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const token = JSON.parse(await fs.readFile(tokenCachePath({ homeDir: home }, 'claude-code'), 'utf8')) as Record<string, unknown>;
    assert.equal(token['clientId'], registration['clientId'], 'the token carries its registration, for refreshes');
    assert.equal(typeof token['refreshToken'], 'string');
    for (const secret of emulator.issuedSecrets()) assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), 'a secret reached the output');

    // Signed out of the session (token gone): signing in again reuses the cached registration.
    await fs.rm(tokenCachePath({ homeDir: home }, 'claude-code'));
    emulator.resetRequests();
    const again = await runBuiltCli(LOGIN, env);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(operations().slice(0, 2), ['Authorize', 'CreateToken']);
    assert.ok(!operations().includes('RegisterClient'), operations().join(', '));
  });

  it('refuses a callback whose state is not the one it sent, and exchanges no code', async () => {
    const run = await runBuiltCli(LOGIN, { ...env, FAKE_BROWSER_MODE: 'wrong-state' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /its state did not match/);
    assert.equal(run.stderr.split('\n').filter(Boolean).length, 1);
    assert.ok(!operations().includes('CreateToken'), operations().join(', '));
    await assert.rejects(fs.access(tokenCachePath({ homeDir: home }, 'claude-code')));
  });

  it('Ctrl-C while waiting for the browser ends the sign-in and closes the listener', async () => {
    const child = spawn(process.execPath, [path.join(__dirname, '..', '..', '..', 'dist', 'cli.js'), ...LOGIN], {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', AWS_EC2_METADATA_DISABLED: 'true', ...env, FAKE_BROWSER_MODE: 'record' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ended = new Promise<number | null>((resolve) => child.on('close', resolve));
    let opened: string | undefined;
    while (opened === undefined) {
      [opened] = await openedUrls();
      if (opened === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const redirectUri = new URL(opened).searchParams.get('redirect_uri') ?? '';
    child.kill('SIGINT');
    assert.equal(await ended, 1);
    assert.match(stderr, /Sign-in was cancelled\. Nothing was changed\./);
    await assert.rejects(fetch(`${redirectUri}?code=x&state=y`), 'the listener is closed');
    assert.ok(!operations().includes('CreateToken'));
  });

  it('falls back to a device code when no browser opens, and uses one with --use-device-code', async () => {
    const noBrowser = await runBuiltCli(LOGIN, { ...env, BROWSER: 'false', PATH: path.dirname(process.execPath) });
    assert.equal(noBrowser.code, 0, noBrowser.stdout + noBrowser.stderr);
    assert.match(noBrowser.stdout, /No browser could be opened; signing in with a device code instead\./);
    assert.match(noBrowser.stdout, /token new \(device code\)/);

    await fs.rm(tokenCachePath({ homeDir: home }, 'claude-code'));
    emulator.resetRequests();
    const deviceCode = await runBuiltCli([...LOGIN, '--use-device-code'], env);
    assert.equal(deviceCode.code, 0, deviceCode.stderr);
    assert.match(deviceCode.stdout, /confirm the code: /);
    assert.ok(!operations().includes('Authorize'));
    assert.ok(operations().includes('StartDeviceAuthorization'));
  });
});
