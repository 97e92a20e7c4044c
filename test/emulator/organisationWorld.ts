// Organisation-sized worlds: thousands of developers, one application inference profile per
// developer and tier, named the way `admin create-profiles` names them and ABAC-tagged, as a
// company that rolled the product out to everyone would have. Built in memory in one pass so
// that a world of 15,000 profiles costs milliseconds, not a JSON file.
import { applicationProfileName } from '../../src/core/admin/profileNaming';
import type { ApplicationProfileSpec, UserSpec, World } from './world';
import { defaultWorld } from './world';

export type OrganisationTier = 'opus' | 'sonnet' | 'haiku';

const SYSTEM_PROFILE: Record<OrganisationTier, string> = {
  opus: 'us.anthropic.claude-opus-4-1-20250805-v1:0',
  sonnet: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  haiku: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
};

export interface OrganisationOptions {
  readonly developers: number;
  readonly tiers?: readonly OrganisationTier[];
  readonly region?: string;
  readonly accountId?: string;
  /** The org's `profileNamePattern`; default `claude-code-{tier}-{developerId}`. */
  readonly nameTemplate?: string;
  /**
   * false: IAM Identity Center has no *attributes for access control* mapping, so sessions
   * carry no DeveloperId/Team principal tags and every ABAC condition fails.
   */
  readonly principalTags?: boolean;
  /** Developers per team (Team tag). Default 50. */
  readonly teamSize?: number;
}

/** `dev00042`: the user name and DeveloperId of the developer with that index. */
export function organisationDeveloper(index: number): string {
  return `dev${String(index).padStart(5, '0')}`;
}

/**
 * The default world's identity center, roles and system profiles, with `developers` users
 * (`dev00001`…, assigned the ABAC role BedrockDeveloper) and their profiles. Users of the
 * default world (alice, bob…) stay, without application profiles of their own.
 */
export function organisationWorld(options: OrganisationOptions): World {
  const world = defaultWorld();
  const tiers = options.tiers ?? ['opus', 'sonnet', 'haiku'];
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '111122223333';
  const teamSize = options.teamSize ?? 50;
  const users: UserSpec[] = [];
  const profiles: ApplicationProfileSpec[] = [];
  for (let i = 1; i <= options.developers; i++) {
    const developer = organisationDeveloper(i);
    const team = `team${String(Math.ceil(i / teamSize)).padStart(3, '0')}`;
    users.push({
      userName: developer,
      email: `${developer}@example.com`,
      attributes: options.principalTags === false ? {} : { DeveloperId: developer, Team: team },
      assignments: [{ accountId, roleName: 'BedrockDeveloper' }],
    });
    tiers.forEach((tier, t) => {
      profiles.push({
        name: applicationProfileName(tier, developer, options.nameTemplate),
        // 12 lowercase alphanumerics, unique per developer and tier.
        id: `o${String(i).padStart(7, '0')}${t}aip`,
        accountId,
        region,
        copyFrom: `arn:aws:bedrock:${region}:${accountId}:inference-profile/${SYSTEM_PROFILE[tier]}`,
        tags: { DeveloperId: developer, Team: team },
      });
    });
  }
  world.users = [...world.users, ...users];
  world.applicationProfiles = profiles;
  return world;
}
