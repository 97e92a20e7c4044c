import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../emulator/server';

/** The profile (and sso-session) name the product writes by default. */
export const SIGNED_IN_PROFILE = 'claude-code';

/**
 * What `bedrock-onboard login` (or `aws configure sso` + `aws sso login`) leaves in a home
 * for `userName`: the `[profile]` and `[sso-session]` sections in ~/.aws/config and a valid
 * token from the emulator in ~/.aws/sso/cache (0600 in a 0700 folder). Synchronous, so a
 * test can call it before a VS Code starts as well as inside a test.
 */
export function writeSsoSignIn(home: string, emulator: Emulator, userName: string): void {
  const token = emulator.issueSsoToken(userName);
  const cache = join(home, '.aws', 'sso', 'cache');
  mkdirSync(cache, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(home, '.aws', 'config'),
    [
      `[profile ${SIGNED_IN_PROFILE}]`,
      `sso_session = ${SIGNED_IN_PROFILE}`,
      'sso_account_id = 111122223333',
      'sso_role_name = BedrockDeveloper',
      'region = us-east-1',
      '',
      `[sso-session ${SIGNED_IN_PROFILE}]`,
      `sso_start_url = ${token.startUrl}`,
      `sso_region = ${token.region}`,
      'sso_registration_scopes = sso:account:access',
      '',
    ].join('\n'),
  );
  writeFileSync(join(cache, `${createHash('sha1').update(SIGNED_IN_PROFILE).digest('hex')}.json`), JSON.stringify(token), { mode: 0o600 });
}
