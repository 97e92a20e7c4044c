// Who is calling a signed service. The emulator does not verify SigV4 signatures; it reads the
// access key id from the credential scope and checks that the session token belongs to it,
// which is enough to attribute calls and to exercise expired/unknown-credential paths.
import { principalId, reservedRoleSuffix } from './ids';
import type { EmulatorState } from './state';
import type { AuthFailure, EmulatorRequest } from './wire';
import type { PolicySwitches } from './world';

export interface RoleCaller {
  kind: 'role';
  arn: string;
  userId: string;
  accountId: string;
  userName: string;
  roleName: string;
  attributes: Record<string, string>;
  policy: PolicySwitches[];
}

export interface ApiKeyCaller {
  kind: 'api-key';
  arn: string;
  userId: string;
  accountId: string;
  name: string;
  attributes: Record<string, string>;
  policy: PolicySwitches[];
}

export type Caller = RoleCaller | ApiKeyCaller;

export type CallerResult = { ok: true; caller: Caller; region: string | undefined } | { ok: false; failure: AuthFailure };

export interface SigV4Scope {
  accessKeyId: string;
  region: string;
  service: string;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/bedrock/aws4_request, SignedHeaders=…`. */
export function parseSigV4(req: EmulatorRequest): SigV4Scope | undefined {
  const header = req.headers.authorization ?? '';
  const credential = /Credential=([^,\s]+)/.exec(header)?.[1] ?? req.query.get('X-Amz-Credential') ?? undefined;
  if (credential === undefined) return undefined;
  const [accessKeyId, , region, service] = credential.split('/');
  if (accessKeyId === undefined || region === undefined || service === undefined) return undefined;
  return { accessKeyId, region, service };
}

export function bearerToken(req: EmulatorRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

export function roleCallerArn(accountId: string, roleName: string, userName: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}_${reservedRoleSuffix(accountId, roleName)}/${userName}`;
}

/** Resolves the caller of a SigV4-signed (or, where `acceptBearer`, API-key) request. */
export function resolveCaller(state: EmulatorState, req: EmulatorRequest, acceptBearer: boolean): CallerResult {
  const bearer = bearerToken(req);
  if (bearer !== undefined) {
    if (!acceptBearer) return { ok: false, failure: 'bearer-not-accepted' };
    const key = (state.world.apiKeys ?? []).find((k) => k.key === bearer);
    if (key === undefined) return { ok: false, failure: 'unknown' };
    const iamUserName = key.iamUserName ?? `BedrockAPIKey-${key.name}`;
    return {
      ok: true,
      region: undefined,
      caller: {
        kind: 'api-key',
        arn: `arn:aws:iam::${key.accountId}:user/${iamUserName}`,
        userId: principalId('AIDA', `${key.accountId}/${iamUserName}`),
        accountId: key.accountId,
        name: key.name,
        attributes: { ...(key.attributes ?? {}) },
        policy: [state.world.defaultPolicy ?? {}, key.policy ?? {}],
      },
    };
  }
  const scope = parseSigV4(req);
  if (scope === undefined) return { ok: false, failure: 'missing' };
  const session = state.roleSessions.get(scope.accessKeyId);
  if (session === undefined) return { ok: false, failure: 'unknown' };
  const token = req.headers['x-amz-security-token'] ?? req.query.get('X-Amz-Security-Token') ?? undefined;
  if (token !== session.sessionToken) return { ok: false, failure: 'unknown' };
  if (state.now() >= session.expiresAtMs) return { ok: false, failure: 'expired' };
  const user = state.user(session.userName);
  const role = state.role(session.roleName);
  if (user === undefined || role === undefined) return { ok: false, failure: 'unknown' };
  return {
    ok: true,
    region: scope.region,
    caller: {
      kind: 'role',
      arn: roleCallerArn(session.accountId, session.roleName, session.userName),
      userId: `${principalId('AROA', `${session.accountId}/${session.roleName}`)}:${session.userName}`,
      accountId: session.accountId,
      userName: session.userName,
      roleName: session.roleName,
      attributes: { ...user.attributes },
      policy: [state.world.defaultPolicy ?? {}, role.policy ?? {}, user.policy ?? {}],
    },
  };
}

/** The name written to the request log (never a token). */
export function callerLabel(caller: Caller): string {
  return caller.kind === 'role' ? `${caller.userName}@${caller.accountId}/${caller.roleName}` : `api-key:${caller.name}`;
}
