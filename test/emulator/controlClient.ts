// A typed client for the /_emulator/ control API, for tests whose emulator runs in another
// process (see spawn.ts). Mirrors the in-process Emulator interface where it can.
import type { FaultSpec } from './faults';
import type { RequestRecord } from './requestLog';
import type { ApplicationProfileInfo, IssuedSsoToken, IssueSsoTokenOptions } from './server';
import type { DeviceFlowSpec, World } from './world';

export interface RemoteRoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO timestamp. */
  expiration: string;
  accountId: string;
  roleName: string;
}

export class EmulatorControlClient {
  private readonly base: string;

  constructor(url: string) {
    this.base = `${url.replace(/\/+$/, '')}/_emulator/`;
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(this.base + path, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const parsed = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new Error(`emulator control ${method} ${path}: ${parsed.error ?? String(response.status)}`);
    return parsed;
  }

  async health(): Promise<boolean> {
    return (await this.call<{ ok: boolean }>('GET', 'health')).ok;
  }

  async requests(): Promise<RequestRecord[]> {
    return (await this.call<{ requests: RequestRecord[] }>('GET', 'requests')).requests;
  }

  async requestCount(operation?: string): Promise<number> {
    const query = operation === undefined ? '' : `?operation=${encodeURIComponent(operation)}`;
    return (await this.call<{ count: number }>('GET', `requests/count${query}`)).count;
  }

  async resetRequests(): Promise<void> {
    await this.call('POST', 'requests/reset', {});
  }

  async pendingUserCodes(): Promise<string[]> {
    return (await this.call<{ userCodes: string[] }>('GET', 'device/pending')).userCodes;
  }

  /** Polls until a device authorization is waiting (the product has shown its user code). */
  async waitForUserCode(timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [code] = await this.pendingUserCodes();
      if (code !== undefined) return code;
      if (Date.now() > deadline) throw new Error('no device authorization started in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async approveDeviceCode(userCode: string, userName: string): Promise<void> {
    await this.call('POST', 'device/approve', { userCode, userName });
  }

  async denyDeviceCode(userCode: string): Promise<void> {
    await this.call('POST', 'device/deny', { userCode });
  }

  async setDeviceFlow(flow: DeviceFlowSpec): Promise<void> {
    await this.call('POST', 'device/flow', flow);
  }

  async injectFault(fault: FaultSpec): Promise<void> {
    await this.call('POST', 'faults', fault);
  }

  async clearFaults(): Promise<void> {
    await this.call('POST', 'faults/clear', {});
  }

  async setRateLimit(operation: string, perSecond: number | null): Promise<void> {
    await this.call('POST', 'rate-limit', { operation, perSecond });
  }

  async setRotateRefreshTokens(rotate: boolean): Promise<void> {
    await this.call('POST', 'sso/rotation', { rotate });
  }

  async expireAccessTokens(): Promise<void> {
    await this.call('POST', 'tokens/expire', {});
  }

  async expireRoleCredentials(): Promise<void> {
    await this.call('POST', 'credentials/expire', {});
  }

  async issuedSecrets(): Promise<string[]> {
    return (await this.call<{ secrets: string[] }>('GET', 'secrets')).secrets;
  }

  /** `{nowMs}` freezes the clock, `{offsetMs}` shifts real time, `{}` restores it. */
  async setClock(clock: { nowMs?: number; offsetMs?: number }): Promise<number> {
    return (await this.call<{ nowMs: number }>('POST', 'clock', clock)).nowMs;
  }

  async issueRoleCredentials(userName: string, accountId?: string, roleName?: string): Promise<RemoteRoleCredentials> {
    return this.call<RemoteRoleCredentials>('POST', 'role-credentials', { userName, accountId, roleName });
  }

  async issueSsoToken(userName: string, options: IssueSsoTokenOptions = {}): Promise<IssuedSsoToken> {
    return this.call<IssuedSsoToken>('POST', 'sso-token', { userName, ...options });
  }

  async applicationProfiles(): Promise<ApplicationProfileInfo[]> {
    return (await this.call<{ applicationProfiles: ApplicationProfileInfo[] }>('GET', 'profiles')).applicationProfiles;
  }

  async world(): Promise<World> {
    return this.call<World>('GET', 'world');
  }
}
