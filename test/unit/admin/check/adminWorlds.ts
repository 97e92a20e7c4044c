// Worlds for the admin checklist tests: a healthy organisation (every checklist item in
// place) that each test breaks in exactly one way.
import { generatePermissionSetPolicy } from '../../../../src/core/admin/permissionSetPolicy';
import type { AdminCheckOptions } from '../../../../src/core/admin/check/adminCheckOptions';
import { defaultWorld, type World } from '../../../emulator/world';

export const ACCOUNT = '111122223333';
export const GROUP = 'Claude Code Developers';
export const POLICY_OPTIONS = { tagKeys: ['DeveloperId', 'Team'], regions: ['us-east-1'], accountId: ACCOUNT };

/** The default world plus: the generated policy on BedrockDeveloper, and convention-named, tagged profiles for alice. */
export function healthyWorld(): World {
  const world = defaultWorld();
  world.admin = { permissionSets: [{ name: 'BedrockDeveloper', inlinePolicy: JSON.stringify(generatePermissionSetPolicy(POLICY_OPTIONS)) }, { name: 'BedrockAdmin' }] };
  const profiles = world.applicationProfiles ?? [];
  const ids = { opus: 'opusalice001', sonnet: 'sonnetalice1', haiku: 'haikualice01' } as const;
  const sources = { opus: 'us.anthropic.claude-opus-4-1-20250805-v1:0', sonnet: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', haiku: 'us.anthropic.claude-haiku-4-5-20251001-v1:0' } as const;
  for (const tier of ['opus', 'sonnet', 'haiku'] as const) {
    profiles.push({ name: `claude-code-${tier}-alice`, id: ids[tier], accountId: ACCOUNT, region: 'us-east-1', copyFrom: `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/${sources[tier]}`, tags: { DeveloperId: 'alice', Team: 'platform' } });
  }
  world.applicationProfiles = profiles;
  return world;
}

export function checkOptions(overrides: Partial<AdminCheckOptions> = {}): AdminCheckOptions {
  return {
    regions: ['us-east-1'],
    identityCenterRegion: 'us-east-1',
    accountId: ACCOUNT,
    tagKeys: { developer: 'DeveloperId', team: 'Team' },
    permissionSetName: 'BedrockDeveloper',
    groupName: GROUP,
    policy: POLICY_OPTIONS,
    sleep: () => Promise.resolve(),
    ...overrides,
  };
}
