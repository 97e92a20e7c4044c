// The IAM Identity Center portal API (client-sso): accounts and roles assigned to the signed-in
// user, role credentials, and Logout. Authenticated by the `x-amz-sso_bearer_token` header.
import { newAccessKeyId, newSecretAccessKey, newSessionToken } from '../ids';
import type { AccessTokenRecord, EmulatorState, RoleSession } from '../state';
import { emptyResponse, jsonResponse, ServiceError } from '../wire';
import type { EmulatorRequest, EmulatorResponse } from '../wire';
import type { ServiceContext } from './context';

const DEFAULT_PAGE_SIZE = 20;
const DEFAULT_ROLE_TTL = 3600;

export function handleSso(ctx: ServiceContext, operation: string, req: EmulatorRequest): EmulatorResponse {
  const token = authenticate(ctx.state, req);
  ctx.setCaller(token.userName);
  switch (operation) {
    case 'ListAccounts':
      return listAccounts(ctx.state, token, req);
    case 'ListAccountRoles':
      return listAccountRoles(ctx.state, token, req);
    case 'GetRoleCredentials':
      return getRoleCredentials(ctx.state, token, req);
    case 'Logout':
      return logout(ctx.state, token);
    default:
      throw new ServiceError('InvalidRequestException', 400, `Unsupported operation ${operation}`);
  }
}

function authenticate(state: EmulatorState, req: EmulatorRequest): AccessTokenRecord {
  const record = state.accessTokens.get(req.headers['x-amz-sso_bearer_token'] ?? '');
  if (record === undefined || record.revoked || state.now() >= record.expiresAtMs) {
    throw new ServiceError('UnauthorizedException', 401, 'Session token not found or invalid');
  }
  return record;
}

/** Opaque page tokens; the offset is all the emulator needs. */
function page<T>(items: T[], req: EmulatorRequest, serverMax: number | undefined): { items: T[]; nextToken?: string } {
  const rawMax = req.query.get('max_result');
  const asked = rawMax === null ? DEFAULT_PAGE_SIZE : Number(rawMax);
  if (!Number.isInteger(asked) || asked < 1 || asked > 100) throw new ServiceError('InvalidRequestException', 400, 'max_result must be between 1 and 100');
  // max_result is an upper bound: a service may answer with fewer items and a next_token.
  const max = Math.min(asked, serverMax ?? asked);
  const token = req.query.get('next_token');
  const start = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^offset:/, ''));
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new ServiceError('InvalidRequestException', 400, 'Invalid next_token');
  const end = start + max;
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: Buffer.from(`offset:${end}`).toString('base64url') } : {}) };
}

function assignmentsOf(state: EmulatorState, userName: string) {
  return state.user(userName)?.assignments ?? [];
}

function listAccounts(state: EmulatorState, token: AccessTokenRecord, req: EmulatorRequest): EmulatorResponse {
  const ids = [...new Set(assignmentsOf(state, token.userName).map((a) => a.accountId))];
  const accounts = ids.flatMap((id) => {
    const account = state.account(id);
    return account === undefined ? [] : [{ accountId: account.id, accountName: account.name, emailAddress: account.email }];
  });
  const { items, nextToken } = page(accounts, req, state.world.sso?.maxPageSize);
  return jsonResponse(200, { accountList: items, ...(nextToken === undefined ? {} : { nextToken }) });
}

function listAccountRoles(state: EmulatorState, token: AccessTokenRecord, req: EmulatorRequest): EmulatorResponse {
  const accountId = req.query.get('account_id');
  if (accountId === null || accountId === '') throw new ServiceError('InvalidRequestException', 400, 'account_id is required');
  const roles = assignmentsOf(state, token.userName)
    .filter((a) => a.accountId === accountId)
    .map((a) => ({ roleName: a.roleName, accountId: a.accountId }));
  const { items, nextToken } = page(roles, req, state.world.sso?.maxPageSize);
  return jsonResponse(200, { roleList: items, ...(nextToken === undefined ? {} : { nextToken }) });
}

function getRoleCredentials(state: EmulatorState, token: AccessTokenRecord, req: EmulatorRequest): EmulatorResponse {
  const accountId = req.query.get('account_id') ?? '';
  const roleName = req.query.get('role_name') ?? '';
  const assigned = assignmentsOf(state, token.userName).some((a) => a.accountId === accountId && a.roleName === roleName);
  // Not modelled in client-sso: the SDK surfaces it as an SSOServiceException named ForbiddenException.
  if (!assigned) throw new ServiceError('ForbiddenException', 403, 'No access');
  const session = issueRoleSession(state, token.userName, accountId, roleName);
  return jsonResponse(200, {
    roleCredentials: {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
      // Epoch milliseconds, unlike every other AWS timestamp.
      expiration: session.expiresAtMs,
    },
  });
}

export function issueRoleSession(state: EmulatorState, userName: string, accountId: string, roleName: string, ttlSeconds?: number): RoleSession {
  const ttl = ttlSeconds ?? state.world.sso?.roleCredentialsTtlSeconds ?? DEFAULT_ROLE_TTL;
  const session: RoleSession = {
    accessKeyId: newAccessKeyId(),
    secretAccessKey: state.secret(newSecretAccessKey()),
    sessionToken: state.secret(newSessionToken()),
    userName,
    accountId,
    roleName,
    // Whole seconds, as AWS issues them.
    expiresAtMs: Math.floor((state.now() + ttl * 1000) / 1000) * 1000,
  };
  state.roleSessions.set(session.accessKeyId, session);
  return session;
}

function logout(state: EmulatorState, token: AccessTokenRecord): EmulatorResponse {
  // Logout ends the whole sign-in: the access token and every refresh token of the session.
  for (const record of state.accessTokens.values()) if (record.sessionId === token.sessionId) record.revoked = true;
  for (const record of state.refreshTokens.values()) if (record.sessionId === token.sessionId) record.revoked = true;
  return emptyResponse(200);
}
