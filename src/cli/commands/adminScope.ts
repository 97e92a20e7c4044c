import type { ProfileTagKeys } from '../../core/admin/profileBatch';
import { DEFAULT_PROFILE_TAG_KEYS } from '../../core/admin/profileBatch';
import type { OrgDefaults } from '../../core/orgDefaults/orgDefaults';
import { validateRegion } from '../../core/validation/awsRegion';
import { UsageError } from './adminCreateProfiles';

/** What `admin check` and `admin sync` act on: from flags, else the org defaults file, else built-in defaults. */
export interface AdminScope {
  readonly regions: readonly string[];
  readonly identityCenterRegion: string;
  readonly accountId?: string;
  readonly permissionSetName?: string;
  readonly tagKeys: ProfileTagKeys;
}

export function adminScope(org: OrgDefaults | undefined, flags: { regions?: string; ssoRegion?: string; accountId?: string; permissionSet?: string }, usage: string): AdminScope {
  const regionList = flags.regions?.split(',').map((r) => r.trim()).filter((r) => r !== '') ?? org?.allowedRegions ?? [org?.defaultRegion ?? 'us-east-1'];
  const regions = regionList.map((text) => {
    const region = validateRegion(text);
    if (typeof region !== 'string') throw new UsageError(`${JSON.stringify(text)} is not a region code such as us-east-1.\n\n${usage}`);
    return region;
  });
  const sso = validateRegion(flags.ssoRegion ?? org?.ssoRegion ?? 'us-east-1');
  if (typeof sso !== 'string') throw new UsageError(`--sso-region must be a region code such as us-east-1.\n\n${usage}`);
  const accountId = flags.accountId ?? org?.accountId;
  const permissionSetName = flags.permissionSet ?? org?.roleName;
  return {
    regions,
    identityCenterRegion: sso,
    ...(accountId ? { accountId } : {}),
    ...(permissionSetName ? { permissionSetName } : {}),
    tagKeys: { developer: org?.developerTagKey ?? DEFAULT_PROFILE_TAG_KEYS.developer, team: org?.teamTagKey ?? DEFAULT_PROFILE_TAG_KEYS.team },
  };
}
