import type { ProfileMapping } from '../orgDefaults/orgDefaults';
import type { TagEvidence } from './inferenceProfileCandidate';

/**
 * The names the signed-in identity may appear under in a profile's developer tag.
 *
 * Principal tags cannot be read by the principal, so the identity is inferred from the
 * caller ARN: an Identity Center session `…:assumed-role/AWSReservedSSO_<set>_<hex>/<user>`
 * carries the user name after the last `/`; when that is an e-mail address, admins often
 * tag with its local part, so both are offered. Lower-cased: tags are compared
 * case-insensitively.
 */
export function identityNames(callerArn: string): string[] {
  const resource = callerArn.split(':').slice(5).join(':');
  const slash = resource.lastIndexOf('/');
  if (slash < 0) return [];
  const name = resource.slice(slash + 1).trim().toLowerCase();
  if (name === '') return [];
  const at = name.indexOf('@');
  return at > 0 ? [name, name.slice(0, at)] : [name];
}

export interface TagMatchInput {
  /** Tag keys to compare, the per-developer key first (default `DeveloperId`, `Team`). */
  readonly tagKeys: readonly string[];
  readonly identityNames: readonly string[];
  /** Values the user or admin configured per tag key, e.g. `{ DeveloperId: 'a.smith' }`. */
  readonly configuredValues: Readonly<Record<string, string>>;
}

/**
 * Compares a profile's tags with the identity. The profile counts as the developer's own when
 * its per-developer tag equals one of the identity's names or the configured value, and every
 * other key that has a configured value agrees with it (keys without one are not a criterion:
 * the team cannot be read from the identity).
 */
export function matchTags(tags: Readonly<Record<string, string>> | undefined, input: TagMatchInput): { owns: boolean; evidence: TagEvidence[] } {
  const evidence: TagEvidence[] = [];
  let owns = input.tagKeys.length > 0 && tags !== undefined;
  input.tagKeys.forEach((key, index) => {
    const value = tagValue(tags, key);
    const configured = configuredValue(input.configuredValues, key);
    const fromIdentity = index === 0 ? input.identityNames.map((n) => n.toLowerCase()) : [];
    const expected = [...new Set([...fromIdentity, ...(configured !== undefined ? [configured] : [])])];
    const lowered = value?.toLowerCase();
    const matched = lowered === undefined ? 'none' : fromIdentity.includes(lowered) ? 'identity' : lowered === configured ? 'configured' : 'none';
    evidence.push({ key, value, expected, matched });
    const isCriterion = index === 0 || configured !== undefined;
    if (isCriterion && matched === 'none') owns = false;
  });
  return { owns, evidence };
}

/** Tag keys are case-sensitive in AWS, but admins are not consistent; an exact key wins. */
function tagValue(tags: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  if (tags === undefined) return undefined;
  if (Object.hasOwn(tags, key)) return tags[key];
  const found = Object.keys(tags).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : tags[found];
}

function configuredValue(values: Readonly<Record<string, string>>, key: string): string | undefined {
  const found = Object.keys(values).find((k) => k.toLowerCase() === key.toLowerCase());
  const value = found === undefined ? undefined : values[found]?.trim().toLowerCase();
  return value === '' ? undefined : value;
}

/** The ARNs of the org mapping's entry for this developer (keys compared case-insensitively), if any. */
export function mappingEntry(mapping: ProfileMapping | undefined, names: readonly string[]): string[] | undefined {
  if (mapping === undefined) return undefined;
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const [developer, byTier] of Object.entries(mapping)) {
    if (wanted.has(developer.toLowerCase())) return Object.values(byTier).filter((arn): arn is string => typeof arn === 'string');
  }
  return undefined;
}
