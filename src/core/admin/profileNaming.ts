import { createHash } from 'node:crypto';
import type { ProfileTier } from '../orgDefaults/orgDefaults';

/** Bedrock's rule for `inferenceProfileName`. */
export const PROFILE_NAME_PATTERN = /^([0-9a-zA-Z][ _-]?)+$/;
export const MAX_PROFILE_NAME_LENGTH = 64;

/** The organisation's default naming convention (org setting `profileNamePattern`). */
export const DEFAULT_PROFILE_NAME_TEMPLATE = 'claude-code-{tier}-{developerId}';

/**
 * What an org `profileNamePattern` may be: both placeholders, otherwise characters a profile
 * name may hold. Kept identical to the pattern in `org-defaults.schema.json`.
 */
export const PROFILE_NAME_TEMPLATE_PATTERN = /^(?=.*\{tier\})(?=.*\{developerId\})(?:[0-9A-Za-z _-]|\{tier\}|\{developerId\}){1,64}$/u;

/**
 * The name of a developer's profile for a tier: `claude-code-<tier>-<developerId>` unless the
 * organisation set another `profileNamePattern`.
 *
 * Deterministic, because the name is how a second run (and developer discovery, which
 * examines only the listed profiles whose names are theirs) recognises what the batch made.
 * Developer ids are tag values and may hold characters names may not (`.`, `@`, `:`…); those
 * become `-`. Since `jane.doe` and `jane-doe` would then collide, any name that had to be
 * changed or shortened ends in six hex digits of a hash of the untouched id, which keeps it
 * unique and still readable.
 */
export function applicationProfileName(tier: ProfileTier, developerId: string, template: string = DEFAULT_PROFILE_NAME_TEMPLATE): string {
  const wanted = template.replaceAll('{tier}', tier).replaceAll('{developerId}', developerId);
  const cleaned = wanted.replace(/[^0-9A-Za-z _-]/g, '-').replace(/([ _-])[ _-]+/g, '$1').replace(/[ _-]+$/, '');
  if (cleaned === wanted && wanted.length <= MAX_PROFILE_NAME_LENGTH) return wanted;
  const suffix = createHash('sha256').update(developerId, 'utf8').digest('hex').slice(0, 6);
  const room = MAX_PROFILE_NAME_LENGTH - suffix.length - 1;
  const head = cleaned.slice(0, room).replace(/[ _-]+$/, '');
  return `${head}-${suffix}`;
}
