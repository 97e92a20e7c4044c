import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { authorizeDevice, refreshAccessToken, registerPublicClient, type DeviceAuthorizationOptions } from '../../../src/core/sso/deviceAuthorization';
import { setEnv } from '../../emulator/testSupport';
import { failureOf } from './support/failureOf';

const START_URL = 'https://d-1234567890.awsapps.com/start';
const NOW = new Date('2026-03-15T12:00:00Z');
const REGISTRATION = { clientId: 'fake-client', clientSecret: 'fake-client-secret', expiresAt: new Date('2026-06-01T00:00:00Z') };
const OPERATIONS: Record<string, string> = { '/client/register': 'RegisterClient', '/device_authorization': 'StartDeviceAuthorization', '/token': 'CreateToken' };

interface Received {
  readonly operation: string;
  readonly body: Record<string, unknown>;
}
/** Answers one request; the default writes `json` with `status` (and the OIDC error type for errors). */
type Answer = { status?: number; errorType?: string; json: unknown } | ((response: ServerResponse) => void);

/**
 * A stand-in for the SSO-OIDC endpoint whose answers the test scripts, so that answers AWS
 * should never give (no client id, no token, a negative interval) and exact moments
 * (cancel while an answer is being read) can be produced.
 */
class ScriptedOidc {
  readonly received: Received[] = [];
  readonly sockets = new Set<Socket>();
  private readonly answers = new Map<string, Answer[]>();
  private readonly server: Server = createServer((request, response) => {
    void this.handle(request, response);
  });

  static async start(): Promise<ScriptedOidc> {
    const oidc = new ScriptedOidc();
    // Only the client may close an idle connection, so a client that keeps one open is seen.
    oidc.server.keepAliveTimeout = 3_600_000;
    oidc.server.on('connection', (socket) => {
      oidc.sockets.add(socket);
      socket.once('close', () => oidc.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => oidc.server.listen(0, '127.0.0.1', resolve));
    return oidc;
  }

  get url(): string {
    return `http://127.0.0.1:${String((this.server.address() as AddressInfo).port)}`;
  }

  /** Answers for the next calls of `operation`, in order; the last one repeats. */
  script(operation: string, ...answers: Answer[]): void {
    this.answers.set(operation, answers);
  }

  operations(): string[] {
    return this.received.map((r) => r.operation);
  }

  /** Resolves once every connection the client opened has been closed. */
  async allConnectionsClosed(): Promise<void> {
    const open = [...this.sockets].filter((socket) => !socket.destroyed);
    await Promise.all(open.map((socket) => new Promise((resolve) => socket.once('close', resolve))));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const operation = OPERATIONS[request.url ?? ''] ?? `unknown ${request.url ?? ''}`;
    this.received.push({ operation, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> });
    const queue = this.answers.get(operation) ?? [];
    const answer = queue.length > 1 ? queue.shift() : queue[0];
    if (answer === undefined) {
      response.writeHead(500).end();
    } else if (typeof answer === 'function') {
      answer(response);
    } else {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (answer.errorType !== undefined) headers['x-amzn-errortype'] = answer.errorType;
      response.writeHead(answer.status ?? 200, headers).end(JSON.stringify(answer.json));
    }
  }
}

const oidcError = (errorType: string, description: string): Answer => ({ status: 400, errorType, json: { error: 'invalid_request', error_description: description } });
const pending = oidcError('AuthorizationPendingException', 'Authorization is still pending');
const started = (fields: Record<string, unknown> = {}): Answer => ({
  json: { deviceCode: 'fake-device-code', userCode: 'ABCD-EFGH', verificationUri: 'https://device.sso.us-east-1.amazonaws.com/', expiresIn: 600, interval: 1, ...fields },
});


describe('device-code sign-in and token refresh against the SSO-OIDC endpoint', function () {
  let oidc: ScriptedOidc;
  let restoreEnv: () => void;

  beforeEach(async function () {
    oidc = await ScriptedOidc.start();
    restoreEnv = setEnv({ AWS_ENDPOINT_URL_SSO_OIDC: oidc.url, AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_PROFILE: undefined });
  });

  afterEach(async function () {
    restoreEnv();
    await oidc.close();
  });

  function deviceOptions(overrides: Partial<DeviceAuthorizationOptions> & { polls?: [number, number][]; shown?: unknown[] } = {}): DeviceAuthorizationOptions {
    return {
      startUrl: START_URL,
      ssoRegion: 'us-east-1',
      registration: REGISTRATION,
      now: () => NOW,
      showCode: (prompt) => {
        overrides.shown?.push(prompt);
      },
      checkVerificationUrl: (url) => url,
      sleep: () => Promise.resolve(),
      onPoll: (attempt, interval) => {
        overrides.polls?.push([attempt, interval]);
      },
      ...overrides,
    };
  }

  describe('registerPublicClient', function () {
    it('registers a public client for the device-code and refresh-token grants, and closes its connections', async function () {
      oidc.script('RegisterClient', { json: { clientId: 'new-client', clientSecret: 'new-client-secret', clientSecretExpiresAt: 1_790_000_000 } });
      const registration = await registerPublicClient({ ssoRegion: 'us-east-1', startUrl: START_URL, now: () => NOW });
      assert.deepEqual(registration, { clientId: 'new-client', clientSecret: 'new-client-secret', expiresAt: new Date(1_790_000_000_000) });
      assert.deepEqual(oidc.received[0]?.body, {
        clientName: 'bedrock-onboarding',
        clientType: 'public',
        scopes: ['sso:account:access'],
        grantTypes: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
      });
      // A kept-alive socket would hold the CLI process open after sign-in.
      await oidc.allConnectionsClosed();
    });

    it('takes a registration without an expiry to last the 90 days IAM Identity Center grants', async function () {
      oidc.script('RegisterClient', { json: { clientId: 'new-client', clientSecret: 'new-client-secret' } });
      const registration = await registerPublicClient({ ssoRegion: 'us-east-1', startUrl: START_URL, now: () => NOW });
      assert.deepEqual(registration.expiresAt, new Date('2026-06-13T12:00:00Z'));
    });

    it('refuses a registration without a client id or secret', async function () {
      for (const json of [{ clientSecret: 'new-client-secret' }, { clientId: 'new-client' }]) {
        oidc.script('RegisterClient', { json });
        assert.deepEqual(await failureOf(registerPublicClient({ ssoRegion: 'us-east-1', startUrl: START_URL, now: () => NOW })), {
          code: 'sso.bad-registration',
          message: 'IAM Identity Center accepted the client registration but returned no client id. Try again in a minute.',
        });
      }
    });

    it('names RegisterClient when IAM Identity Center rejects the registration', async function () {
      oidc.script('RegisterClient', oidcError('InvalidRequestException', 'bad scopes'));
      assert.deepEqual(await failureOf(registerPublicClient({ ssoRegion: 'us-east-1', startUrl: START_URL, now: () => NOW })), {
        code: 'sso.invalid-request',
        message: `IAM Identity Center rejected RegisterClient (bad scopes). Check the start URL ${START_URL} and the SSO region.`,
      });
      await oidc.allConnectionsClosed();
    });
  });

  describe('authorizeDevice', function () {
    it('shows the code, polls at the server interval, counting attempts, and returns the token', async function () {
      oidc.script('StartDeviceAuthorization', started({ interval: 2, verificationUriComplete: 'https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH' }));
      oidc.script('CreateToken', pending, pending, { json: { accessToken: 'fake-access-token', expiresIn: 60, refreshToken: 'fake-refresh-token' } });
      const polls: [number, number][] = [];
      const shown: unknown[] = [];
      const slept: number[] = [];
      const grant = await authorizeDevice(deviceOptions({ polls, shown, sleep: (ms) => { slept.push(ms); return Promise.resolve(); } }));
      assert.deepEqual(grant, { accessToken: 'fake-access-token', expiresAt: new Date(NOW.getTime() + 60_000), refreshToken: 'fake-refresh-token' });
      assert.deepEqual(shown, [{ userCode: 'ABCD-EFGH', verificationUri: 'https://device.sso.us-east-1.amazonaws.com/', verificationUriComplete: 'https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH', expiresAt: new Date(NOW.getTime() + 600_000) }]);
      assert.deepEqual(polls, [[1, 2], [2, 2], [3, 2]]);
      assert.deepEqual(slept, [2000, 2000, 2000]);
      assert.deepEqual(oidc.operations(), ['StartDeviceAuthorization', 'CreateToken', 'CreateToken', 'CreateToken']);
      await oidc.allConnectionsClosed();
    });

    it('waits the RFC 8628 default of 5 s when the server gives no usable interval, 5 s more after each SlowDown', async function () {
      for (const interval of [undefined, 0, -1]) {
        oidc.script('StartDeviceAuthorization', started({ interval }));
        oidc.script('CreateToken', oidcError('SlowDownException', 'slow down'), pending, { json: { accessToken: 'fake-access-token' } });
        const polls: [number, number][] = [];
        await authorizeDevice(deviceOptions({ polls }));
        assert.deepEqual(polls, [[1, 5], [2, 10], [3, 10]], `interval ${String(interval)}`);
      }
    });

    it('refuses a start without a device code, user code or verification URL', async function () {
      for (const missing of ['deviceCode', 'userCode', 'verificationUri']) {
        oidc.script('StartDeviceAuthorization', started({ [missing]: undefined }));
        assert.deepEqual(await failureOf(authorizeDevice(deviceOptions())), {
          code: 'sso.bad-device-authorization',
          message: 'IAM Identity Center started sign-in but returned no device code. Try again in a minute.',
        }, missing);
      }
      assert.ok(!oidc.operations().includes('CreateToken'));
    });

    it('refuses an approval without an access token', async function () {
      oidc.script('StartDeviceAuthorization', started());
      oidc.script('CreateToken', { json: { expiresIn: 60 } });
      assert.deepEqual(await failureOf(authorizeDevice(deviceOptions())), { code: 'sso.no-token', message: 'IAM Identity Center returned no access token. Run Sign In again.' });
    });

    it('names the operation IAM Identity Center rejected', async function () {
      oidc.script('StartDeviceAuthorization', oidcError('InvalidRequestException', 'unknown start URL'));
      assert.equal((await failureOf(authorizeDevice(deviceOptions()))).message, `IAM Identity Center rejected StartDeviceAuthorization (unknown start URL). Check the start URL ${START_URL} and the SSO region.`);

      oidc.script('StartDeviceAuthorization', started());
      oidc.script('CreateToken', oidcError('InvalidRequestException', 'bad device code'));
      assert.equal((await failureOf(authorizeDevice(deviceOptions()))).message, `IAM Identity Center rejected CreateToken (bad device code). Check the start URL ${START_URL} and the SSO region.`);
    });

    it('stops at once when cancelled while StartDeviceAuthorization is on its way, without showing a code', async function () {
      const controller = new AbortController();
      // The answer is held back until the request has been cancelled.
      oidc.script('StartDeviceAuthorization', (response) => {
        controller.abort();
        setImmediate(() => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify((started() as { json: unknown }).json)));
      });
      const shown: unknown[] = [];
      assert.deepEqual(await failureOf(authorizeDevice(deviceOptions({ shown, signal: controller.signal }))), { code: 'cancelled', message: 'Sign-in was cancelled. Nothing was changed.' });
      assert.deepEqual(shown, []);
    });

    it('reports a cancel that arrives while a refusal is being read as the cancel, not the refusal', async function () {
      const controller = new AbortController();
      oidc.script('StartDeviceAuthorization', (response) => {
        response.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidRequestException' });
        response.write('{"error":"invalid_request",');
        response.once('close', () => undefined);
        setImmediate(() => {
          controller.abort();
          setImmediate(() => response.end('"error_description":"unknown start URL"}'));
        });
      });
      assert.deepEqual(await failureOf(authorizeDevice(deviceOptions({ signal: controller.signal }))), { code: 'cancelled', message: 'Sign-in was cancelled. Nothing was changed.' });
    });
  });

  describe('refreshAccessToken', function () {
    const refresh = (signal?: AbortSignal) => refreshAccessToken({ ssoRegion: 'us-east-1', startUrl: START_URL, registration: REGISTRATION, refreshToken: 'old-refresh-token', now: () => NOW, ...(signal ? { signal } : {}) });

    it('sends the refresh-token grant and keeps the old refresh token when no new one comes, closing its connections', async function () {
      oidc.script('CreateToken', { json: { accessToken: 'fake-access-token', expiresIn: 60 } });
      assert.deepEqual(await refresh(), { accessToken: 'fake-access-token', expiresAt: new Date(NOW.getTime() + 60_000), refreshToken: 'old-refresh-token' });
      assert.deepEqual(oidc.received[0]?.body, { clientId: 'fake-client', clientSecret: 'fake-client-secret', grantType: 'refresh_token', refreshToken: 'old-refresh-token' });
      await oidc.allConnectionsClosed();
    });

    it('names CreateToken when the refresh is rejected', async function () {
      oidc.script('CreateToken', oidcError('InvalidRequestException', 'bad refresh token'));
      assert.deepEqual(await failureOf(refresh()), {
        code: 'sso.invalid-request',
        message: `IAM Identity Center rejected CreateToken (bad refresh token). Check the start URL ${START_URL} and the SSO region.`,
      });
      await oidc.allConnectionsClosed();
    });

    it('stops at once when cancelled while CreateToken is on its way', async function () {
      const controller = new AbortController();
      oidc.script('CreateToken', (response) => {
        controller.abort();
        setImmediate(() => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accessToken: 'fake-access-token', expiresIn: 60 })));
      });
      assert.deepEqual(await failureOf(refresh(controller.signal)), { code: 'cancelled', message: 'Sign-in was cancelled. Nothing was changed.' });
    });
  });
});
