// Who may call the emulated admin APIs, and how their list operations page. A session of
// one of `admin.adminRoles` may (IAM policy evaluation proper is not modelled here); any
// other caller, and any action in `admin.deniedActions`, gets IAM's AccessDenied wording.
import { callerLabel, resolveCaller } from '../identity';
import type { Caller } from '../identity';
import { accessDenied } from '../policy';
import { authError, parseJsonBody, ServiceError } from '../wire';
import type { EmulatorRequest, ServiceName } from '../wire';
import type { ServiceContext } from '../services/context';
import { adminState } from './adminState';
import type { AdminState } from './adminState';

export interface AdminCall {
  caller: Caller;
  region: string | undefined;
  admin: AdminState;
  body: Record<string, unknown>;
}

export const validation = (message: string): ServiceError => new ServiceError('ValidationException', 400, message);

export function authorizeAdmin(ctx: ServiceContext, req: EmulatorRequest, service: ServiceName, action: string, resource: string, deniedStatus = 400): AdminCall {
  const resolved = resolveCaller(ctx.state, req, false);
  if (!resolved.ok) throw authError(service, resolved.failure);
  const { caller } = resolved;
  ctx.setCaller(callerLabel(caller));
  const admin = adminState(ctx.state);
  const roles = admin.spec.adminRoles ?? ['BedrockAdmin'];
  const isAdmin = caller.kind === 'role' && roles.includes(caller.roleName);
  if (!isAdmin || (admin.spec.deniedActions ?? []).includes(action)) {
    throw accessDenied(caller, action, resource.replace('<account>', caller.accountId), deniedStatus);
  }
  return { caller, region: resolved.region, admin, body: parseJsonBody(req, () => validation('Request body is not valid JSON')) };
}

/**
 * One page of `items` for a `MaxResults`/`NextToken` request. The token is opaque to
 * callers (base64 of an offset and the list it belongs to), and one from another list is
 * refused as AWS refuses a foreign token.
 */
export function page<T>(items: readonly T[], body: Record<string, unknown>, admin: AdminState, listId: string): { items: T[]; nextToken?: string } {
  const cap = Math.min(100, admin.spec.pageSize ?? 100);
  const asked = typeof body['MaxResults'] === 'number' ? body['MaxResults'] : cap;
  if (!Number.isInteger(asked) || asked < 1 || asked > 100) throw validation('1 validation error detected: Value at \'maxResults\' failed to satisfy constraint: Member must have value between 1 and 100');
  const size = Math.min(asked, cap);
  let start = 0;
  if (typeof body['NextToken'] === 'string') {
    const [offset, owner] = Buffer.from(body['NextToken'], 'base64').toString('utf8').split('|');
    if (owner !== listId || !/^\d+$/.test(offset ?? '')) throw validation('The NextToken is invalid.');
    start = Number(offset);
  }
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: Buffer.from(`${end}|${listId}`, 'utf8').toString('base64') } : {}) };
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw validation(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  return value;
}
