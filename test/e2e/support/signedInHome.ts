import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../emulator/server';
import type { CostRecord, World } from '../../emulator/world';

const PROFILE = 'claude-code';

/**
 * A home where `userName` has already finished Set Up: the AWS profile and SSO session,
 * a valid token in the SSO cache, and Claude Code pointed at the user's own inference
 * profile. Returns that profile's ARN.
 */
export function writeSignedInHome(home: string, emulator: Emulator, userName: string): string {
  const world = emulator.world();
  const profile = emulator.applicationProfiles().find((candidate) => candidate.tags['DeveloperId'] === userName);
  if (!profile) throw new Error(`The emulator world gives ${userName} no inference profile.`);
  const cache = join(home, '.aws', 'sso', 'cache');
  mkdirSync(cache, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(home, '.aws', 'config'),
    [
      `[profile ${PROFILE}]`,
      `sso_session = ${PROFILE}`,
      'sso_account_id = 111122223333',
      'sso_role_name = BedrockDeveloper',
      'region = us-east-1',
      '',
      `[sso-session ${PROFILE}]`,
      `sso_start_url = ${world.identityCenter.startUrl}`,
      `sso_region = ${world.identityCenter.region}`,
      'sso_registration_scopes = sso:account:access',
      '',
    ].join('\n'),
  );
  writeFileSync(join(cache, `${createHash('sha1').update(PROFILE).digest('hex')}.json`), JSON.stringify(emulator.issueSsoToken(userName)), { mode: 0o600 });
  mkdirSync(join(home, '.claude'), { recursive: true });
  writeFileSync(
    join(home, '.claude', 'settings.json'),
    `${JSON.stringify({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: PROFILE, AWS_REGION: profile.region, ANTHROPIC_MODEL: profile.arn } }, null, 2)}\n`,
  );
  return profile.arn;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** What Cost Explorer bills `developerId` this UTC month so far: the world's tagged records from the 1st through today. */
export function monthToDateOf(world: World, developerId: string, now: number): number {
  const today = new Date(now).toISOString().slice(0, 10);
  const dayOf = (record: CostRecord): string => record.date ?? new Date(now - (record.daysAgo ?? 0) * DAY_MS).toISOString().slice(0, 10);
  return (world.costRecords ?? [])
    .filter((record) => record.tags?.['DeveloperId'] === developerId)
    .map((record) => ({ day: dayOf(record), amount: record.amount }))
    .filter(({ day }) => day.slice(0, 7) === today.slice(0, 7) && day <= today)
    .reduce((sum, { amount }) => sum + amount, 0);
}
