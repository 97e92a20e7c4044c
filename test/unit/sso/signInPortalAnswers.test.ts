import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Logger } from '../../../src/core/runtime/logger';
import { signIn } from '../../../src/core/sso/signIn';
import type { SignInInteraction, SignInRequest, SignInStage } from '../../../src/core/sso/signInTypes';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { setEnv } from '../../emulator/testSupport';
import { defaultWorld } from '../../emulator/world';
import { makeTempHome, testEnvironment } from '../../support/tempHome';
import { failureOf } from './support/failureOf';

const START_URL = 'https://d-1234567890.awsapps.com/start';
const noSleep = (): Promise<void> => Promise.resolve();

function request(overrides: Partial<SignInRequest> = {}): SignInRequest {
  return { startUrl: START_URL, ssoRegion: 'us-east-1', sessionName: 'claude-code', profileName: 'claude-code', region: 'us-west-2', ...overrides };
}
const pinned = (): SignInRequest => request({ accountId: '111122223333', roleName: 'BedrockDeveloper' });

interface Recorded extends SignInInteraction {
  readonly codes: number[];
  readonly stages: SignInStage[];
  readonly confirmations: string[];
}
function interaction(answers: { overwrite?: () => boolean } = {}): Recorded {
  const codes: number[] = [];
  const stages: SignInStage[] = [];
  const confirmations: string[] = [];
  return {
    codes,
    stages,
    confirmations,
    showCode: () => {
      codes.push(1);
    },
    chooseAccount: (accounts) => Promise.resolve(accounts[0]!),
    chooseRole: (roles) => Promise.resolve(roles[0]!),
    confirmProfileOverwrite: (description) => {
      confirmations.push(description);
      return Promise.resolve(answers.overwrite?.() ?? false);
    },
    progress: (stage) => stages.push(stage),
  };
}

function recordingLogger(): { logger: Logger; infos: string[] } {
  const infos: string[] = [];
  const ignore = (): void => undefined;
  return { infos, logger: { trace: ignore, debug: ignore, warn: ignore, error: ignore, info: (m) => infos.push(m) } };
}


describe('sign-in: what the portal answers, and what the developer is told (real SDK against the emulator)', function () {
  let emulator: Emulator;
  let home: string;
  let removeHome: () => Promise<void>;
  let restoreEnv: () => void;

  async function start(userName = 'alice', extraUser = false): Promise<void> {
    const world = defaultWorld();
    if (extraUser) world.users.push({ userName, email: `${userName}@example.com`, attributes: {}, assignments: [] });
    emulator = await startEmulator(world, { deviceFlow: { mode: 'autoApprove', userName, afterPolls: 1, interval: 1 } });
    restoreEnv = setEnv({ ...emulatorEndpointEnv(emulator.url), HOME: home, AWS_CONFIG_FILE: undefined, AWS_SHARED_CREDENTIALS_FILE: undefined, AWS_PROFILE: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_BEARER_TOKEN_BEDROCK: undefined, AWS_EC2_METADATA_DISABLED: 'true' });
  }

  beforeEach(async function () {
    ({ home, remove: removeHome } = await makeTempHome());
  });
  afterEach(async function () {
    emulator.setRequestHook(null);
    restoreEnv();
    await emulator.close();
    await removeHome();
  });

  const configPath = (): string => path.join(home, '.aws', 'config');

  it('registers with the sso:account:access scope, reports each stage, from the token to the config file, and logs the profile it wrote', async function () {
    await start();
    const registered: unknown[] = [];
    emulator.setRequestHook((_service, operation, req) => {
      if (operation === 'RegisterClient') registered.push((JSON.parse(req.body.toString('utf8')) as { scopes?: unknown }).scopes);
    });
    const asked = interaction();
    const seen = recordingLogger();
    await signIn(testEnvironment(home), pinned(), asked, { sleep: noSleep, logger: seen.logger });
    // The scope `aws configure sso` registers: without one, IAM Identity Center issues no refresh token.
    assert.deepEqual(registered, [['sso:account:access']]);
    assert.deepEqual(asked.stages, ['checking-token', 'registering-client', 'listing-accounts', 'listing-roles', 'writing-config']);
    assert.ok(seen.infos.includes(`Wrote profile claude-code and sso-session claude-code to ${configPath()}.`), seen.infos.join('\n'));
  });

  it('tells a user assigned to no account to ask for the permission set', async function () {
    await start('erin', true);
    assert.deepEqual(await failureOf(signIn(testEnvironment(home), request(), interaction(), { sleep: noSleep })), {
      code: 'sso.no-accounts',
      message: 'Your SSO user is not assigned to any AWS account. Ask your admin to assign you the Claude Code permission set.',
    });
    await assert.rejects(fs.stat(configPath()));
  });

  it('tells a user without a role in the chosen account to ask for one there', async function () {
    await start('bob');
    // The portal answers an empty role list for the account (the assignment was removed meanwhile).
    emulator.setRequestHook((_service, operation, req) => {
      if (operation === 'ListAccountRoles') req.query.set('account_id', '444455556666');
    });
    assert.deepEqual(await failureOf(signIn(testEnvironment(home), request(), interaction(), { sleep: noSleep })), {
      code: 'sso.no-roles',
      message: 'You have no role in account Developer Sandbox (111122223333). Ask your admin to assign you the Claude Code permission set there.',
    });
  });

  it('lists the accounts and roles that can be used when the pre-selected one cannot', async function () {
    await start();
    assert.deepEqual(await failureOf(signIn(testEnvironment(home), request({ accountId: '999999999999' }), interaction(), { sleep: noSleep })), {
      code: 'sso.account-not-assigned',
      message: 'Account 999999999999 is not among the accounts your SSO user can use (Developer Sandbox 111122223333, Shared Services 444455556666). Ask your admin to assign you to it, or change the account setting.',
    });
    assert.deepEqual(await failureOf(signIn(testEnvironment(home), request({ accountId: '111122223333', roleName: 'Nope' }), interaction(), { sleep: noSleep })), {
      code: 'sso.role-not-assigned',
      message: 'Role Nope is not available to you in account 111122223333 (available: BedrockDeveloper, ReadOnlyAccess). Ask your admin to assign it, or change the role setting.',
    });
  });

  it('asks before overwriting a profile that points elsewhere, naming it and the file; declining or cancelling then leaves it', async function () {
    await start();
    await fs.mkdir(path.join(home, '.aws'), { recursive: true });
    const original = '[profile claude-code]\nsso_session = other\nsso_account_id = 444455556666\nsso_role_name = Admin\nregion = eu-west-1\n';
    await fs.writeFile(configPath(), original);
    const declined = interaction({ overwrite: () => false });
    assert.deepEqual(await failureOf(signIn(testEnvironment(home), pinned(), declined, { sleep: noSleep })), { code: 'cancelled', message: 'Sign-in was cancelled. Nothing was changed.' });
    assert.equal(declined.confirmations.length, 1);
    const question = declined.confirmations[0] ?? '';
    assert.ok(question.startsWith(`Profile "claude-code" in ${configPath()}: existing settings would be overwritten: [profile claude-code] `), question);
    assert.ok(question.endsWith(' Overwrite it?'), question);

    const controller = new AbortController();
    const cancelledWhileAsked = interaction({
      overwrite: () => {
        controller.abort();
        return true;
      },
    });
    assert.deepEqual(await failureOf(signIn(testEnvironment(home), pinned(), cancelledWhileAsked, { sleep: noSleep, signal: controller.signal })), {
      code: 'cancelled',
      message: 'Sign-in was cancelled. Nothing was changed.',
    });
    assert.equal(await fs.readFile(configPath(), 'utf8'), original);
  });

  for (const operation of ['ListAccounts', 'ListAccountRoles']) {
    it(`reports a cancel during ${operation} as a cancel, even when the portal then refuses the call`, async function () {
      await start();
      const controller = new AbortController();
      emulator.setRequestHook((_service, op) => {
        if (op !== operation) return;
        controller.abort();
        emulator.expireAccessTokens();
      });
      assert.deepEqual(await failureOf(signIn(testEnvironment(home), pinned(), interaction(), { sleep: noSleep, signal: controller.signal })), {
        code: 'cancelled',
        message: 'Sign-in was cancelled. Nothing was changed.',
      });
      await assert.rejects(fs.stat(configPath()));
    });
  }

  it('does not sign in again when the portal refuses a token it has just issued (device code)', async function () {
    await start();
    emulator.setRequestHook((_service, operation) => {
      if (operation === 'ListAccounts') emulator.expireAccessTokens();
    });
    const asked = interaction();
    assert.equal((await failureOf(signIn(testEnvironment(home), pinned(), asked, { sleep: noSleep }))).code, 'sso.session-expired');
    assert.equal(asked.codes.length, 1, 'one code shown, no second sign-in');
    assert.equal(emulator.requestCount('ListAccounts'), 1);
  });

  it('does not sign in again when the portal refuses a token it has just issued (browser)', async function () {
    await start();
    emulator.setRequestHook((_service, operation) => {
      if (operation === 'ListAccounts') emulator.expireAccessTokens();
    });
    let opened = 0;
    const browser: SignInInteraction = {
      ...interaction(),
      authorization: {
        mode: 'browser',
        // The developer approves at once: the authorize page redirects to our loopback listener.
        openUrl: async (url) => {
          opened++;
          const answer = await fetch(url, { redirect: 'manual' });
          const location = answer.headers.get('location');
          assert.ok(location);
          void fetch(location).catch(() => undefined);
          return true;
        },
      },
    };
    assert.equal((await failureOf(signIn(testEnvironment(home), pinned(), browser, { sleep: noSleep }))).code, 'sso.session-expired');
    assert.equal(opened, 1, 'no second sign-in');
    assert.equal(emulator.requestCount('ListAccounts'), 1);
  });

  it('renews a cached token only when the portal refuses it, not when the portal fails', async function () {
    await start();
    await signIn(testEnvironment(home), pinned(), interaction(), { sleep: noSleep });
    emulator.resetRequests();
    emulator.injectFault({ service: 'sso', operation: 'ListAccounts', kind: 'status', status: 500, times: 3 });
    const failed = await failureOf(signIn(testEnvironment(home), pinned(), interaction(), { sleep: noSleep }));
    assert.equal(failed.code, 'aws.server-error');
    assert.equal(emulator.requestCount('CreateToken'), 0, 'the token was not renewed');

    emulator.clearFaults();
    emulator.expireAccessTokens();
    const seen = recordingLogger();
    const renewed = await signIn(testEnvironment(home), pinned(), interaction(), { sleep: noSleep, logger: seen.logger });
    assert.equal(renewed.tokenSource, 'refreshed');
    assert.ok(seen.infos.includes('The cached SSO session was refused by the access portal; signing in again.'), seen.infos.join('\n'));
  });
});
