// The portal API pages its answers with next_token, and may answer with fewer items than
// max_result. An organisation's developer can see dozens of accounts; the product must read
// every page of ListAccounts and ListAccountRoles, not only the first.
import assert from 'node:assert/strict';
import { listSsoAccountRoles, listSsoAccounts } from '../../../src/core/sso/ssoPortal';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { setEnv } from '../../emulator/testSupport';
import { defaultWorld, type World } from '../../emulator/world';

function pagedWorld(): World {
  const world = defaultWorld();
  world.sso = { ...world.sso, maxPageSize: 2 };
  for (let i = 1; i <= 5; i++) world.accounts.push({ id: `55556666000${i}`, name: `Team Account ${i}`, email: `team${i}@example.com` });
  world.roles.push({ name: 'BedrockPowerUser' }, { name: 'Billing' });
  const alice = world.users.find((u) => u.userName === 'alice');
  assert.ok(alice);
  for (let i = 1; i <= 5; i++) alice.assignments.push({ accountId: `55556666000${i}`, roleName: 'BedrockDeveloper' });
  alice.assignments.push({ accountId: '111122223333', roleName: 'BedrockPowerUser' }, { accountId: '111122223333', roleName: 'Billing' });
  return world;
}

describe('SSO portal paging (more than one page)', () => {
  let emulator: Emulator;
  let restore: () => void;
  before(async () => {
    emulator = await startEmulator(pagedWorld());
    restore = setEnv({ ...emulatorEndpointEnv(emulator.url), AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' });
  });
  after(async () => {
    restore();
    await emulator.close();
  });

  it('ListAccounts: all 7 accounts over 4 pages', async () => {
    const token = emulator.issueSsoToken('alice').accessToken;
    emulator.resetRequests();
    const accounts = await listSsoAccounts({ ssoRegion: 'us-east-1', accessToken: token });
    assert.equal(accounts.length, 7);
    assert.ok(accounts.some((a) => a.accountId === '555566660005'), 'the last page was read');
    assert.equal(emulator.requestCount('ListAccounts'), 4);
  });

  it('ListAccountRoles: all 4 roles of an account over 2 pages', async () => {
    const token = emulator.issueSsoToken('alice').accessToken;
    emulator.resetRequests();
    const roles = await listSsoAccountRoles({ ssoRegion: 'us-east-1', accessToken: token, accountId: '111122223333' });
    assert.deepEqual(roles.map((r) => r.roleName), ['BedrockDeveloper', 'BedrockPowerUser', 'Billing', 'ReadOnlyAccess']);
    assert.equal(emulator.requestCount('ListAccountRoles'), 2);
  });
});
