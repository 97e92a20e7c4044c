// IAM Identity Center OIDC: RegisterClient, StartDeviceAuthorization, the browser's authorize
// page, and CreateToken (device_code, authorization_code with PKCE, refresh_token grants).
// Paths and fields follow @aws-sdk/client-sso-oidc; the authorize page follows the AWS CLI's
// use of it (awscli/botocore/utils.py, SSOTokenFetcherAuth) and RFC 6749 / 7636 / 8252.
import { createHash } from 'node:crypto';
import { randomToken } from '../ids';
import { newAccessToken, newClientId, newClientSecret, newDeviceCode, newRefreshToken, newUserCode } from '../ids';
import type { AuthorizationCode, DeviceAuthorization, EmulatorState, OidcClient } from '../state';
import { jsonResponse, optionalString, parseJsonBody, ServiceError, stringArray } from '../wire';
import type { EmulatorRequest, EmulatorResponse } from '../wire';
import type { ServiceContext } from './context';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const AUTHORIZATION_CODE_GRANT = 'authorization_code';
const AUTHORIZATION_CODE_TTL_MS = 10 * 60_000;
const DEFAULT_ACCESS_TOKEN_TTL = 8 * 3600;
const DEFAULT_CLIENT_TTL = 90 * 24 * 3600;

const err = (code: string, message: string, status = 400) => new ServiceError(code, status, message);

export function handleSsoOidc(ctx: ServiceContext, operation: string, req: EmulatorRequest): EmulatorResponse {
  if (operation === 'Authorize') return authorize(ctx, req.query);
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
  const grantTypes = body.grantTypes === undefined ? undefined : stringArray(body.grantTypes);
  const redirectUris = body.redirectUris === undefined ? undefined : stringArray(body.redirectUris);
  if (grantTypes?.includes(AUTHORIZATION_CODE_GRANT) === true && (redirectUris === undefined || redirectUris.length === 0)) {
    throw err('InvalidRedirectUriException', 'redirectUris are required for the authorization_code grant');
  }
  for (const uri of redirectUris ?? []) if (!isLoopbackCallback(uri)) throw err('InvalidRedirectUriException', `Invalid redirect URI: ${uri}`);
  const client = registerClientDirect(state, clientName, stringArray(body.scopes));
  if (grantTypes !== undefined) client.grantTypes = grantTypes;
  if (redirectUris !== undefined) client.redirectUris = redirectUris;
  const issuerUrl = optionalString(body.issuerUrl);
  if (issuerUrl !== undefined) client.issuerUrl = issuerUrl;
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
  if (grantType === AUTHORIZATION_CODE_GRANT) return authorizationCodeGrant(ctx, client, body);
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

/** `http://127.0.0.1[:port]/oauth/callback`: the loopback redirect the AWS CLI registers. */
function isLoopbackCallback(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.pathname === '/oauth/callback' && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

/** RFC 8252 §7.3: a loopback redirect matches a registered one whatever its port. */
function redirectRegistered(client: OidcClient, redirectUri: string): boolean {
  if (!isLoopbackCallback(redirectUri)) return false;
  const withoutPort = (uri: string): string => {
    const url = new URL(uri);
    url.port = '';
    return url.toString();
  };
  return (client.redirectUris ?? []).some((registered) => withoutPort(registered) === withoutPort(redirectUri));
}

function htmlPage(status: number, text: string): EmulatorResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(`<!doctype html><title>IAM Identity Center</title><p>${text.replace(/[<>&]/g, '')}</p>`, 'utf8') };
}

/**
 * The authorize page. The developer "signs in" as the device flow's user (world or control
 * API: deviceFlow.userName, else the first user); mode 'deny' answers access_denied. Only a
 * registered loopback redirect is ever redirected to; a bad client or redirect gets a page.
 */
function authorize(ctx: ServiceContext, query: URLSearchParams): EmulatorResponse {
  const { state } = ctx;
  const client = state.clients.get(query.get('client_id') ?? '');
  const redirectUri = query.get('redirect_uri') ?? '';
  if (client === undefined) return htmlPage(400, 'Invalid client');
  ctx.setCaller(`client:${client.clientName}`);
  if (client.grantTypes?.includes(AUTHORIZATION_CODE_GRANT) !== true) return htmlPage(400, 'This client is not registered for the authorization code grant');
  if (!redirectRegistered(client, redirectUri)) return htmlPage(400, 'Invalid redirect URI');
  const back = (params: Record<string, string>): EmulatorResponse => {
    const target = new URL(redirectUri);
    for (const [key, value] of Object.entries({ ...params, ...(query.get('state') === null ? {} : { state: query.get('state') ?? '' }) })) target.searchParams.set(key, value);
    return { status: 302, headers: { location: target.toString() }, body: Buffer.alloc(0) };
  };
  const challenge = query.get('code_challenge') ?? '';
  if (query.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
  if (query.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) return back({ error: 'invalid_request', error_description: 'PKCE with S256 is required' });
  const scopes = (query.get('scopes') ?? '').split(' ').filter((scope) => scope !== '');
  if (scopes.some((scope) => !client.scopes.includes(scope))) return back({ error: 'invalid_scope' });
  if (state.deviceFlow.mode === 'deny') return back({ error: 'access_denied', error_description: 'The user denied access' });
  const userName = state.deviceFlow.userName ?? state.world.users[0]?.userName;
  if (userName === undefined) return back({ error: 'access_denied' });
  const issued: AuthorizationCode = { code: state.secret(randomToken('code', 24)), clientId: client.clientId, redirectUri, codeChallenge: challenge, userName, expiresAtMs: state.now() + AUTHORIZATION_CODE_TTL_MS, used: false };
  state.authorizationCodes.set(issued.code, issued);
  return back({ code: issued.code });
}

/** The code, once, by the client it was issued to, with the same redirect URI and the verifier of the challenge. */
function authorizationCodeGrant(ctx: ServiceContext, client: OidcClient, body: Record<string, unknown>): EmulatorResponse {
  const { state } = ctx;
  if (client.grantTypes?.includes(AUTHORIZATION_CODE_GRANT) !== true) throw err('UnauthorizedClientException', 'Client is not authorized for the authorization_code grant');
  const issued = state.authorizationCodes.get(optionalString(body.code) ?? '');
  if (issued === undefined || issued.clientId !== client.clientId) throw err('InvalidGrantException', 'Invalid authorization code provided');
  if (issued.used) throw err('InvalidGrantException', 'Authorization code has already been used');
  // Single use whatever happens next, so a stolen code cannot be retried with other verifiers.
  issued.used = true;
  if (state.now() >= issued.expiresAtMs) throw err('InvalidGrantException', 'Authorization code has expired');
  if (optionalString(body.redirectUri) !== issued.redirectUri) throw err('InvalidGrantException', 'Redirect URI does not match the authorization request');
  const verifier = optionalString(body.codeVerifier) ?? '';
  if (createHash('sha256').update(verifier, 'ascii').digest('base64url') !== issued.codeChallenge) throw err('InvalidGrantException', 'Code verifier does not match the code challenge');
  if (state.user(issued.userName) === undefined) throw err('InvalidGrantException', 'Invalid authorization code provided');
  ctx.setCaller(issued.userName);
  return jsonResponse(200, issueTokens(state, client, issued.userName, state.newSessionId()));
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
