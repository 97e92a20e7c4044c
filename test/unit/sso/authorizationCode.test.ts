import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';
import { authorizationCodeRegistration, authorizeInBrowser, type BrowserAuthorizationOptions } from '../../../src/core/sso/authorizationCode';
import type { SsoClientRegistration } from '../../../src/core/sso/ssoToken';
import { readClientRegistration, writeClientRegistration, type ClientRegistrationScope } from '../../../src/core/ssoCache/clientRegistrationCache';
import { EMULATOR_ENDPOINT_VARIABLES, emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { setEnv } from '../../emulator/testSupport';
import { defaultWorld } from '../../emulator/world';
import { playBrowser } from '../../support/browserPlayer';
import { makeTempHome, testEnvironment } from '../../support/tempHome';

const DAY = 24 * 3600_000;
const SCOPES = ['sso:account:access', 'codewhisperer:completions'];

async function failureOf(promise: Promise<unknown>): Promise<{ name: string; code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const { name, message } = error as Error;
    return isUserFacingError(error) ? { name, code: error.code, message } : { name, message };
  }
  assert.fail('expected a failure');
}

/** The browser: follows the authorize page's redirect to the loopback listener. */
const realBrowser = async (url: string): Promise<boolean> => {
  await playBrowser(url);
  return true;
};

/**
 * A stand-in for IAM Identity Center answering what the emulator never does (no client id,
 * no expiry, no access token), and counting the connections left open to it.
 */
async function oddOidcService(answers: { readonly register?: object; readonly token?: object }): Promise<{ url: string; allConnectionsClosed: () => Promise<void>; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let onEmpty: (() => void) | undefined;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'GET' && url.pathname === '/authorize') {
      const target = new URL(url.searchParams.get('redirect_uri') ?? '');
      target.searchParams.set('code', 'the-code');
      target.searchParams.set('state', url.searchParams.get('state') ?? '');
      response.writeHead(302, { location: target.toString(), connection: 'close' }).end();
      return;
    }
    request.resume();
    request.on('end', () => {
      const body = url.pathname === '/client/register' ? answers.register : url.pathname === '/token' ? answers.token : undefined;
      response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
    });
  });
  // No idle timeout: a connection the product leaves open stays open.
  server.keepAliveTimeout = 0;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) onEmpty?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    allConnectionsClosed: () =>
      sockets.size === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            onEmpty = resolve;
          }),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}

describe('browser sign-in with PKCE (real SDK against the emulator)', function () {
  let emulator: Emulator;
  let home: string;
  let removeHome: () => Promise<void>;
  let restoreEnv: (() => void)[];
  const now = new Date('2031-02-03T04:05:06.000Z');

  beforeEach(async function () {
    emulator = await startEmulator(defaultWorld(), { deviceFlow: { userName: 'alice' } });
    emulator.setClock(() => now.getTime());
    ({ home, remove: removeHome } = await makeTempHome());
    restoreEnv = [];
    useEnv({ ...emulatorEndpointEnv(emulator.url), AWS_MAX_ATTEMPTS: '1', HOME: home, AWS_PROFILE: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_EC2_METADATA_DISABLED: 'true' });
  });
  afterEach(async function () {
    emulator.setRequestHook(null);
    for (const restore of restoreEnv.reverse()) restore();
    await emulator.close();
    await removeHome();
  });

  const useEnv = (vars: Record<string, string | undefined>): void => {
    restoreEnv.push(setEnv(vars));
  };
  const env = (): ReturnType<typeof testEnvironment> => testEnvironment(home, { now: () => now });
  const scope = (overrides: Partial<ClientRegistrationScope> = {}): ClientRegistrationScope => {
    const { identityCenter } = emulator.world();
    return { startUrl: identityCenter.startUrl, region: identityCenter.region, scopes: SCOPES, sessionName: 'claude-code', ...overrides };
  };
  const browserOptions = (registration: SsoClientRegistration, overrides: Partial<BrowserAuthorizationOptions> = {}): BrowserAuthorizationOptions => {
    const { identityCenter } = emulator.world();
    return { startUrl: identityCenter.startUrl, ssoRegion: identityCenter.region, registration, scopes: SCOPES, now: () => now, openUrl: realBrowser, ...overrides };
  };

  describe('the client registration', function () {
    it('registers a client for the authorization-code grant named after the session, with the expiry IAM Identity Center gives, and caches it for the AWS CLI', async function () {
      const registration = await authorizationCodeRegistration(env(), scope());
      assert.deepEqual(registration.expiresAt, new Date(now.getTime() + 90 * DAY));
      assert.deepEqual(
        emulator.requests().map((r) => [r.operation, r.caller, r.status]),
        [['RegisterClient', 'client:bedrock-onboarding-claude-code', 200]],
      );
      const cached = await readClientRegistration(env(), scope());
      assert.deepEqual(cached.registration, { ...registration, scopes: SCOPES, grantTypes: ['authorization_code', 'refresh_token'] });

      emulator.resetRequests();
      await authorizationCodeRegistration(env(), scope({ sessionName: undefined }));
      assert.deepEqual(emulator.requests().map((r) => r.caller), ['client:bedrock-onboarding-sso'], 'a legacy profile has no session name');
    });

    it('reuses its cached registration while valid, but not one the device code flow made', async function () {
      const first = await authorizationCodeRegistration(env(), scope());
      emulator.resetRequests();
      assert.equal((await authorizationCodeRegistration(env(), scope())).clientId, first.clientId);
      assert.equal(emulator.requestCount(), 0);

      await writeClientRegistration(env(), scope(), { clientId: 'device-client', clientSecret: 'device-secret', expiresAt: new Date(now.getTime() + 30 * DAY), scopes: SCOPES });
      const fresh = await authorizationCodeRegistration(env(), scope());
      assert.notEqual(fresh.clientId, 'device-client');
      assert.equal(emulator.requestCount('RegisterClient'), 1);
    });

    it('is cancelled, and caches nothing, when the signal aborts while registering', async function () {
      const controller = new AbortController();
      emulator.setRequestHook((_service, operation) => {
        if (operation === 'RegisterClient') controller.abort();
      });
      const failure = await failureOf(authorizationCodeRegistration(env(), scope(), { signal: controller.signal }));
      assert.deepEqual(failure, { name: 'UserFacingError', code: 'cancelled', message: 'Sign-in was cancelled. Nothing was changed.' });
      assert.equal((await readClientRegistration(env(), scope())).registration, undefined);
    });

    it('names RegisterClient when IAM Identity Center fails it', async function () {
      emulator.injectFault({ operation: 'RegisterClient', kind: 'status', status: 500 });
      const failure = await failureOf(authorizationCodeRegistration(env(), scope(), { signal: new AbortController().signal }));
      assert.equal(failure.code, 'aws.server-error');
      assert.match(failure.message, /^IAM Identity Center \(RegisterClient\) had a server error \(HTTP 500\)/);
    });

    it('refuses a registration without a client id, keeps 90 days when no expiry is given, and leaves no connection open', async function () {
      const noId = await oddOidcService({ register: { clientSecret: 'secret-without-id' } });
      const noExpiry = await oddOidcService({ register: { clientId: 'odd-client', clientSecret: 'odd-secret' } });
      try {
        useEnv({ AWS_ENDPOINT_URL_SSO_OIDC: noId.url });
        assert.deepEqual(await failureOf(authorizationCodeRegistration(env(), scope())), {
          name: 'UserFacingError',
          code: 'sso.bad-registration',
          message: 'IAM Identity Center accepted the client registration but returned no client id. Try again in a minute.',
        });
        useEnv({ AWS_ENDPOINT_URL_SSO_OIDC: noExpiry.url });
        assert.deepEqual(await authorizationCodeRegistration(env(), scope()), { clientId: 'odd-client', clientSecret: 'odd-secret', expiresAt: new Date(now.getTime() + 90 * DAY) });
        await noExpiry.allConnectionsClosed();
      } finally {
        await noId.close();
        await noExpiry.close();
      }
    });
  });

  describe('the browser flow', function () {
    it('delivers the code to the loopback listener and exchanges it with the PKCE verifier for tokens', async function () {
      const registration = await authorizationCodeRegistration(env(), scope());
      emulator.resetRequests();
      const grant = await authorizeInBrowser(browserOptions(registration));
      assert.deepEqual(
        emulator.requests().map((r) => [r.operation, r.status]),
        [['Authorize', 302], ['CreateToken', 200]],
      );
      assert.deepEqual(grant.expiresAt, new Date(now.getTime() + 8 * 3600_000));
      assert.ok(emulator.issuedSecrets().includes(grant.accessToken));
      assert.ok(grant.refreshToken !== undefined && emulator.issuedSecrets().includes(grant.refreshToken), 'the refresh token is kept');
    });

    it('says no browser could be opened when the opener reports failure, before any code is issued', async function () {
      let opened = '';
      const failure = await failureOf(
        authorizeInBrowser(
          browserOptions({ clientId: 'c', clientSecret: 's', expiresAt: now }, {
            openUrl: (url) => {
              opened = url;
              return Promise.resolve(false);
            },
          }),
        ),
      );
      assert.deepEqual(failure, { name: 'BrowserUnavailableError', message: 'No browser could be opened for sign-in.' });
      assert.equal(emulator.requestCount(), 0);
      await assert.rejects(fetch(new URL(opened).searchParams.get('redirect_uri') ?? ''), 'the loopback listener is closed');
    });

    it('reports a denial in the browser as such, even when the opener then reports failure', async function () {
      const registration = await authorizationCodeRegistration(env(), scope());
      emulator.setDeviceFlow({ mode: 'deny' });
      const failure = await failureOf(
        authorizeInBrowser(
          browserOptions(registration, {
            openUrl: async (url) => {
              await playBrowser(url);
              return false;
            },
          }),
        ),
      );
      assert.equal(failure.code, 'sso.access-denied');
      assert.equal(emulator.requestCount('CreateToken'), 0);
    });

    it('gives up waiting for the browser after the time it is given', async function () {
      const failure = await failureOf(authorizeInBrowser(browserOptions({ clientId: 'c', clientSecret: 's', expiresAt: now }, { waitMs: 1, openUrl: () => new Promise<boolean>(() => undefined) })));
      assert.equal(failure.code, 'sso.browser-timeout');
    });

    it('is cancelled while waiting for the browser, and while exchanging the code', async function () {
      const waiting = new AbortController();
      const cancelled = await failureOf(
        authorizeInBrowser(
          browserOptions({ clientId: 'c', clientSecret: 's', expiresAt: now }, {
            signal: waiting.signal,
            openUrl: () => {
              waiting.abort();
              return new Promise<boolean>(() => undefined);
            },
          }),
        ),
      );
      assert.equal(cancelled.code, 'cancelled');

      // Cancelled as the opener fails: the user wants to stop, not to get a device code instead.
      const stopping = new AbortController();
      const stopped = await failureOf(
        authorizeInBrowser(
          browserOptions({ clientId: 'c', clientSecret: 's', expiresAt: now }, {
            signal: stopping.signal,
            openUrl: () => {
              stopping.abort();
              return Promise.resolve(false);
            },
          }),
        ),
      );
      assert.equal(stopped.code, 'cancelled');

      const registration = await authorizationCodeRegistration(env(), scope());
      const exchanging = new AbortController();
      emulator.setRequestHook((_service, operation) => {
        if (operation === 'CreateToken') exchanging.abort();
      });
      const failure = await failureOf(authorizeInBrowser(browserOptions(registration, { signal: exchanging.signal })));
      assert.deepEqual(failure, { name: 'UserFacingError', code: 'cancelled', message: 'Sign-in was cancelled. Nothing was changed.' });
    });

    it('names CreateToken when IAM Identity Center fails the exchange', async function () {
      const registration = await authorizationCodeRegistration(env(), scope());
      emulator.injectFault({ operation: 'CreateToken', kind: 'status', status: 500 });
      const failure = await failureOf(authorizeInBrowser(browserOptions(registration, { signal: new AbortController().signal })));
      assert.equal(failure.code, 'aws.server-error');
      assert.match(failure.message, /^IAM Identity Center \(CreateToken\) had a server error \(HTTP 500\)/);
    });

    it('refuses an answer without an access token, and leaves no connection open', async function () {
      const odd = await oddOidcService({ token: { tokenType: 'Bearer', expiresIn: 3600 } });
      try {
        useEnv({ AWS_ENDPOINT_URL_SSO_OIDC: odd.url });
        const failure = await failureOf(authorizeInBrowser(browserOptions({ clientId: 'c', clientSecret: 's', expiresAt: now })));
        assert.deepEqual(failure, { name: 'UserFacingError', code: 'sso.no-token', message: 'IAM Identity Center returned no access token. Run Sign In again.' });
        await odd.allConnectionsClosed();
      } finally {
        await odd.close();
      }
    });

    it('opens the authorize page on the endpoint the SDK would call, base path included', async function () {
      const authorizePage = async (endpoint: string | undefined): Promise<string> => {
        useEnv(Object.fromEntries(EMULATOR_ENDPOINT_VARIABLES.map((name) => [name, undefined])));
        useEnv({ AWS_ENDPOINT_URL_SSO_OIDC: endpoint, AWS_ENDPOINT_URL: undefined });
        let opened = '';
        const failure = await failureOf(
          authorizeInBrowser({
            ...browserOptions({ clientId: 'c', clientSecret: 's', expiresAt: now }),
            ssoRegion: 'eu-west-1',
            openUrl: (url) => {
              opened = url;
              return Promise.resolve(false);
            },
          }),
        );
        assert.equal(failure.name, 'BrowserUnavailableError');
        return opened.slice(0, opened.indexOf('?'));
      };
      assert.equal(await authorizePage(undefined), 'https://oidc.eu-west-1.amazonaws.com/authorize');
      assert.equal(await authorizePage('http://127.0.0.1:1/sso-oidc'), 'http://127.0.0.1:1/sso-oidc/authorize');
      assert.equal(await authorizePage('http://127.0.0.1:1/sso-oidc//'), 'http://127.0.0.1:1/sso-oidc/authorize');
      assert.equal(await authorizePage('http://127.0.0.1:1/tenant/client/register/b'), 'http://127.0.0.1:1/tenant/client/register/b/authorize');
    });
  });
});
