import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  paginateListAccounts,
  SSOClient,
  UnauthorizedException,
} from '@aws-sdk/client-sso';
import { CreateTokenCommand, InvalidGrantException, SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { fromSSO } from '@aws-sdk/credential-providers';
import type { IssuedSsoToken } from './server';
import { REGION, rejectionOf, SANDBOX_ACCOUNT, setEnv, signIn, START_URL, useEmulator } from './testSupport';

describe('emulator: SSO portal', () => {
  const fixture = useEmulator();
  const sso = () => new SSOClient({ region: REGION });

  it('lists the accounts assigned to the user, paginated with max_result / next_token', async () => {
    const { accessToken } = await signIn(fixture.emulator, 'alice');
    const first = await sso().send(new ListAccountsCommand({ accessToken, maxResults: 1 }));
    assert.deepEqual(first.accountList, [{ accountId: SANDBOX_ACCOUNT, accountName: 'Developer Sandbox', emailAddress: 'aws-sandbox@example.com' }]);
    assert.ok(first.nextToken);
    const ids: string[] = [];
    for await (const page of paginateListAccounts({ client: sso(), pageSize: 1 }, { accessToken })) {
      ids.push(...(page.accountList ?? []).map((a) => a.accountId ?? ''));
    }
    assert.deepEqual(ids, [SANDBOX_ACCOUNT, '444455556666']);
  });

  it('lists the roles of one account', async () => {
    const { accessToken } = await signIn(fixture.emulator, 'alice');
    const roles = await sso().send(new ListAccountRolesCommand({ accessToken, accountId: SANDBOX_ACCOUNT }));
    assert.deepEqual(roles.roleList?.map((r) => r.roleName), ['BedrockDeveloper', 'ReadOnlyAccess']);
    assert.equal(roles.roleList[0]?.accountId, SANDBOX_ACCOUNT);
  });

  it('issues role credentials with an epoch-milliseconds expiration, only for assigned roles', async () => {
    const { accessToken } = await signIn(fixture.emulator, 'bob');
    const before = Date.now();
    const out = await sso().send(new GetRoleCredentialsCommand({ accessToken, accountId: SANDBOX_ACCOUNT, roleName: 'BedrockDeveloper' }));
    const creds = out.roleCredentials;
    assert.match(creds?.accessKeyId ?? '', /^ASIA[A-Z2-7]{16}$/);
    assert.ok(creds?.secretAccessKey && creds.sessionToken);
    const expiration = creds.expiration ?? 0;
    assert.ok(expiration > before + 3500_000 && expiration < before + 3700_000, `expiration ${expiration} is ms, about 1 h ahead`);

    const forbidden = await rejectionOf(sso().send(new GetRoleCredentialsCommand({ accessToken, accountId: SANDBOX_ACCOUNT, roleName: 'BedrockAdmin' })));
    assert.equal(forbidden.name, 'ForbiddenException');
    assert.equal(forbidden.$metadata?.httpStatusCode, 403);
  });

  it('answers UnauthorizedException for unknown, expired and logged-out tokens', async () => {
    assert.ok(await rejectionOf(sso().send(new ListAccountsCommand({ accessToken: 'aoa-unknown' }))) instanceof UnauthorizedException);

    const session = await signIn(fixture.emulator, 'bob');
    await sso().send(new LogoutCommand({ accessToken: session.accessToken }));
    assert.ok(await rejectionOf(sso().send(new ListAccountsCommand({ accessToken: session.accessToken }))) instanceof UnauthorizedException);
    const oidc = new SSOOIDCClient({ region: REGION });
    const refresh = await rejectionOf(
      oidc.send(new CreateTokenCommand({ clientId: session.clientId, clientSecret: session.clientSecret, grantType: 'refresh_token', refreshToken: session.refreshToken })),
    );
    assert.ok(refresh instanceof InvalidGrantException, 'Logout also ends the refresh token');

    const other = await signIn(fixture.emulator, 'bob');
    fixture.emulator.expireAccessTokens();
    assert.ok(await rejectionOf(sso().send(new ListAccountsCommand({ accessToken: other.accessToken }))) instanceof UnauthorizedException);
  });

  describe('fromSSO() from @aws-sdk/credential-providers', () => {
    function writeAwsHome(home: string, sessionName: string, token: IssuedSsoToken & { expiresAt: string }): string {
      mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
      writeFileSync(
        join(home, '.aws', 'config'),
        [
          '[profile dev]',
          `sso_session = ${sessionName}`,
          `sso_account_id = ${SANDBOX_ACCOUNT}`,
          'sso_role_name = BedrockDeveloper',
          `region = ${REGION}`,
          '',
          `[sso-session ${sessionName}]`,
          `sso_start_url = ${START_URL}`,
          `sso_region = ${REGION}`,
          'sso_registration_scopes = sso:account:access',
          '',
        ].join('\n'),
      );
      const cacheFile = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(sessionName).digest('hex')}.json`);
      writeFileSync(cacheFile, JSON.stringify(token, null, 2), { mode: 0o600 });
      return cacheFile;
    }

    it('gets credentials from GetRoleCredentials with a hand-written config and token cache', async () => {
      const home = join(fixture.tempDir, 'home-valid');
      writeAwsHome(home, 'corp', fixture.emulator.issueSsoToken('alice'));
      const restore = setEnv({ HOME: home, USERPROFILE: home, AWS_CONFIG_FILE: undefined });
      try {
        fixture.emulator.resetRequests();
        const credentials = await fromSSO({ profile: 'dev' })();
        assert.match(credentials.accessKeyId, /^ASIA/);
        assert.ok(credentials.sessionToken);
        assert.ok(credentials.expiration && credentials.expiration.getTime() > Date.now());
        assert.equal(fixture.emulator.requestCount('GetRoleCredentials'), 1);
        assert.equal(fixture.emulator.requests()[0]?.caller, 'alice');
      } finally {
        restore();
      }
    });

    it('refreshes an expired cached token through CreateToken and writes it back', async () => {
      const home = join(fixture.tempDir, 'home-expired');
      const issued = fixture.emulator.issueSsoToken('alice');
      fixture.emulator.expireAccessTokens();
      const cacheFile = writeAwsHome(home, 'corp-refresh', { ...issued, expiresAt: new Date(Date.now() - 60_000).toISOString() });
      const restore = setEnv({ HOME: home, USERPROFILE: home, AWS_CONFIG_FILE: undefined });
      try {
        fixture.emulator.resetRequests();
        const credentials = await fromSSO({ profile: 'dev' })();
        assert.match(credentials.accessKeyId, /^ASIA/);
        assert.equal(fixture.emulator.requestCount('CreateToken'), 1);
        assert.equal(fixture.emulator.requestCount('GetRoleCredentials'), 1);
        const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { accessToken: string };
        assert.notEqual(cached.accessToken, issued.accessToken);
      } finally {
        restore();
      }
    });
  });
});
