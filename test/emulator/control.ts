// The emulator's own JSON API under /_emulator/, so tests in another process (the CLI-driven
// VS Code and end-to-end runs) can approve sign-ins, inject faults and read counters.
// These calls are not recorded in the request log.
import type { FaultSpec } from './faults';
import type { Emulator } from './server';
import { jsonResponse } from './wire';
import type { EmulatorRequest, EmulatorResponse } from './wire';
import type { DeviceFlowSpec } from './world';

class ControlError extends Error {}

function body(req: EmulatorRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  const parsed: unknown = JSON.parse(req.body.toString('utf8'));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ControlError('body must be a JSON object');
  return parsed as Record<string, unknown>;
}

function str(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new ControlError(`${name} must be a non-empty string`);
  return value;
}

function optStr(value: unknown, name: string): string | undefined {
  return value === undefined ? undefined : str(value, name);
}

export function handleControl(emulator: Emulator, req: EmulatorRequest): EmulatorResponse {
  try {
    return jsonResponse(200, dispatch(emulator, req));
  } catch (error) {
    // Every failure here is a bad call (unknown user code, user, operation…), so 400 with the reason.
    return jsonResponse(400, { error: error instanceof Error ? error.message : String(error) });
  }
}

function dispatch(emulator: Emulator, req: EmulatorRequest): unknown {
  const name = req.path.slice('/_emulator/'.length);
  const key = `${req.method} ${name}`;
  const b = req.method === 'POST' ? body(req) : {};
  switch (key) {
    case 'GET health':
      return { ok: true, url: emulator.url };
    case 'GET requests':
      return { requests: emulator.requests() };
    case 'GET requests/count': {
      const operation = req.query.get('operation');
      return { count: emulator.requestCount(operation ?? undefined) };
    }
    case 'POST requests/reset':
      emulator.resetRequests();
      return { ok: true };
    case 'GET device/pending':
      return { userCodes: emulator.pendingUserCodes() };
    case 'POST device/approve':
      emulator.approveDeviceCode(str(b.userCode, 'userCode'), str(b.userName, 'userName'));
      return { ok: true };
    case 'POST device/deny':
      emulator.denyDeviceCode(str(b.userCode, 'userCode'));
      return { ok: true };
    case 'POST device/flow':
      emulator.setDeviceFlow(deviceFlowOf(b));
      return { ok: true };
    case 'POST faults':
      emulator.injectFault(faultOf(b));
      return { ok: true };
    case 'POST faults/clear':
      emulator.clearFaults();
      return { ok: true };
    case 'POST rate-limit': {
      const perSecond = b.perSecond;
      if (perSecond !== null && typeof perSecond !== 'number') throw new ControlError('perSecond must be a number or null');
      emulator.setRateLimit(str(b.operation, 'operation'), perSecond);
      return { ok: true };
    }
    case 'POST sso/rotation':
      if (typeof b.rotate !== 'boolean') throw new ControlError('rotate must be true or false');
      emulator.setRotateRefreshTokens(b.rotate);
      return { ok: true };
    case 'POST tokens/expire':
      emulator.expireAccessTokens();
      return { ok: true };
    case 'POST credentials/expire':
      emulator.expireRoleCredentials();
      return { ok: true };
    case 'GET secrets':
      return { secrets: emulator.issuedSecrets() };
    case 'POST clock':
      return setClock(emulator, b);
    case 'GET clock':
      return { nowMs: emulator.now() };
    case 'POST role-credentials': {
      const creds = emulator.issueRoleCredentials(str(b.userName, 'userName'), optStr(b.accountId, 'accountId'), optStr(b.roleName, 'roleName'));
      return { ...creds, expiration: creds.expiration.toISOString() };
    }
    case 'POST sso-token':
      return emulator.issueSsoToken(str(b.userName, 'userName'), {
        ...(Array.isArray(b.scopes) ? { scopes: b.scopes.filter((s): s is string => typeof s === 'string') } : {}),
        ...(typeof b.ttlSeconds === 'number' ? { ttlSeconds: b.ttlSeconds } : {}),
        ...(typeof b.clientName === 'string' ? { clientName: b.clientName } : {}),
      });
    case 'GET profiles':
      return { applicationProfiles: emulator.applicationProfiles() };
    case 'GET world':
      return emulator.world();
    default:
      throw new ControlError(`Unknown control call ${key}`);
  }
}

/** `{nowMs}` freezes time, `{offsetMs}` shifts the real clock, `{}` restores it. */
function setClock(emulator: Emulator, b: Record<string, unknown>): unknown {
  if (typeof b.nowMs === 'number') {
    const fixed = b.nowMs;
    emulator.setClock(() => fixed);
  } else if (typeof b.offsetMs === 'number') {
    const offset = b.offsetMs;
    emulator.setClock(() => Date.now() + offset);
  } else {
    emulator.setClock(null);
  }
  return { nowMs: emulator.now() };
}

const DEVICE_MODES = ['manual', 'autoApprove', 'deny', 'expire'];
const FAULT_KINDS = ['status', 'throttle', 'latency', 'reset', 'malformed'];

function deviceFlowOf(b: Record<string, unknown>): DeviceFlowSpec {
  if (b.mode !== undefined && !DEVICE_MODES.includes(b.mode as string)) throw new ControlError(`mode must be one of ${DEVICE_MODES.join(', ')}`);
  const flow: DeviceFlowSpec = { ...b };
  return flow;
}

function faultOf(b: Record<string, unknown>): FaultSpec {
  if (!FAULT_KINDS.includes(b.kind as string)) throw new ControlError(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  return b as unknown as FaultSpec;
}
