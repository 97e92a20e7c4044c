import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fromSSO } from '@aws-sdk/credential-providers';
import { signIn } from '../../../src/core/sso/signIn';
import { signOut } from '../../../src/core/sso/signOut';
import type { SignInInteraction, SignInRequest } from '../../../src/core/sso/signInTypes';
import type { DeviceCodePrompt } from '../../../src/core/sso/deviceAuthorization';
import { tokenCachePath } from '../../../src/core/ssoCache/ssoCachePaths';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { setEnv } from '../../emulator/testSupport';
import { defaultWorld } from '../../emulator/world';
import { makeTempHome, testEnvironment } from '../../support/tempHome';
import { AWS_CLI, assertAwsCliInstalled } from '../awsConfig/awsCliOracle';

const START_URL = 'https://d-1234567890.awsapps.com/start';
const noSleep = (): Promise<void> => Promise.resolve();

function request(overrides: Partial<SignInRequest> = {}): SignInRequest {
  return { startUrl: START_URL, ssoRegion: 'us-east-1', sessionName: 'claude-code', profileName: 'claude-code', region: 'us-west-2', ...overrides };
}

function recordingInteraction(choices: { account?: string; role?: string; overwrite?: boolean } = {}): SignInInteraction & { codes: DeviceCodePrompt[]; asked: string[] } {
  const codes: DeviceCodePrompt[] = [];
  const asked: string[] = [];
  return {
    codes,
    asked,
    showCode: (prompt) => {
      codes.push(prompt);
    },
    chooseAccount: (accounts) => {
      asked.push('account');
      const found = accounts.find((a) => a.accountId === choices.account) ?? accounts[0];
      return Promise.resolve(found!);
    },
    chooseRole: (roles) => {
      asked.push('role');
      const found = roles.find((r) => r.roleName === choices.role) ?? roles[0];
      return Promise.resolve(found!);
    },
    confirmProfileOverwrite: () => {
      asked.push('overwrite');
      return Promise.resolve(choices.overwrite ?? false);
    },
  };
}

describe('sign-in with IAM Identity Center (real SDK against the emulator)', function () {
  let emulator: Emulator;
  let home: string;
  let removeHome: () => Promise<void>;
  let restoreEnv: () => void;

  beforeEach(async function () {
    const world = defaultWorld();
    emulator = await startEmulator(world, { deviceFlow: { mode: 'autoApprove', userName: 'alice', afterPolls: 2, interval: 1 } });
    ({ home, remove: removeHome } = await makeTempHome());
    restoreEnv = setEnv({ ...emulatorEndpointEnv(emulator.url), HOME: home, AWS_CONFIG_FILE: undefined, AWS_SHARED_CREDENTIALS_FILE: undefined, AWS_PROFILE: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_BEARER_TOKEN_BEDROCK: undefined, AWS_EC2_METADATA_DISABLED: 'true' });
  });

  afterEach(async function () {
    restoreEnv();
    await emulator.close();
    await removeHome();
  });

  it('writes the token cache and config that the AWS SDK itself then uses, and refreshes an expired token', async function () {
    const interaction = recordingInteraction({ account: '111122223333', role: 'BedrockDeveloper' });
    const result = await signIn(testEnvironment(home), request(), interaction, { sleep: noSleep });

    assert.equal(result.tokenSource, 'device-authorization');
    assert.equal(result.account.accountId, '111122223333');
    assert.equal(result.roleName, 'BedrockDeveloper');
    assert.deepEqual(interaction.asked, ['account', 'role'], 'alice has two accounts and two roles there, so both are asked');
    assert.equal(interaction.codes.length, 1);
    assert.match(interaction.codes[0]!.verificationUri, /^https:\/\//);

    // Byte-for-byte what `aws configure sso` writes into an empty file: profile, then session.
    const config = await fs.readFile(path.join(home, '.aws', 'config'), 'utf8');
    assert.equal(
      config,
      '[profile claude-code]\nsso_session = claude-code\nsso_account_id = 111122223333\nsso_role_name = BedrockDeveloper\nregion = us-west-2\n[sso-session claude-code]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n',
    );
    const cacheFile = tokenCachePath({ homeDir: home }, 'claude-code');
    // sha1('claude-code'), as the AWS CLI names it
    assert.equal(cacheFile, path.join(home, '.aws', 'sso', 'cache', '2cdaeb723090aa5820edad7be914ce513ba84c2d.json'));
    const stat = await fs.stat(cacheFile);
    assert.equal(stat.mode & 0o777, 0o600);
    assert.equal((await fs.stat(path.dirname(cacheFile))).mode & 0o777, 0o700);
    const cached = JSON.parse(await fs.readFile(cacheFile, 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(cached), ['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken']);
    assert.match(cached['expiresAt']!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // The AWS SDK (what Claude Code uses) accepts what we wrote, with nothing but HOME.
    const credentials = await fromSSO({ profile: 'claude-code', ignoreCache: true })();
    assert.ok(credentials.accessKeyId && credentials.secretAccessKey && credentials.sessionToken);
    const issued = emulator.issueRoleCredentials('alice');
    assert.equal(typeof issued.accessKeyId, 'string');

    // Expire the access token locally and server-side: the SDK refreshes through
    // CreateToken(refresh_token) and writes the new token back, without the user.
    emulator.expireAccessTokens();
    await fs.writeFile(cacheFile, JSON.stringify({ ...cached, expiresAt: '2000-01-01T00:00:00Z' }));
    const createTokensBefore = emulator.requestCount('CreateToken');
    const refreshed = await fromSSO({ profile: 'claude-code', ignoreCache: true })();
    assert.ok(refreshed.accessKeyId);
    assert.equal(emulator.requestCount('CreateToken'), createTokensBefore + 1);
    const after = JSON.parse(await fs.readFile(cacheFile, 'utf8')) as Record<string, string>;
    assert.notEqual(after['accessToken'], cached['accessToken']);
  });

  it('reuses a valid cached token and registration instead of asking again, and is idempotent', async function () {
    const interaction = recordingInteraction();
    await signIn(testEnvironment(home), request({ accountId: '111122223333', roleName: 'BedrockDeveloper' }), interaction, { sleep: noSleep });
    const configBefore = await fs.readFile(path.join(home, '.aws', 'config'));
    const registrations = emulator.requestCount('RegisterClient');
    const second = await signIn(testEnvironment(home), request({ accountId: '111122223333', roleName: 'BedrockDeveloper' }), interaction, { sleep: noSleep });
    assert.equal(second.tokenSource, 'cache');
    assert.equal(second.configChanged, false);
    assert.equal(emulator.requestCount('RegisterClient'), registrations);
    assert.equal(interaction.codes.length, 1, 'the code was shown only the first time');
    assert.deepEqual(await fs.readFile(path.join(home, '.aws', 'config')), configBefore);
  });

  it('refreshes a token near expiry with the refresh token before asking the user', async function () {
    const now = { value: Date.now() };
    const environment = testEnvironment(home, { now: () => new Date(now.value) });
    const interaction = recordingInteraction();
    await signIn(environment, request({ accountId: '111122223333', roleName: 'BedrockDeveloper' }), interaction, { sleep: noSleep });
    now.value += 8 * 3600_000 - 5 * 60_000; // five minutes left of an eight-hour token
    const result = await signIn(environment, request({ accountId: '111122223333', roleName: 'BedrockDeveloper' }), interaction, { sleep: noSleep });
    assert.equal(result.tokenSource, 'refreshed');
    assert.equal(interaction.codes.length, 1);
    assert.equal(emulator.requestCount('RegisterClient'), 1);
  });

  it('checks pre-selected account and role against the portal', async function () {
    await assert.rejects(
      signIn(testEnvironment(home), request({ accountId: '999999999999' }), recordingInteraction(), { sleep: noSleep }),
      (error: unknown) => isUserFacingError(error) && error.code === 'sso.account-not-assigned' && /999999999999/.test(error.message),
    );
    await assert.rejects(
      signIn(testEnvironment(home), request({ accountId: '111122223333', roleName: 'Nope' }), recordingInteraction(), { sleep: noSleep }),
      (error: unknown) => isUserFacingError(error) && error.code === 'sso.role-not-assigned' && /BedrockDeveloper/.test(error.message),
    );
  });

  it('does not overwrite a profile that points elsewhere without confirmation', async function () {
    await fs.mkdir(path.join(home, '.aws'), { recursive: true });
    const original = '# mine\r\n[profile claude-code]\r\nsso_session = other\r\nsso_account_id = 444455556666\r\nsso_role_name = Admin\r\nregion = eu-west-1\r\n';
    await fs.writeFile(path.join(home, '.aws', 'config'), original);
    const declined = recordingInteraction({ overwrite: false });
    await assert.rejects(signIn(testEnvironment(home), request({ accountId: '111122223333', roleName: 'BedrockDeveloper' }), declined, { sleep: noSleep }), (error: unknown) => isUserFacingError(error) && error.code === 'cancelled');
    assert.equal(await fs.readFile(path.join(home, '.aws', 'config'), 'utf8'), original);
    const accepted = recordingInteraction({ overwrite: true });
    const result = await signIn(testEnvironment(home), request({ accountId: '111122223333', roleName: 'BedrockDeveloper' }), accepted, { sleep: noSleep });
    assert.equal(result.configChanged, true);
    const text = await fs.readFile(path.join(home, '.aws', 'config'), 'utf8');
    assert.ok(text.startsWith('# mine\r\n[profile claude-code]\r\n'), 'comment and CRLF kept');
    assert.match(text, /sso_account_id = 111122223333\r\n/);
  });

  for (const [mode, code] of [
    ['deny', 'sso.access-denied'],
    ['expire', 'sso.code-expired'],
  ] as const) {
    it(`stops with a clear sentence when the device code is ${mode === 'deny' ? 'denied' : 'expired'}, writing nothing`, async function () {
      emulator.setDeviceFlow({ mode, afterPolls: 1, interval: 1 });
      await assert.rejects(signIn(testEnvironment(home), request(), recordingInteraction(), { sleep: noSleep }), (error: unknown) => isUserFacingError(error) && error.code === code);
      await assert.rejects(fs.stat(path.join(home, '.aws', 'config')));
    });
  }

  it('stops polling by itself once the device code has expired on its own clock, even while the service still says pending', async function () {
    // The emulator's code never expires during this test (its clock is real time); only the
    // client's controllable clock passes the 60 s the service gave the code.
    emulator.setDeviceFlow({ mode: 'manual', interval: 1, expiresIn: 60 });
    let clock = Date.parse('2025-06-01T12:00:00Z');
    let sleeps = 0;
    const sleep = (ms: number): Promise<void> => {
      sleeps++;
      clock += ms;
      if (sleeps > 70) return Promise.reject(new Error('still polling 10 s after the code expired'));
      return Promise.resolve();
    };
    const interaction = recordingInteraction();
    await assert.rejects(signIn(testEnvironment(home, { now: () => new Date(clock) }), request(), interaction, { sleep }), (error: unknown) => {
      assert.ok(isUserFacingError(error), String(error));
      assert.equal(error.code, 'sso.code-expired');
      assert.match(error.message, /The sign-in code expired before it was approved\. Run Sign In again/);
      return true;
    });
    assert.equal(interaction.codes[0]?.expiresAt.toISOString(), '2025-06-01T12:01:00.000Z', 'the code shown says when it expires');
    assert.equal(sleeps, 60, 'one wait per interval until the expiry, then no further poll');
    await assert.rejects(fs.stat(path.join(home, '.aws', 'config')));
  });

  it('slows down by 5 s on SlowDown and keeps polling while pending', async function () {
    emulator.setDeviceFlow({ mode: 'autoApprove', userName: 'alice', afterPolls: 3, interval: 2, slowDownOnPolls: [2] });
    const waits: number[] = [];
    await signIn(testEnvironment(home), request({ accountId: '111122223333', roleName: 'BedrockDeveloper' }), recordingInteraction(), {
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    assert.deepEqual(waits.slice(0, 3), [2000, 2000, 7000]);
  });

  it('can be cancelled while waiting for approval, leaving no file behind', async function () {
    emulator.setDeviceFlow({ mode: 'manual', interval: 1 });
    const controller = new AbortController();
    const interaction = {
      ...recordingInteraction(),
      showCode: () => {
        setTimeout(() => {
          controller.abort();
        }, 50);
      },
    };
    await assert.rejects(signIn(testEnvironment(home), request(), interaction, { signal: controller.signal }), (error: unknown) => isUserFacingError(error) && error.code === 'cancelled');
    await assert.rejects(fs.stat(path.join(home, '.aws', 'config')));
    await assert.rejects(fs.stat(tokenCachePath({ homeDir: home }, 'claude-code')));
  });

  it('refuses bad input before any network call', async function () {
    for (const bad of [{ startUrl: 'http://d-1234567890.awsapps.com/start' }, { startUrl: 'https://evil.example.com/start' }, { ssoRegion: 'us-east-1/../x' }, { profileName: 'a]b' }]) {
      await assert.rejects(signIn(testEnvironment(home), request(bad), recordingInteraction(), { sleep: noSleep }), isUserFacingError);
    }
    assert.equal(emulator.requestCount(), 0);
  });

  it('signs out: portal Logout and the cached token removed', async function () {
    await signIn(testEnvironment(home), request({ accountId: '111122223333', roleName: 'BedrockDeveloper' }), recordingInteraction(), { sleep: noSleep });
    const result = await signOut(testEnvironment(home), 'claude-code');
    assert.equal(result.portalLogout, 'done');
    assert.equal(result.tokenFileDeleted, true);
    assert.equal(emulator.requestCount('Logout'), 1);
    await assert.rejects(fs.stat(tokenCachePath({ homeDir: home }, 'claude-code')));
  });

  it('renews silently when the portal refuses a cached token that still looks valid', async function () {
    const pinned = request({ accountId: '111122223333', roleName: 'BedrockDeveloper' });
    await signIn(testEnvironment(home), pinned, recordingInteraction(), { sleep: noSleep });
    emulator.expireAccessTokens();
    const again = recordingInteraction();
    const result = await signIn(testEnvironment(home), pinned, again, { sleep: noSleep });
    // The refresh token still works, so the user is not asked for a new device code.
    assert.equal(result.tokenSource, 'refreshed');
    assert.equal(again.codes.length, 0);
    assert.equal(emulator.requestCount('ListAccounts'), 3, 'the first sign-in, the refused call, and one retry after the renewal');
  });

  it('writes a config that Debian\'s AWS CLI v2 reads back', async function () {
    // Four fresh Python processes: on a machine at load 28 they took more than mocha's 20 s.
    // The limit only catches a hang; nothing here is timed.
    this.timeout(90_000);
    await signIn(testEnvironment(home), request({ accountId: '111122223333', roleName: 'BedrockDeveloper' }), recordingInteraction(), { sleep: noSleep });
    assertAwsCliInstalled();
    const cli = (args: string[]): string => execFileSync(AWS_CLI, args, { env: { PATH: '/usr/bin:/bin', HOME: home }, encoding: 'utf8' }).trim();
    assert.equal(cli(['configure', 'get', 'sso_session', '--profile', 'claude-code']), 'claude-code');
    assert.equal(cli(['configure', 'get', 'sso_account_id', '--profile', 'claude-code']), '111122223333');
    assert.equal(cli(['configure', 'get', 'region', '--profile', 'claude-code']), 'us-west-2');
    assert.ok(cli(['configure', 'list-profiles']).split('\n').includes('claude-code'));
  });

  it('keeps CRLF, comments and unicode of an existing config, and replaces a corrupt token cache', async function () {
    const configFile = path.join(home, '.aws', 'config');
    const cacheFile = tokenCachePath({ homeDir: home }, 'claude-code');
    await fs.mkdir(path.dirname(cacheFile), { recursive: true });
    const existing = '# team settings ; do not touch\r\n[default]\r\nregion = eu-west-1\r\n; Zoë\'s profile\r\n[profile zoë]\r\noutput = json';
    await fs.writeFile(configFile, existing);
    await fs.writeFile(cacheFile, '{"accessToken": "trunc');
    const result = await signIn(testEnvironment(home), request({ accountId: '111122223333', roleName: 'BedrockDeveloper' }), recordingInteraction(), { sleep: noSleep });
    assert.equal(result.tokenSource, 'device-authorization');
    const written = await fs.readFile(configFile, 'utf8');
    assert.ok(written.startsWith(`${existing}\r\n`), 'every existing byte is kept, in place');
    assert.ok(!/[^\r]\n/.test(written), 'new lines use the file\'s CRLF');
    const cached = JSON.parse(await fs.readFile(cacheFile, 'utf8')) as Record<string, unknown>;
    assert.equal(typeof cached['accessToken'], 'string');
  });

  it('says which folder is in the way when ~/.aws is not a folder, and changes nothing', async function () {
    await fs.writeFile(path.join(home, '.aws'), 'not a folder');
    const failure = await signIn(testEnvironment(home), request({ accountId: '111122223333', roleName: 'BedrockDeveloper' }), recordingInteraction(), { sleep: noSleep }).catch((error: unknown) => error);
    assert.ok(isUserFacingError(failure), String(failure));
    assert.match(failure.message, /\.aws/);
    assert.match(failure.message, /then try again\.$/);
    assert.equal(await fs.readFile(path.join(home, '.aws'), 'utf8'), 'not a folder');
  });

  it('never puts a token, refresh token or client secret in an error or result', async function () {
    const result = await signIn(testEnvironment(home), request({ accountId: '111122223333', roleName: 'BedrockDeveloper' }), recordingInteraction(), { sleep: noSleep });
    emulator.setDeviceFlow({ mode: 'deny', afterPolls: 0, interval: 1 });
    const failure = await signIn(testEnvironment(home), request({ accountId: '111122223333', roleName: 'BedrockDeveloper' }), recordingInteraction(), { sleep: noSleep, forceNewLogin: true }).catch((error: unknown) => error);
    const text = JSON.stringify(result) + String(failure) + (failure instanceof Error ? failure.message : '');
    for (const secret of emulator.issuedSecrets()) assert.ok(!text.includes(secret), 'a secret leaked into a result or error');
  });
});
