import { PROFILE_TIERS, type ProfileTier } from '../orgDefaults/orgDefaults';
import { TAG_VALUE_PATTERN, isUsableTagKey } from '../orgDefaults/awsTags';

/** One developer who should get application inference profiles. */
export interface DeveloperRequest {
  /** The developer tag's value; must equal the developer's IAM Identity Center attribute for ABAC to match. */
  readonly developerId: string;
  readonly team: string;
  /** Undefined: the batch's default tiers. */
  readonly tiers?: readonly ProfileTier[];
  /** Further tags for the profiles (cost centre, project, ...). */
  readonly extraTags: Readonly<Record<string, string>>;
  /** Where the request came from, for messages (`line 4`, `--developer-id`). */
  readonly origin: string;
}

const TAG_VALUE_OR_EMPTY = /^[A-Za-z0-9 _.:/=+@-]{0,256}$/;
/** Bedrock allows 50 tags per resource, the developer and team tags included. */
export const MAX_EXTRA_TAGS = 48;

/** Parses `opus;sonnet` (any case, spaces allowed); problems name the offending word. */
export function parseTiers(text: string): { tiers: ProfileTier[]; problems: string[] } {
  const tiers: ProfileTier[] = [];
  const problems: string[] = [];
  for (const word of text.split(/[;|]/).map((w) => w.trim().toLowerCase())) {
    if (word === '') continue;
    const tier = PROFILE_TIERS.find((t) => t === word);
    if (!tier) problems.push(`tier ${JSON.stringify(word)} is not one of ${PROFILE_TIERS.join(', ')}`);
    else if (!tiers.includes(tier)) tiers.push(tier);
  }
  return { tiers, problems };
}

/** Parses `key=value` (the value may itself contain `=`). */
export function parseTag(text: string): { key: string; value: string } | undefined {
  const index = text.indexOf('=');
  if (index <= 0) return undefined;
  return { key: text.slice(0, index).trim(), value: text.slice(index + 1).trim() };
}

/** What is wrong with a request, each problem a clause without the origin. */
export function developerRequestProblems(request: DeveloperRequest): string[] {
  const problems: string[] = [];
  if (!TAG_VALUE_PATTERN.test(request.developerId)) {
    problems.push(`developer id ${JSON.stringify(request.developerId)} must be 1–256 letters, digits, spaces or _ . : / = + - @ (it becomes a tag value)`);
  }
  if (!TAG_VALUE_PATTERN.test(request.team)) {
    problems.push(`team ${JSON.stringify(request.team)} must be 1–256 letters, digits, spaces or _ . : / = + - @ (it becomes a tag value)`);
  }
  if (request.tiers?.length === 0) problems.push('no tiers are listed');
  const extra = Object.entries(request.extraTags);
  if (extra.length > MAX_EXTRA_TAGS) problems.push(`${extra.length} extra tags is more than the ${MAX_EXTRA_TAGS} a profile can carry`);
  for (const [key, value] of extra) {
    if (!isUsableTagKey(key)) problems.push(`tag key ${JSON.stringify(key)} must be 1–128 letters, digits, spaces or _ . : / = + - @, not starting with aws:`);
    else if (!TAG_VALUE_OR_EMPTY.test(value)) problems.push(`tag ${key} has the value ${JSON.stringify(value)}; values are up to 256 letters, digits, spaces or _ . : / = + - @`);
  }
  return problems;
}
