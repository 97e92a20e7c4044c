// The emulator set up for admin tests: an admin's role credentials (dana, BedrockAdmin, in
// the default world) both as a provider for core calls and as AWS_* variables for the CLI,
// and the SDK endpoint variables pointing at the emulator. close() restores process.env.
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { defaultWorld, type World } from '../../emulator/world';

export interface AdminEmulator {
  readonly emulator: Emulator;
  readonly credentials: AwsCredentialIdentityProvider;
  close(): Promise<void>;
}

/** Variables that would let the SDK use the real machine's credentials or config. */
const AMBIENT = /^AWS_/;

export async function startAdminEmulator(options: { world?: World; userName?: string } = {}): Promise<AdminEmulator> {
  const emulator = await startEmulator(options.world ?? defaultWorld());
  const issued = emulator.issueRoleCredentials(options.userName ?? 'dana');
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) if (AMBIENT.test(name)) Reflect.deleteProperty(process.env, name);
  Object.assign(process.env, emulatorEndpointEnv(emulator.url), {
    AWS_ACCESS_KEY_ID: issued.accessKeyId,
    AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
    AWS_SESSION_TOKEN: issued.sessionToken,
    // No config file from the real home.
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  });
  const credentials: AwsCredentialIdentityProvider = () =>
    Promise.resolve({ accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken });
  return {
    emulator,
    credentials,
    close: async () => {
      await emulator.close();
      for (const name of Object.keys(process.env)) if (!(name in saved)) Reflect.deleteProperty(process.env, name);
      Object.assign(process.env, saved);
    },
  };
}

/** Developers dev000…, alternating teams, each with the given tiers. */
export function developers(count: number, tiers?: ('opus' | 'sonnet' | 'haiku')[]) {
  return Array.from({ length: count }, (_, i) => ({
    developerId: `dev${String(i).padStart(3, '0')}`,
    team: i % 2 === 0 ? 'platform' : 'data',
    ...(tiers ? { tiers } : {}),
    extraTags: {},
    origin: `line ${i + 1}`,
  }));
}
