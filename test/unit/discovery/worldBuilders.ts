// Worlds for discovery tests, built from worlds/default.json so they stay in step with it.
import { defaultWorld, type ApplicationProfileSpec, type World } from '../../emulator/world';

export const ACCOUNT = '111122223333';

const SYSTEM: Record<'opus' | 'sonnet' | 'haiku', string> = {
  opus: 'us.anthropic.claude-opus-4-1-20250805-v1:0',
  sonnet: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  haiku: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
};

export function aipArn(profile: Pick<ApplicationProfileSpec, 'region' | 'accountId' | 'id'>): string {
  return `arn:aws:bedrock:${profile.region}:${profile.accountId}:application-inference-profile/${profile.id}`;
}

/** An application profile copied from the US system profile of `tier`, tagged for `developer`. */
export function aip(options: { name: string; id: string; tier: 'opus' | 'sonnet' | 'haiku'; developer: string; team: string; region?: string }): ApplicationProfileSpec {
  const region = options.region ?? 'us-east-1';
  return {
    name: options.name,
    id: options.id,
    accountId: ACCOUNT,
    region,
    copyFrom: `arn:aws:bedrock:${region}:${ACCOUNT}:inference-profile/${SYSTEM[options.tier]}`,
    tags: { Team: options.team, DeveloperId: options.developer },
  };
}

/** The default world: alice has Sonnet, Opus and Haiku in us-east-1 (and a Sonnet in us-west-2); bob and a shared profile belong to others. Carol gets one too. */
export function threeDevelopersWorld(): World {
  const world = defaultWorld();
  world.applicationProfiles = [
    ...(world.applicationProfiles ?? []),
    aip({ name: 'claude-sonnet-carol', id: 'c4r0l5nn3t01', tier: 'sonnet', developer: 'carol', team: 'platform' }),
  ];
  return world;
}

export function profileId(world: World, name: string): string {
  const profile = (world.applicationProfiles ?? []).find((p) => p.name === name);
  if (!profile) throw new Error(`no profile ${name}`);
  return aipArn(profile);
}

/** `count` profiles of other developers (ids `gen000000001`…) with alice's three hidden among them. */
export function crowdedWorld(count: number): World {
  const world = defaultWorld();
  const tiers = ['opus', 'sonnet', 'haiku'] as const;
  const profiles: ApplicationProfileSpec[] = [];
  for (let i = 1; i <= count - 3; i++) {
    profiles.push(aip({ name: `claude-${tiers[i % 3] ?? 'sonnet'}-dev${i}`, id: `gen${String(i).padStart(9, '0')}`, tier: tiers[i % 3] ?? 'sonnet', developer: `dev${i}`, team: 'data' }));
  }
  const alice = (world.applicationProfiles ?? []).filter((p) => p.region === 'us-east-1' && p.tags['DeveloperId'] === 'alice');
  // Spread over the pages: first, middle and last.
  profiles.splice(0, 0, alice[0] as ApplicationProfileSpec);
  profiles.splice(Math.floor(profiles.length / 2), 0, alice[1] as ApplicationProfileSpec);
  profiles.push(alice[2] as ApplicationProfileSpec);
  world.applicationProfiles = profiles;
  return world;
}
