// IAM Identity Center OIDC: RegisterClient, StartDeviceAuthorization and CreateToken
// (device_code and refresh_token grants). Paths and fields follow @aws-sdk/client-sso-oidc.
import { newAccessToken, newClientId, newClientSecret, newDeviceCode, newRefreshToken, newUserCode } from '../ids';
import type { DeviceAuthorization, EmulatorState, OidcClient } from '../state';
import { jsonResponse, optionalString, parseJsonBody, ServiceError, stringArray } from '../wire';
import type { EmulatorRequest, EmulatorResponse } from '../wire';
import type { ServiceContext } from './context';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const DEFAULT_ACCESS_TOKEN_TTL = 8 * 3600;
const DEFAULT_CLIENT_TTL = 90 * 24 * 3600;

const err = (code: string, message: string, status = 400) => new ServiceError(code, status, message);

export function handleSsoOidc(ctx: ServiceContext, operation: string, req: EmulatorRequest): EmulatorResponse {
  const body = parseJsonBody(req, () => err('InvalidRequestException', 'Request body is not valid JSON'));
  switch (operation) {
    case 'RegisterClient':
      return registerClient(ctx, body);
    case 'StartDeviceAuthorization':
      return startDeviceAuthorization(ctx, body);
    case 'CreateToken':
      return createToken(ctx, body);
    default:
      throw err('InvalidRequestException', `Unsupported operation ${operation}`);
  }
}

function registerClient(ctx: ServiceContext, body: Record<string, unknown>): EmulatorResponse {
  const { state } = ctx;
  const clientName = optionalString(body.clientName);
  const clientType = optionalString(body.clientType);
  if (clientName === undefined || clientName === '') throw err('InvalidRequestException', 'clientName is required');
  if (clientType !== 'public') throw err('InvalidClientMetadataException', `Invalid client type: ${clientType ?? '(none)'}`);
  ctx.setCaller(`client:${clientName}`);
  const client = registerClientDirect(state, clientName, stringArray(body.scopes));
  return jsonResponse(200, {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: client.issuedAtSec,
    clientSecretExpiresAt: client.expiresAtSec,
  });
}

/** Validates clientId + clientSecret the way the service does for every call after RegisterClient. */
function authenticateClient(state: EmulatorState, body: Record<string, unknown>): OidcClient {
  const client = state.clients.get(optionalString(body.clientId) ?? '');
  if (client === undefined || client.clientSecret !== optionalString(body.clientSecret)) {
    throw err('InvalidClientException', 'Invalid client provided', 401);
  }
  if (Math.floor(state.now() / 1000) >= client.expiresAtSec) throw err('InvalidClientException', 'Client registration has expired', 401);
  return client;
}

function knownStartUrl(state: EmulatorState, startUrl: string): boolean {
  const normalise = (u: string) => u.replace(/\/+$/, '').replace(/\/#\/?$/, '');
  const accepted = [state.world.identityCenter.startUrl, ...(state.world.identityCenter.alternateStartUrls ?? [])].map(normalise);
  return accepted.includes(normalise(startUrl));
}

function startDeviceAuthorization(ctx: ServiceContext, body: Record<string, unknown>): EmulatorResponse {
  const { state } = ctx;
  const client = authenticateClient(state, body);
  ctx.setCaller(`client:${client.clientName}`);
  const startUrl = optionalString(body.startUrl) ?? '';
  // An unknown start URL is refused here so that a misconfigured org default fails fast.
  if (!knownStartUrl(state, startUrl)) throw err('InvalidRequestException', `Invalid start URL: ${startUrl}`);
  const flow = state.deviceFlow;
  const interval = flow.interval ?? 1;
  const expiresIn = flow.expiresIn ?? 600;
  const auth: DeviceAuthorization = {
    deviceCode: state.secret(newDeviceCode()),
    userCode: newUserCode(),
    clientId: client.clientId,
    startUrl,
    createdAtMs: state.now(),
    expiresAtMs: state.now() + expiresIn * 1000,
    interval,
    polls: 0,
    status: 'pending',
  };
  state.deviceAuthorizations.set(auth.deviceCode, auth);
  // The product only opens verification URLs on AWS-owned hosts, so the emulator hands out
  // the real-looking one; approval happens through the emulator's control API instead.
  const verificationUri = `https://device.sso.${state.world.identityCenter.region}.amazonaws.com/`;
  return jsonResponse(200, {
    deviceCode: auth.deviceCode,
    userCode: auth.userCode,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${auth.userCode}`,
    expiresIn,
    interval,
  });
}

function createToken(ctx: ServiceContext, body: Record<string, unknown>): EmulatorResponse {
  const { state } = ctx;
  const client = authenticateClient(state, body);
  ctx.setCaller(`client:${client.clientName}`);
  const grantType = optionalString(body.grantType);
  if (grantType === DEVICE_CODE_GRANT) return deviceCodeGrant(ctx, client, body);
  if (grantType === 'refresh_token') return refreshTokenGrant(ctx, client, body);
  throw err('UnsupportedGrantTypeException', `Unsupported grant type: ${grantType ?? '(none)'}`);
}

/** The outcome of one poll, before any token is issued. */
function pollOutcome(state: EmulatorState, auth: DeviceAuthorization): 'pending' | 'approved' {
  const now = state.now();
  const flow = state.deviceFlow;
  auth.polls += 1;
  const previousPoll = auth.lastPollMs;
  auth.lastPollMs = now;
  if (auth.status === 'consumed') throw err('InvalidGrantException', 'Invalid device code provided');
  if (now >= auth.expiresAtMs) throw err('ExpiredTokenException', 'Device code has expired');
  if (auth.status === 'denied') throw err('AccessDeniedException', 'Access denied by the user');
  if (flow.slowDownOnPolls?.includes(auth.polls) === true) throw err('SlowDownException', 'Client is polling too quickly');
  if (flow.enforceInterval === true && previousPoll !== undefined && now - previousPoll < auth.interval * 1000) {
    auth.interval += 5;
    throw err('SlowDownException', 'Client is polling too quickly');
  }
  if (auth.status === 'approved') return 'approved';
  const mode = flow.mode ?? 'manual';
  if (mode !== 'manual' && auth.polls > (flow.afterPolls ?? 0)) {
    if (mode === 'deny') {
      auth.status = 'denied';
      throw err('AccessDeniedException', 'Access denied by the user');
    }
    if (mode === 'expire') {
      auth.expiresAtMs = now;
      throw err('ExpiredTokenException', 'Device code has expired');
    }
    auth.status = 'approved';
    auth.userName = flow.userName;
    return 'approved';
  }
  return 'pending';
}

function deviceCodeGrant(ctx: ServiceContext, client: OidcClient, body: Record<string, unknown>): EmulatorResponse {
  const { state } = ctx;
  const auth = state.deviceAuthorizations.get(optionalString(body.deviceCode) ?? '');
  if (auth?.clientId !== client.clientId) throw err('InvalidGrantException', 'Invalid device code provided');
  if (pollOutcome(state, auth) === 'pending') throw err('AuthorizationPendingException', 'Authorization is still pending');
  const userName = auth.userName;
  if (userName === undefined || state.user(userName) === undefined) throw err('InvalidGrantException', 'Invalid device code provided');
  auth.status = 'consumed';
  ctx.setCaller(userName);
  return jsonResponse(200, issueTokens(state, client, userName, state.newSessionId()));
}

function refreshTokenGrant(ctx: ServiceContext, client: OidcClient, body: Record<string, unknown>): EmulatorResponse {
  const { state } = ctx;
  const record = state.refreshTokens.get(optionalString(body.refreshToken) ?? '');
  if (record === undefined || record.revoked || record.clientId !== client.clientId) {
    throw err('InvalidGrantException', 'Invalid refresh token provided');
  }
  ctx.setCaller(record.userName);
  if (state.rotateRefreshTokens) record.revoked = true;
  return jsonResponse(200, issueTokens(state, client, record.userName, record.sessionId));
}

export interface IssuedTokens {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken?: string;
}

/** Refresh tokens are only issued to clients registered with scopes, as the service does. */
export function issueTokens(state: EmulatorState, client: OidcClient, userName: string, sessionId: number, ttlSeconds?: number): IssuedTokens {
  const expiresIn = ttlSeconds ?? state.world.sso?.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL;
  const session = { sessionId, userName, clientId: client.clientId, scopes: client.scopes };
  const accessToken = state.secret(newAccessToken());
  state.accessTokens.set(accessToken, { ...session, token: accessToken, expiresAtMs: state.now() + expiresIn * 1000, revoked: false });
  const out: IssuedTokens = { accessToken, tokenType: 'Bearer', expiresIn };
  if (client.scopes.length > 0) {
    const refreshToken = state.secret(newRefreshToken());
    state.refreshTokens.set(refreshToken, { ...session, token: refreshToken, revoked: false });
    out.refreshToken = refreshToken;
  }
  return out;
}

/** Registers a client directly (control API), e.g. to seed a token cache without a device flow. */
export function registerClientDirect(state: EmulatorState, clientName: string, scopes: string[]): OidcClient {
  const nowSec = Math.floor(state.now() / 1000);
  const client: OidcClient = {
    clientId: newClientId(),
    clientSecret: state.secret(newClientSecret()),
    clientName,
    scopes,
    issuedAtSec: nowSec,
    expiresAtSec: nowSec + (state.world.sso?.clientSecretTtlSeconds ?? DEFAULT_CLIENT_TTL),
  };
  state.clients.set(client.clientId, client);
  return client;
}

function normaliseUserCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function findByUserCode(state: EmulatorState, userCode: string): DeviceAuthorization | undefined {
  const wanted = normaliseUserCode(userCode);
  return [...state.deviceAuthorizations.values()].find((a) => normaliseUserCode(a.userCode) === wanted && a.status === 'pending');
}
