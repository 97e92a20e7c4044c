// Shared by the emulator's own tests (and usable by product tests): start an emulator for a
// mocha suite with the SDK's endpoint variables pointing at it, and sign in through the real
// SDK clients. Not a test file itself (mocha only picks up *.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { emulatorEndpointEnv, startEmulator } from './server';
import type { Emulator, EmulatorOptions } from './server';
import { DEVICE_CODE_GRANT } from './services/ssoOidc';
import { defaultWorld } from './world';
import type { World } from './world';

export const REGION = 'us-east-1';
export const START_URL = 'https://d-1234567890.awsapps.com/start';
export const SANDBOX_ACCOUNT = '111122223333';

/** Sets (or, for undefined, deletes) environment variables; returns the function that restores them. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = v;
    }
  };
  apply(vars);
  return () => {
    apply(saved);
  };
}

export interface EmulatorFixture {
  /** Valid inside tests (after the suite's before hook). */
  readonly emulator: Emulator;
  /** A scratch directory removed after the suite. */
  readonly tempDir: string;
}

/**
 * Starts an emulator for the enclosing describe() and points the SDK at it. The SDK is also
 * isolated from the machine: no shared config/credentials files, no ambient keys or API key.
 */
export function useEmulator(customise?: (world: World) => void, options?: EmulatorOptions): EmulatorFixture {
  let emulator: Emulator | undefined;
  let tempDir: string | undefined;
  let restore: (() => void) | undefined;
  before(async () => {
    const world = defaultWorld();
    customise?.(world);
    emulator = await startEmulator(world, options);
    tempDir = mkdtempSync(join(tmpdir(), 'aws-emulator-'));
    restore = setEnv({
      ...emulatorEndpointEnv(emulator.url),
      AWS_CONFIG_FILE: join(tempDir, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(tempDir, 'no-credentials'),
      AWS_PROFILE: undefined,
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_BEARER_TOKEN_BEDROCK: undefined,
      AWS_REGION: REGION,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
  });
  after(async () => {
    restore?.();
    await emulator?.close();
    if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
  });
  return {
    get emulator() {
      if (emulator === undefined) throw new Error('emulator not started yet');
      return emulator;
    },
    get tempDir() {
      if (tempDir === undefined) throw new Error('emulator not started yet');
      return tempDir;
    },
  };
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string | undefined;
  clientId: string;
  clientSecret: string;
}

/** The device flow through the real SSO-OIDC client, approved through the emulator's control API. */
export async function signIn(emulator: Emulator, userName: string, scopes: string[] = ['sso:account:access']): Promise<SignedIn> {
  const oidc = new SSOOIDCClient({ region: REGION });
  const client = await oidc.send(new RegisterClientCommand({ clientName: 'emulator-test', clientType: 'public', scopes }));
  const clientId = client.clientId ?? '';
  const clientSecret = client.clientSecret ?? '';
  const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: START_URL }));
  emulator.approveDeviceCode(device.userCode ?? '', userName);
  const token = await oidc.send(new CreateTokenCommand({ clientId, clientSecret, grantType: DEVICE_CODE_GRANT, deviceCode: device.deviceCode }));
  return { accessToken: token.accessToken ?? '', refreshToken: token.refreshToken, clientId, clientSecret };
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** Role credentials through the real SSO portal client. */
export async function roleCredentials(accessToken: string, accountId: string, roleName: string): Promise<Credentials> {
  const sso = new SSOClient({ region: REGION });
  const out = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }));
  const c = out.roleCredentials;
  return { accessKeyId: c?.accessKeyId ?? '', secretAccessKey: c?.secretAccessKey ?? '', sessionToken: c?.sessionToken ?? '' };
}

/** Signs in and fetches role credentials, the way a developer's profile would. */
export async function credentialsFor(emulator: Emulator, userName: string, roleName = 'BedrockDeveloper', accountId = SANDBOX_ACCOUNT): Promise<Credentials> {
  const { accessToken } = await signIn(emulator, userName);
  return roleCredentials(accessToken, accountId, roleName);
}

/** A credential provider answering with role credentials the emulator issues for `userName` (no sign-in requests). */
export function issuedCredentials(emulator: Emulator, userName: string): AwsCredentialIdentityProvider {
  return () => {
    const issued = emulator.issueRoleCredentials(userName);
    return Promise.resolve({ accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken });
  };
}

/** Awaits a promise that must reject, returning the error for assertions. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected the promise to reject');
}
