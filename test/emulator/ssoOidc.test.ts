import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  AccessDeniedException,
  AuthorizationPendingException,
  CreateTokenCommand,
  ExpiredTokenException,
  InvalidClientException,
  InvalidGrantException,
  InvalidRequestException,
  RegisterClientCommand,
  SlowDownException,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
  UnsupportedGrantTypeException,
} from '@aws-sdk/client-sso-oidc';
import { ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { DEVICE_CODE_GRANT } from './services/ssoOidc';
import { REGION, rejectionOf, signIn, START_URL, useEmulator } from './testSupport';

describe('emulator: SSO-OIDC device authorization', () => {
  const fixture = useEmulator((world) => {
    world.sso = { ...world.sso, accessTokenTtlSeconds: 3600 };
  });
  const oidc = () => new SSOOIDCClient({ region: REGION });

  async function startFlow(scopes: string[] = ['sso:account:access']) {
    const client = await oidc().send(new RegisterClientCommand({ clientName: 'oidc-test', clientType: 'public', scopes }));
    const clientId = client.clientId ?? '';
    const clientSecret = client.clientSecret ?? '';
    const device = await oidc().send(new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: START_URL }));
    const poll = () => oidc().send(new CreateTokenCommand({ clientId, clientSecret, grantType: DEVICE_CODE_GRANT, deviceCode: device.deviceCode }));
    return { client, device, clientId, clientSecret, poll };
  }

  afterEach(() => {
    fixture.emulator.setDeviceFlow({ mode: 'manual', interval: 1, expiresIn: 600 });
    fixture.emulator.setClock(null);
  });

  it('registers a public client and starts a device authorization on an AWS-looking https URL', async () => {
    const { client, device } = await startFlow();
    assert.ok(client.clientId && client.clientSecret);
    assert.ok((client.clientSecretExpiresAt ?? 0) > Date.now() / 1000 + 80 * 86400, 'registration lasts about 90 days');
    assert.match(device.userCode ?? '', /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(device.verificationUri, 'https://device.sso.us-east-1.amazonaws.com/');
    assert.equal(device.verificationUriComplete, `https://device.sso.us-east-1.amazonaws.com/?user_code=${device.userCode ?? ''}`);
    assert.equal(device.interval, 1);
    assert.equal(device.expiresIn, 600);
  });

  it('answers AuthorizationPending until approved, then issues tokens once', async () => {
    const { device, poll } = await startFlow();
    const pending = await rejectionOf(poll());
    assert.ok(pending instanceof AuthorizationPendingException);
    assert.equal(pending.$metadata.httpStatusCode, 400);
    // The body carries OAuth fields, not `message`; the SDK keeps them on the exception.
    assert.equal(pending.error, 'authorization_pending');
    assert.ok(pending.error_description);
    assert.deepEqual(fixture.emulator.pendingUserCodes().includes(device.userCode ?? ''), true);

    fixture.emulator.approveDeviceCode((device.userCode ?? '').toLowerCase(), 'alice');
    const token = await poll();
    assert.equal(token.tokenType, 'Bearer');
    assert.equal(token.expiresIn, 3600);
    assert.ok(token.accessToken && token.refreshToken);
    assert.ok(await rejectionOf(poll()) instanceof InvalidGrantException, 'a device code is single-use');
  });

  it('issues no refresh token to a client registered without scopes', async () => {
    const { device, poll } = await startFlow([]);
    fixture.emulator.approveDeviceCode(device.userCode ?? '', 'bob');
    const token = await poll();
    assert.ok(token.accessToken);
    assert.equal(token.refreshToken, undefined);
  });

  it('answers SlowDown on configured polls and when polled faster than the interval', async () => {
    fixture.emulator.setDeviceFlow({ mode: 'autoApprove', userName: 'alice', afterPolls: 2, slowDownOnPolls: [1] });
    const first = await startFlow();
    assert.ok(await rejectionOf(first.poll()) instanceof SlowDownException);
    assert.ok(await rejectionOf(first.poll()) instanceof AuthorizationPendingException);
    assert.ok((await first.poll()).accessToken, 'approved on the third poll');

    let now = Date.parse('2026-01-10T10:00:00Z');
    fixture.emulator.setClock(() => now);
    fixture.emulator.setDeviceFlow({ mode: 'manual', enforceInterval: true, interval: 1 });
    const second = await startFlow();
    assert.ok(await rejectionOf(second.poll()) instanceof AuthorizationPendingException);
    now += 200;
    assert.ok(await rejectionOf(second.poll()) instanceof SlowDownException, 'polled 200 ms after the last poll');
    now += 6_000;
    assert.ok(await rejectionOf(second.poll()) instanceof AuthorizationPendingException, 'interval grew by 5 s and was respected');
  });

  it('reports a denied request as AccessDenied (control API and deny mode)', async () => {
    const manual = await startFlow();
    fixture.emulator.denyDeviceCode(manual.device.userCode ?? '');
    assert.ok(await rejectionOf(manual.poll()) instanceof AccessDeniedException);

    fixture.emulator.setDeviceFlow({ mode: 'deny', afterPolls: 1 });
    const auto = await startFlow();
    assert.ok(await rejectionOf(auto.poll()) instanceof AuthorizationPendingException);
    assert.ok(await rejectionOf(auto.poll()) instanceof AccessDeniedException);
  });

  it('reports an expired device code as ExpiredToken (expire mode and the clock)', async () => {
    fixture.emulator.setDeviceFlow({ mode: 'expire' });
    const auto = await startFlow();
    assert.ok(await rejectionOf(auto.poll()) instanceof ExpiredTokenException);

    let now = Date.parse('2026-01-10T10:00:00Z');
    fixture.emulator.setClock(() => now);
    fixture.emulator.setDeviceFlow({ mode: 'manual', expiresIn: 60 });
    const timed = await startFlow();
    now += 61_000;
    assert.deepEqual(fixture.emulator.pendingUserCodes().includes(timed.device.userCode ?? ''), false);
    assert.ok(await rejectionOf(timed.poll()) instanceof ExpiredTokenException);
  });

  it('rejects a wrong client secret, an unknown start URL and an unknown grant type', async () => {
    const { clientId, device, clientSecret } = await startFlow();
    const badSecret = await rejectionOf(
      oidc().send(new CreateTokenCommand({ clientId, clientSecret: 'nope', grantType: DEVICE_CODE_GRANT, deviceCode: device.deviceCode })),
    );
    assert.ok(badSecret instanceof InvalidClientException);
    assert.equal(badSecret.$metadata.httpStatusCode, 401);
    const badUrl = await rejectionOf(oidc().send(new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: 'https://d-0000000000.awsapps.com/start' })));
    assert.ok(badUrl instanceof InvalidRequestException);
    const badGrant = await rejectionOf(oidc().send(new CreateTokenCommand({ clientId, clientSecret, grantType: 'password' })));
    assert.ok(badGrant instanceof UnsupportedGrantTypeException);
  });

  it('refreshes with a refresh token; a bad one is InvalidGrant', async () => {
    const signedIn = await signIn(fixture.emulator, 'alice');
    assert.ok(signedIn.refreshToken);
    fixture.emulator.expireAccessTokens();
    const sso = new SSOClient({ region: REGION });
    assert.equal((await rejectionOf(sso.send(new ListAccountsCommand({ accessToken: signedIn.accessToken })))).name, 'UnauthorizedException');

    const refreshed = await oidc().send(
      new CreateTokenCommand({ clientId: signedIn.clientId, clientSecret: signedIn.clientSecret, grantType: 'refresh_token', refreshToken: signedIn.refreshToken }),
    );
    assert.ok(refreshed.accessToken && refreshed.accessToken !== signedIn.accessToken);
    const accounts = await sso.send(new ListAccountsCommand({ accessToken: refreshed.accessToken }));
    assert.equal(accounts.accountList?.length, 2);

    const bad = await rejectionOf(
      oidc().send(new CreateTokenCommand({ clientId: signedIn.clientId, clientSecret: signedIn.clientSecret, grantType: 'refresh_token', refreshToken: 'aor-not-issued' })),
    );
    assert.ok(bad instanceof InvalidGrantException);
  });

  it('counts every call and never logs a secret', async () => {
    fixture.emulator.resetRequests();
    await signIn(fixture.emulator, 'bob');
    assert.equal(fixture.emulator.requestCount('RegisterClient'), 1);
    assert.equal(fixture.emulator.requestCount('CreateToken'), 1);
    assert.equal(fixture.emulator.requestCount(), 3);
    const log = JSON.stringify(fixture.emulator.requests());
    const secrets = fixture.emulator.issuedSecrets();
    assert.ok(secrets.length > 5);
    for (const secret of secrets) assert.ok(!log.includes(secret), 'request log contains an issued secret');
    assert.match(log, /"caller":"bob"/);
  });
});

describe('emulator: SSO-OIDC authorization code with PKCE (the authorize page)', () => {
  const fixture = useEmulator();
  const oidc = () => new SSOOIDCClient({ region: REGION });
  const verifier = 'v'.repeat(64);
  const challenge = createHash('sha256').update(verifier).digest('base64url');

  async function authorizeOnce(redirectUri = 'http://127.0.0.1:45678/oauth/callback') {
    const client = await oidc().send(
      new RegisterClientCommand({ clientName: 'pkce-test', clientType: 'public', scopes: ['sso:account:access'], grantTypes: ['authorization_code', 'refresh_token'], redirectUris: ['http://127.0.0.1/oauth/callback'], issuerUrl: START_URL }),
    );
    const clientId = client.clientId ?? '';
    const clientSecret = client.clientSecret ?? '';
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state: 's1', code_challenge_method: 'S256', scopes: 'sso:account:access', code_challenge: challenge });
    const page = await fetch(`${fixture.emulator.url}/authorize?${query.toString()}`, { redirect: 'manual' });
    const location = page.headers.get('location');
    const code = location === null ? undefined : (new URL(location).searchParams.get('code') ?? undefined);
    const exchange = (overrides: { codeVerifier?: string; redirectUri?: string } = {}) =>
      oidc().send(new CreateTokenCommand({ clientId, clientSecret, grantType: 'authorization_code', code, codeVerifier: overrides.codeVerifier ?? verifier, redirectUri: overrides.redirectUri ?? redirectUri }));
    return { page, location, code, exchange };
  }

  it('redirects to the registered loopback URI (any port) with the code and state; the code is exchanged once, with the verifier', async () => {
    const { page, location, exchange } = await authorizeOnce();
    assert.equal(page.status, 302);
    assert.match(location ?? '', /^http:\/\/127\.0\.0\.1:45678\/oauth\/callback\?code=[^&]+&state=s1$/);
    const token = await exchange();
    assert.ok(token.accessToken && token.refreshToken);
    const reused = await rejectionOf(exchange());
    assert.ok(reused instanceof InvalidGrantException, reused.name);
  });

  it('refuses a wrong verifier or another redirect URI, and the code is spent either way', async () => {
    const wrongVerifier = await authorizeOnce();
    assert.ok((await rejectionOf(wrongVerifier.exchange({ codeVerifier: 'w'.repeat(64) }))) instanceof InvalidGrantException);
    assert.ok((await rejectionOf(wrongVerifier.exchange())) instanceof InvalidGrantException, 'single use even after a failed exchange');
    const wrongRedirect = await authorizeOnce();
    assert.ok((await rejectionOf(wrongRedirect.exchange({ redirectUri: 'http://127.0.0.1:9/oauth/callback' }))) instanceof InvalidGrantException);
  });

  it('never redirects to an unregistered URI, and answers access_denied when the user declines', async () => {
    const foreign = await authorizeOnce('http://attacker.example/oauth/callback');
    assert.equal(foreign.page.status, 400);
    assert.equal(foreign.location, null);
    fixture.emulator.setDeviceFlow({ mode: 'deny' });
    const denied = await authorizeOnce();
    assert.match(denied.location ?? '', /[?&]error=access_denied/);
    assert.match(denied.location ?? '', /[?&]state=s1/);
    fixture.emulator.setDeviceFlow({ mode: 'manual' });
  });
});
