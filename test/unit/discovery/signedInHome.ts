// A temporary home directory signed in to the emulator the way the AWS CLI leaves one:
// `~/.aws/config` with an sso-session and a profile, and the SSO token in
// `~/.aws/sso/cache/<sha1(session)>.json`. Credentials then come from the SDK's own
// fromSSO provider (GetRoleCredentials against the emulator), exactly as for Claude Code.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { emulatorEndpointEnv, startEmulator, type Emulator, type IssuedSsoToken } from '../../emulator/server';
import type { World } from '../../emulator/world';

export const PROFILE = 'claude-code';
export const SESSION = 'claude-code';

export interface SignedInHome {
  readonly emulator: Emulator;
  readonly home: string;
  readonly profile: string;
  /** The variables this fixture set in process.env (HOME and the endpoint overrides). */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export interface SignInOptions {
  readonly userName: string;
  readonly accountId?: string;
  readonly roleName?: string;
  /** `device-flow`: RegisterClient → StartDeviceAuthorization → CreateToken (auto-approved); `seeded`: a token issued directly. */
  readonly via?: 'device-flow' | 'seeded';
}

/** Variables that would let the SDK pick up credentials from the real machine instead of the temp home. */
const AMBIENT = /^AWS_(?!ENDPOINT_URL_)|^HOME$|^USERPROFILE$/;

/**
 * Starts an emulator for `world`, points HOME and the SDK's endpoint variables at a fresh
 * temp home and the emulator (saving whatever was there), and signs `userName` in.
 * `close()` stops the emulator, restores process.env and removes the directory.
 */
export async function signedInHome(world: World, options: SignInOptions): Promise<SignedInHome> {
  const emulator = await startEmulator(world);
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'bedrock-discovery-'));
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) if (AMBIENT.test(name)) Reflect.deleteProperty(process.env, name);
  const env = { HOME: home, ...emulatorEndpointEnv(emulator.url) };
  Object.assign(process.env, env);

  const user = world.users.find((u) => u.userName === options.userName);
  if (!user) throw new Error(`unknown user ${options.userName}`);
  const assignment = user.assignments.find((a) => (options.accountId ?? a.accountId) === a.accountId && (options.roleName ?? a.roleName) === a.roleName);
  if (!assignment) throw new Error(`${options.userName} has no such assignment`);

  const token = options.via === 'device-flow' ? await deviceFlowToken(emulator, world, options.userName) : emulator.issueSsoToken(options.userName);
  await writeAwsConfig(home, world, assignment.accountId, assignment.roleName);
  await writeTokenCache(home, token);

  return {
    emulator,
    home,
    profile: PROFILE,
    env,
    close: async () => {
      await emulator.close();
      for (const name of Object.keys(process.env)) if (!(name in saved)) Reflect.deleteProperty(process.env, name);
      Object.assign(process.env, saved);
      await fs.rm(home, { recursive: true, force: true });
    },
  };
}

async function writeAwsConfig(home: string, world: World, accountId: string, roleName: string): Promise<void> {
  await fs.mkdir(path.join(home, '.aws'), { recursive: true });
  const config = [
    `[profile ${PROFILE}]`,
    `sso_session = ${SESSION}`,
    `sso_account_id = ${accountId}`,
    `sso_role_name = ${roleName}`,
    `region = ${world.regions[0] ?? 'us-east-1'}`,
    '',
    `[sso-session ${SESSION}]`,
    `sso_start_url = ${world.identityCenter.startUrl}`,
    `sso_region = ${world.identityCenter.region}`,
    'sso_registration_scopes = sso:account:access',
    '',
  ].join('\n');
  await fs.writeFile(path.join(home, '.aws', 'config'), config);
}

async function writeTokenCache(home: string, token: IssuedSsoToken): Promise<void> {
  const dir = path.join(home, '.aws', 'sso', 'cache');
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${createHash('sha1').update(SESSION).digest('hex')}.json`);
  await fs.writeFile(file, JSON.stringify(token), { mode: 0o600 });
}

/** The real device authorization over HTTP, approved by the emulator after one pending poll. */
async function deviceFlowToken(emulator: Emulator, world: World, userName: string): Promise<IssuedSsoToken> {
  emulator.setDeviceFlow({ mode: 'autoApprove', userName, afterPolls: 1, interval: 1 });
  const oidc = new SSOOIDCClient({ region: world.identityCenter.region });
  try {
    const client = await oidc.send(new RegisterClientCommand({ clientName: 'discovery-test', clientType: 'public', scopes: ['sso:account:access'] }));
    const device = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: world.identityCenter.startUrl }),
    );
    for (let poll = 0; poll < 10; poll++) {
      try {
        const token = await oidc.send(
          new CreateTokenCommand({
            clientId: client.clientId,
            clientSecret: client.clientSecret,
            deviceCode: device.deviceCode,
            grantType: 'urn:ietf:params:oauth:grant-type:device_code',
          }),
        );
        const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
        return {
          startUrl: world.identityCenter.startUrl,
          region: world.identityCenter.region,
          accessToken: token.accessToken ?? '',
          expiresAt: iso(Date.now() + (token.expiresIn ?? 3600) * 1000),
          clientId: client.clientId ?? '',
          clientSecret: client.clientSecret ?? '',
          registrationExpiresAt: iso((client.clientSecretExpiresAt ?? 0) * 1000),
          ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
        };
      } catch (error) {
        if ((error as { name?: string }).name !== 'AuthorizationPendingException') throw error;
        await new Promise((resolve) => setTimeout(resolve, (device.interval ?? 1) * 1000));
      }
    }
    throw new Error('device flow did not complete');
  } finally {
    oidc.destroy();
  }
}
