import { applicationProfileName, DEFAULT_PROFILE_NAME_TEMPLATE } from '../admin/profileNaming';
import { PROFILE_TIERS } from '../orgDefaults/orgDefaults';

/**
 * The listed profiles whose names are the ones `admin create-profiles` gives this developer
 * (`claude-code-<tier>-<developerId>`, or the organisation's `profileNamePattern`), for every
 * name the developer may be known by. Names are compared case-insensitively: the identity's
 * names are lower-cased, while the batch keeps the developer id as the admin wrote it.
 */
export function profilesNamedFor<T extends { readonly name: string }>(listed: readonly T[], developerIds: readonly string[], template: string = DEFAULT_PROFILE_NAME_TEMPLATE): T[] {
  const wanted = new Set<string>();
  for (const id of developerIds) {
    if (id.trim() === '') continue;
    for (const tier of PROFILE_TIERS) wanted.add(applicationProfileName(tier, id, template).toLowerCase());
  }
  return listed.filter((profile) => wanted.has(profile.name.toLowerCase()));
}
