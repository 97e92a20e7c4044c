import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../emulator/server';
import type { CostRecord, World } from '../../emulator/world';
import { SIGNED_IN_PROFILE, writeSsoSignIn } from '../../support/ssoSignIn';

/**
 * A home where `userName` has already finished Set Up: the AWS profile and SSO session,
 * a valid token in the SSO cache, and Claude Code pointed at the user's own inference
 * profile. Returns that profile's ARN.
 */
export function writeSignedInHome(home: string, emulator: Emulator, userName: string): string {
  const profile = emulator.applicationProfiles().find((candidate) => candidate.tags['DeveloperId'] === userName);
  if (!profile) throw new Error(`The emulator world gives ${userName} no inference profile.`);
  writeSsoSignIn(home, emulator, userName);
  mkdirSync(join(home, '.claude'), { recursive: true });
  writeFileSync(
    join(home, '.claude', 'settings.json'),
    `${JSON.stringify({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: SIGNED_IN_PROFILE, AWS_REGION: profile.region, ANTHROPIC_MODEL: profile.arn } }, null, 2)}\n`,
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
