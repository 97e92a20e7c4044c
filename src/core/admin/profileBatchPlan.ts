import { UserFacingError } from '../runtime/userFacingError';
import type { ProfileMapping, ProfileTier } from '../orgDefaults/orgDefaults';
import type { DeveloperRequest } from './developerRequest';
import type { PlannedProfile, ProfileBatchCounts, ProfileOutcome, ProfileTagKeys, TagDifference } from './profileBatch';
import { applicationProfileName } from './profileNaming';
import type { SourceProfile } from './sourceProfileSelection';

/**
 * Turns developers into the profiles they should have, one per tier. Throws before
 * anything is created when the batch cannot be done as asked (a tier with no source, an
 * extra tag that would overwrite the developer or team tag, two developers whose
 * profile names collide), so a batch never half-succeeds for a reason known upfront.
 */
export function planDeveloperProfiles(
  developers: readonly DeveloperRequest[],
  options: {
    readonly defaultTiers: readonly ProfileTier[];
    readonly tagKeys: ProfileTagKeys;
    readonly sources: Readonly<Partial<Record<ProfileTier, SourceProfile>>>;
    /** The org's `profileNamePattern`; default `claude-code-{tier}-{developerId}`. */
    readonly nameTemplate?: string;
  },
): PlannedProfile[] {
  const problems: string[] = [];
  const planned: PlannedProfile[] = [];
  const names = new Map<string, string>();
  for (const developer of developers) {
    for (const key of Object.keys(developer.extraTags)) {
      if (key === options.tagKeys.developer || key === options.tagKeys.team) {
        problems.push(`${developer.origin}: the extra tag ${key} would overwrite the ${key === options.tagKeys.developer ? 'developer' : 'team'} tag; remove it`);
      }
    }
    for (const tier of developer.tiers ?? options.defaultTiers) {
      const source = options.sources[tier];
      if (!source) continue;
      const name = applicationProfileName(tier, developer.developerId, options.nameTemplate);
      const clash = names.get(name);
      if (clash !== undefined) {
        problems.push(`${developer.origin}: the profile name ${name} is also the name for ${clash}; change one developer id`);
        continue;
      }
      names.set(name, `${JSON.stringify(developer.developerId)} (${developer.origin})`);
      planned.push({
        developerId: developer.developerId,
        team: developer.team,
        tier,
        name,
        tags: { ...developer.extraTags, [options.tagKeys.developer]: developer.developerId, [options.tagKeys.team]: developer.team },
        source,
        origin: developer.origin,
      });
    }
  }
  if (problems.length > 0) {
    throw new UserFacingError(`The profiles cannot be created as listed: ${problems.slice(0, 20).join('; ')}${problems.length > 20 ? `; and ${problems.length - 20} more` : ''}. Nothing was created.`, 'admin.plan-invalid');
  }
  return planned;
}

/** Tags the existing profile lacks or holds with another value (extra tags it has are fine). */
export function tagDifferences(expected: Readonly<Record<string, string>>, actual: Readonly<Record<string, string>>): TagDifference[] {
  return Object.entries(expected).flatMap(([key, value]) => (actual[key] === value ? [] : [{ key, expected: value, actual: actual[key] }]));
}

/** An existing profile whose ABAC tags differ would be refused to its developer. */
export function isAbacMismatch(outcome: ProfileOutcome, tagKeys: ProfileTagKeys): boolean {
  return outcome.status === 'exists' && (outcome.tagDifferences ?? []).some((d) => d.key === tagKeys.developer || d.key === tagKeys.team);
}

export function mappingOf(outcomes: readonly ProfileOutcome[], tagKeys: ProfileTagKeys): ProfileMapping {
  const mapping: Record<string, Partial<Record<ProfileTier, string>>> = {};
  for (const outcome of outcomes) {
    if (!outcome.arn || (outcome.status !== 'created' && outcome.status !== 'exists') || isAbacMismatch(outcome, tagKeys)) continue;
    (mapping[outcome.planned.developerId] ??= {})[outcome.planned.tier] = outcome.arn;
  }
  return mapping;
}

export function countOutcomes(outcomes: readonly ProfileOutcome[], tagKeys: ProfileTagKeys): ProfileBatchCounts {
  const count = (status: ProfileOutcome['status']): number => outcomes.filter((o) => o.status === status).length;
  return {
    created: count('created'),
    existing: count('exists'),
    wouldCreate: count('would-create'),
    failed: count('failed'),
    mismatched: outcomes.filter((o) => isAbacMismatch(o, tagKeys)).length,
  };
}
