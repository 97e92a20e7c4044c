import assert from 'node:assert/strict';
import { listSsoAccountRoles, listSsoAccounts, logoutSsoSession } from '../../../src/core/sso/ssoPortal';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { setEnv } from '../../emulator/testSupport';
import { defaultWorld, type World } from '../../emulator/world';
import { failureOf } from './support/failureOf';


describe('SSO portal answers and failures (real SDK against the emulator)', () => {
  let emulator: Emulator;
  let restore: () => void;
  beforeEach(async () => {
    emulator = await startEmulator(defaultWorld());
    restore = setEnv({ ...emulatorEndpointEnv(emulator.url), AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' });
  });
  afterEach(async () => {
    restore();
    await emulator.close();
  });

  it('lists accounts with their names and e-mail addresses, sorted by name, and roles sorted by name', async () => {
    const accessToken = emulator.issueSsoToken('alice').accessToken;
    const world = emulator.world();
    const alice = world.users.find((user) => user.userName === 'alice');
    assert.ok(alice);
    const expected = [...new Set(alice.assignments.map((a) => a.accountId))]
      .map((id) => world.accounts.find((account) => account.id === id))
      .map((account) => ({ accountId: account?.id, accountName: account?.name, emailAddress: account?.email }))
      .sort((a, b) => String(a.accountName).localeCompare(String(b.accountName)));
    assert.ok(expected.length >= 2);
    assert.deepEqual(await listSsoAccounts({ ssoRegion: 'us-east-1', accessToken }), expected);
    const accountId = expected[0]?.accountId ?? '';
    const roles = alice.assignments.filter((a) => a.accountId === accountId).map((a) => ({ roleName: a.roleName, accountId })).sort((a, b) => a.roleName.localeCompare(b.roleName));
    assert.deepEqual(await listSsoAccountRoles({ ssoRegion: 'us-east-1', accessToken, accountId }), roles);
  });

  it('a cancelled listing asks the portal nothing more and says sign-in was cancelled', async () => {
    const accessToken = emulator.issueSsoToken('alice').accessToken;
    const cancel = new AbortController();
    cancel.abort();
    assert.equal((await failureOf(listSsoAccounts({ ssoRegion: 'us-east-1', accessToken, signal: cancel.signal }))).code, 'cancelled');
    assert.equal((await failureOf(listSsoAccountRoles({ ssoRegion: 'us-east-1', accessToken, accountId: '111122223333', signal: cancel.signal }))).code, 'cancelled');
    assert.equal(emulator.requestCount('ListAccounts') + emulator.requestCount('ListAccountRoles'), 0);
  });

  it('says an access token the portal refuses means signing in again', async () => {
    const accessToken = emulator.issueSsoToken('alice').accessToken;
    emulator.expireAccessTokens();
    assert.deepEqual(await failureOf(listSsoAccounts({ ssoRegion: 'us-east-1', accessToken })), {
      code: 'sso.session-expired',
      message: 'Your AWS SSO session is no longer valid (ListAccounts was refused). Run Sign In again.',
    });
    assert.deepEqual(await failureOf(listSsoAccountRoles({ ssoRegion: 'us-east-1', accessToken, accountId: '111122223333' })), {
      code: 'sso.session-expired',
      message: 'Your AWS SSO session is no longer valid (ListAccountRoles was refused). Run Sign In again.',
    });
    const refused = await listSsoAccounts({ ssoRegion: 'us-east-1', accessToken }).catch((error: unknown) => error);
    assert.equal(((refused as Error).cause as Error | undefined)?.name, 'UnauthorizedException', 'the portal\'s answer is kept as the cause');
    // Logout of a token that is no longer valid is as good as done.
    await logoutSsoSession({ ssoRegion: 'us-east-1', accessToken });
  });

  it('names the portal operation when the service fails, and reports a cancel as a cancel', async () => {
    const accessToken = emulator.issueSsoToken('alice').accessToken;
    emulator.injectFault({ service: 'sso', kind: 'status', status: 500 });
    for (const [operation, call] of [
      ['ListAccounts', listSsoAccounts({ ssoRegion: 'us-east-1', accessToken })],
      ['ListAccountRoles', listSsoAccountRoles({ ssoRegion: 'us-east-1', accessToken, accountId: '111122223333' })],
      ['Logout', logoutSsoSession({ ssoRegion: 'us-east-1', accessToken })],
    ] as const) {
      const failure = await failureOf(call);
      assert.equal(failure.code, 'aws.server-error', operation);
      assert.ok(failure.message.includes(`the AWS access portal (${operation})`), failure.message);
    }
    // A failure after the caller cancelled is reported as the cancel, not as the failure.
    const controller = new AbortController();
    controller.abort();
    for (const call of [
      listSsoAccounts({ ssoRegion: 'us-east-1', accessToken, signal: controller.signal }),
      listSsoAccountRoles({ ssoRegion: 'us-east-1', accessToken, accountId: '111122223333', signal: controller.signal }),
    ]) {
      assert.deepEqual(await failureOf(call), { code: 'cancelled', message: 'Sign-in was cancelled. Nothing was changed.' });
    }
    emulator.clearFaults();
    emulator.resetRequests();
    assert.equal((await failureOf(logoutSsoSession({ ssoRegion: 'us-east-1', accessToken, signal: controller.signal }))).code, 'cancelled');
    assert.equal(emulator.requestCount('Logout'), 0);
  });

  describe('with accounts the portal lists out of name order, one without a name or e-mail address', () => {
    let unordered: Emulator;
    let restoreUnordered: () => void;
    beforeEach(async () => {
      const world: World = defaultWorld();
      // The portal lists alice's accounts in assignment order: Zeta Sandbox before Shared Services.
      world.accounts = world.accounts.map((account) => (account.id === '111122223333' ? { ...account, name: 'Zeta Sandbox' } : account));
      // An account the portal answers without accountName and emailAddress (the world's JSON has neither).
      world.accounts.push({ id: '777788889999', name: undefined as unknown as string, email: undefined as unknown as string });
      world.users.find((user) => user.userName === 'alice')?.assignments.push({ accountId: '777788889999', roleName: 'BedrockDeveloper' });
      unordered = await startEmulator(world);
      restoreUnordered = setEnv(emulatorEndpointEnv(unordered.url));
    });
    afterEach(async () => {
      restoreUnordered();
      await unordered.close();
    });

    it('sorts accounts by name and names an unnamed one by its id, with an empty e-mail address', async () => {
      const accessToken = unordered.issueSsoToken('alice').accessToken;
      assert.deepEqual(await listSsoAccounts({ ssoRegion: 'us-east-1', accessToken }), [
        { accountId: '777788889999', accountName: '777788889999', emailAddress: '' },
        { accountId: '444455556666', accountName: 'Shared Services', emailAddress: 'aws-shared@example.com' },
        { accountId: '111122223333', accountName: 'Zeta Sandbox', emailAddress: 'aws-sandbox@example.com' },
      ]);
    });
  });
});
