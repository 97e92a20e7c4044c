// startEmulator(): the local AWS that the real SDK v3 clients talk to over real HTTP.
// Requests are parsed once, routed to a service module, passed through faults and rate
// limits, recorded, and written back over HTTP/1.1 or HTTP/2 (see transport.ts).
import type { Writable } from 'node:stream';
import { handleControl } from './control';
import { FaultRegistry, RateLimiter } from './faults';
import { quotasOf } from './quotas';
import type { FaultSpec } from './faults';
import { newRequestId } from './ids';
import { RequestLog } from './requestLog';
import type { RequestRecord } from './requestLog';
import { route } from './router';
import { handleBedrock } from './services/bedrock';
import { handleBedrockRuntime } from './services/bedrockRuntime';
import type { ServiceContext, ServiceHandler } from './services/context';
import { handleCostExplorer } from './services/costExplorer';
import { withCostAllocationTags } from './services/costAllocationTags';
import { handleIdentityStore } from './services/identityStore';
import { withModelAccess } from './services/modelAccess';
import { handleSsoAdmin } from './services/ssoAdmin';
import { handleSso, issueRoleSession } from './services/sso';
import { handleSsoOidc, findByUserCode, issueTokens, registerClientDirect } from './services/ssoOidc';
import { handleSts } from './services/sts';
import { EmulatorState } from './state';
import type { ApplicationProfile, Clock } from './state';
import { listenDualProtocol } from './transport';
import type { AnyRequest, AnyResponse } from './transport';
import { jsonResponse, renderError, serverError, ServiceError, throttlingError } from './wire';
import type { EmulatorRequest, EmulatorResponse, ServiceName } from './wire';
import type { CostExplorerSpec, DeviceFlowSpec, World } from './world';

export { emulatorEndpointEnv, EMULATOR_ENDPOINT_VARIABLES } from './endpoints';
export type { FaultSpec, FaultKind } from './faults';
export type { RequestRecord } from './requestLog';
export type { Clock } from './state';
export type { World } from './world';

export interface EmulatorOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  clock?: Clock;
  /** Overrides world.deviceFlow. */
  deviceFlow?: DeviceFlowSpec;
}

export interface IssuedRoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  accountId: string;
  roleName: string;
}

/** Field names follow the AWS CLI token cache so a test can write it straight to disk. */
export interface IssuedSsoToken {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: string;
  clientId: string;
  clientSecret: string;
  registrationExpiresAt: string;
  refreshToken?: string;
}

export interface IssueSsoTokenOptions {
  /** Registration scopes; a refresh token is issued only when non-empty. Default sso:account:access. */
  scopes?: string[];
  ttlSeconds?: number;
  clientName?: string;
}

export interface ApplicationProfileInfo {
  name: string;
  id: string;
  arn: string;
  accountId: string;
  region: string;
  modelArns: string[];
  tags: Record<string, string>;
}

export type RequestHook = (service: ServiceName, operation: string, request: EmulatorRequest) => Promise<void> | void;

export interface Emulator {
  /** `http://127.0.0.1:<port>`, the base URL of every service and of the control API. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;

  requests(): RequestRecord[];
  requestCount(operation?: string): number;
  resetRequests(): void;
  /**
   * In-process tests only: awaited before each AWS request is handled (after faults), so a
   * test can act at an exact point of another process's flow — e.g. refresh a token from
   * "another program" while the product's own CreateToken is in flight. null removes it.
   */
  setRequestHook(hook: RequestHook | null): void;
  /** IAM Identity Center may rotate refresh tokens: a refresh token used once is refused after. */
  setRotateRefreshTokens(rotate: boolean): void;

  approveDeviceCode(userCode: string, userName: string): void;
  denyDeviceCode(userCode: string): void;
  /** User codes of device authorizations still waiting for approval. */
  pendingUserCodes(): string[];
  setDeviceFlow(flow: DeviceFlowSpec): void;

  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Token bucket per operation; null removes the limit. Excess answers the service's throttling error. */
  setRateLimit(operation: string, perSecond: number | null): void;

  /** Server-side expiry of every SSO access token issued so far (refresh tokens stay valid). */
  expireAccessTokens(): void;
  /** Server-side expiry of every role credential issued so far. */
  expireRoleCredentials(): void;
  /** Every token, refresh token, client secret, device code, secret key and session token issued. */
  issuedSecrets(): string[];

  /** null restores the real clock. */
  setClock(clock: Clock | null): void;
  now(): number;

  /** Role credentials without a sign-in; default account/role = the user's first assignment. */
  issueRoleCredentials(userName: string, accountId?: string, roleName?: string): IssuedRoleCredentials;
  /** An SSO access token (as if the device flow had completed), with its client registration. */
  issueSsoToken(userName: string, options?: IssueSsoTokenOptions): IssuedSsoToken;

  applicationProfiles(): ApplicationProfileInfo[];
  world(): World;
  /** Replaces world.costExplorer (lag, refusals, page size) from the next request on. */
  setCostExplorer(spec: CostExplorerSpec | undefined): void;
}

const HANDLERS: Record<ServiceName, ServiceHandler> = {
  'sso-oidc': handleSsoOidc,
  sso: handleSso,
  sts: handleSts,
  bedrock: withModelAccess(handleBedrock),
  'bedrock-runtime': handleBedrockRuntime,
  'cost-explorer': withCostAllocationTags(handleCostExplorer),
  identitystore: handleIdentityStore,
  'sso-admin': handleSsoAdmin,
};

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function startEmulator(world: World, options: EmulatorOptions = {}): Promise<Emulator> {
  const realClock: Clock = () => Date.now();
  const state = new EmulatorState(world, options.clock ?? realClock, new Date((options.clock ?? realClock)()));
  if (options.deviceFlow) state.deviceFlow = { ...options.deviceFlow };
  const faults = new FaultRegistry();
  const limiter = new RateLimiter();
  for (const [operation, perSecond] of Object.entries(quotasOf(world.quotas))) limiter.set(operation, perSecond);
  const log = new RequestLog();

  let requestHook: RequestHook | null = null;
  const emulator: Emulator = {
    url: '',
    port: 0,
    close: async () => server.close(),
    requests: () => log.all(),
    requestCount: (operation) => log.count(operation),
    resetRequests: () => { log.reset(); },
    setRequestHook: (hook) => {
      requestHook = hook;
    },
    setRotateRefreshTokens: (rotate) => {
      state.rotateRefreshTokens = rotate;
    },
    approveDeviceCode: (userCode, userName) => {
      const auth = findByUserCode(state, userCode);
      if (auth === undefined) throw new Error(`No pending device authorization with user code ${userCode}`);
      if (state.user(userName) === undefined) throw new Error(`Unknown user ${userName}`);
      auth.status = 'approved';
      auth.userName = userName;
    },
    denyDeviceCode: (userCode) => {
      const auth = findByUserCode(state, userCode);
      if (auth === undefined) throw new Error(`No pending device authorization with user code ${userCode}`);
      auth.status = 'denied';
    },
    pendingUserCodes: () =>
      [...state.deviceAuthorizations.values()].filter((a) => a.status === 'pending' && state.now() < a.expiresAtMs).map((a) => a.userCode),
    setDeviceFlow: (flow) => {
      state.deviceFlow = { ...flow };
    },
    injectFault: (fault) => { faults.add(fault); },
    clearFaults: () => { faults.clear(); },
    setRateLimit: (operation, perSecond) => { limiter.set(operation, perSecond); },
    expireAccessTokens: () => {
      for (const record of state.accessTokens.values()) record.expiresAtMs = Math.min(record.expiresAtMs, state.now());
    },
    expireRoleCredentials: () => {
      for (const session of state.roleSessions.values()) session.expiresAtMs = Math.min(session.expiresAtMs, state.now());
    },
    issuedSecrets: () => state.issuedSecrets(),
    setClock: (clock) => {
      state.clock = clock ?? realClock;
    },
    now: () => state.now(),
    issueRoleCredentials: (userName, accountId, roleName) => {
      const user = state.user(userName);
      if (user === undefined) throw new Error(`Unknown user ${userName}`);
      const assignment = user.assignments.find((a) => (accountId === undefined || a.accountId === accountId) && (roleName === undefined || a.roleName === roleName));
      if (assignment === undefined) throw new Error(`${userName} has no assignment ${accountId ?? '*'}/${roleName ?? '*'}`);
      const s = issueRoleSession(state, userName, assignment.accountId, assignment.roleName);
      return {
        accessKeyId: s.accessKeyId,
        secretAccessKey: s.secretAccessKey,
        sessionToken: s.sessionToken,
        expiration: new Date(s.expiresAtMs),
        accountId: s.accountId,
        roleName: s.roleName,
      };
    },
    issueSsoToken: (userName, opts = {}) => {
      if (state.user(userName) === undefined) throw new Error(`Unknown user ${userName}`);
      const client = registerClientDirect(state, opts.clientName ?? 'emulator-seeded-client', opts.scopes ?? ['sso:account:access']);
      const tokens = issueTokens(state, client, userName, state.newSessionId(), opts.ttlSeconds);
      return {
        startUrl: state.world.identityCenter.startUrl,
        region: state.world.identityCenter.region,
        accessToken: tokens.accessToken,
        expiresAt: iso(state.now() + tokens.expiresIn * 1000),
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        registrationExpiresAt: iso(client.expiresAtSec * 1000),
        ...(tokens.refreshToken === undefined ? {} : { refreshToken: tokens.refreshToken }),
      };
    },
    applicationProfiles: () => state.applicationProfiles.map(profileInfo),
    world: () => structuredClone(state.world),
    setCostExplorer: (spec) => {
      if (spec === undefined) delete state.world.costExplorer;
      else state.world.costExplorer = structuredClone(spec);
    },
  };

  const server = await listenDualProtocol((req, res) => {
    handle(req, res).catch(() => {
      // Only reachable when the connection broke mid-answer; there is nobody left to tell.
      if (!res.headersSent) res.destroy();
    });
  }, options.port ?? 0);
  const url = `http://127.0.0.1:${server.port}`;
  Object.assign(emulator, { url, port: server.port });
  return emulator;

  async function handle(raw: AnyRequest, res: AnyResponse): Promise<void> {
    const started = performance.now();
    const request = await parseRequest(raw);
    if (request.path.startsWith('/_emulator/')) {
      writeResponse(res, handleControl(emulator, request));
      return;
    }
    const target = route(request);
    if (target === undefined) {
      writeResponse(res, jsonResponse(404, { message: `No emulated operation for ${request.method} ${request.path}` }, { 'x-amzn-errortype': 'UnknownOperationException' }));
      return;
    }
    const { service, operation } = target;
    const requestId = newRequestId();
    let caller: string | undefined;
    const record = (status: number, extra: Partial<RequestRecord> = {}) => { log.add({
        time: new Date(state.now()).toISOString(),
        service,
        operation,
        status,
        durationMs: Math.round(performance.now() - started),
        ...(caller === undefined ? {} : { caller }),
        ...(target.label === undefined ? {} : { resource: target.label }),
        httpVersion: raw.httpVersion,
        ...extra,
      }); };

    const { latencyMs, fault } = faults.take(service, operation);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (requestHook) await requestHook(service, operation, request);
    if (fault?.kind === 'reset') {
      record(0, { fault: 'reset' });
      resetConnection(raw, res);
      return;
    }

    let response: EmulatorResponse;
    let faultKind: RequestRecord['fault'];
    if (fault?.kind === 'status') {
      faultKind = 'status';
      response = renderError(service, serverError(service, fault.status ?? 500), requestId);
    } else if (fault?.kind === 'throttle') {
      faultKind = 'throttle';
      response = renderError(service, throttlingError(service), requestId);
    } else if (!limiter.tryTake(operation)) {
      faultKind = 'rate-limit';
      response = renderError(service, throttlingError(service), requestId);
    } else {
      const ctx: ServiceContext = { state, requestId, setCaller: (label) => (caller = label) };
      try {
        response = await HANDLERS[service](ctx, operation, target.label === undefined ? request : { ...request, label: target.label });
      } catch (error) {
        if (!(error instanceof ServiceError)) console.error(`emulator: ${service}.${operation} failed`, error);
        response = renderError(service, error instanceof ServiceError ? error : serverError(service, 500), requestId);
      }
    }
    if (fault?.kind === 'malformed') {
      faultKind = 'malformed';
      response = malformed(response);
    }
    response.headers['x-amzn-requestid'] ??= requestId;
    const errorCode = response.status >= 300 ? errorCodeOf(service, response) : undefined;
    record(response.status, { ...(faultKind === undefined ? {} : { fault: faultKind }), ...(errorCode === undefined ? {} : { errorCode }) });
    await writeResponseAsync(res, response);
  }
}

function profileInfo(p: ApplicationProfile): ApplicationProfileInfo {
  return { name: p.name, id: p.id, arn: p.arn, accountId: p.accountId, region: p.region, modelArns: [...p.modelArns], tags: { ...p.tags } };
}

async function parseRequest(raw: AnyRequest): Promise<EmulatorRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of raw as AsyncIterable<Buffer>) chunks.push(chunk);
  const target = raw.url ?? '/';
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw.headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: raw.method ?? 'GET',
    path,
    segments: path.split('/').map(safeDecode),
    query: new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1)),
    headers,
    body: Buffer.concat(chunks),
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A truncated body (or a corrupt event-stream frame) behind a 200, like a proxy cutting a response. */
function malformed(response: EmulatorResponse): EmulatorResponse {
  if (response.frames !== undefined && response.frames.length > 0) {
    const first = Buffer.from(response.frames[0] ?? Buffer.alloc(0));
    const last = first.length - 1;
    first.writeUInt8(((first[last] ?? 0) ^ 0xff) & 0xff, last);
    return { ...response, status: 200, frames: [first] };
  }
  const body = response.body.length > 1 ? response.body.subarray(0, Math.floor(response.body.length / 2)) : Buffer.from('{"', 'utf8');
  return { ...response, status: 200, body };
}

function errorCodeOf(service: ServiceName, response: EmulatorResponse): string | undefined {
  const header = response.headers['x-amzn-errortype'];
  if (header !== undefined) return header;
  const text = response.body.toString('utf8');
  if (service === 'sts') return /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
  try {
    const parsed = JSON.parse(text) as { __type?: unknown };
    return typeof parsed.__type === 'string' ? parsed.__type : undefined;
  } catch {
    return undefined;
  }
}

function resetConnection(raw: AnyRequest, res: AnyResponse): void {
  if ('stream' in res) {
    res.stream.session?.destroy();
    return;
  }
  raw.socket.destroy();
}

function writeResponse(res: AnyResponse, response: EmulatorResponse): void {
  void writeResponseAsync(res, response);
}

async function writeResponseAsync(res: AnyResponse, response: EmulatorResponse): Promise<void> {
  const headers = { ...response.headers };
  if (response.frames === undefined) headers['content-length'] = String(response.body.length);
  res.writeHead(response.status, headers);
  if (response.frames === undefined) {
    res.end(response.body);
    return;
  }
  // One write per event, yielding in between, so the client really consumes a stream.
  for (const frame of response.frames) {
    // Both response classes are stream.Writable; their write() overloads just don't unify.
    (res as Writable).write(frame);
    await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
}
