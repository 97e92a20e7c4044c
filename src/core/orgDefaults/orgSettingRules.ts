import { validateAccountId } from '../validation/accountId';
import { validateRegion } from '../validation/awsRegion';
import { validateProfileName, validateRoleName, validateSsoSessionName } from '../validation/configNames';
import { validateApplicationInferenceProfileArn } from '../validation/inferenceProfileIds';
import { isInvalid, type Validated } from '../validation/invalidValue';
import { validateStartUrl } from '../validation/startUrl';
import { PROFILE_NAME_TEMPLATE_PATTERN } from '../admin/profileNaming';
import { TAG_KEY_PATTERN, TAG_VALUE_PATTERN } from './awsTags';
import { COST_SOURCES, PROFILE_TIERS, type OrgSettingName, type OrgSettings } from './orgDefaults';

/**
 * One checked value: the normalised value, or the problems found, each naming the field
 * by its JSON path (`allowedRegions[1]: must be …`) so an admin can find it in the file.
 *
 * These rules mirror `org-defaults.schema.json` by hand (no schema library ships in the
 * extension); test/unit/orgDefaults checks that the two agree.
 */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly string[] };

type Rule<T> = (value: unknown, path: string) => Checked<T>;

export const ORGANIZATION_PATTERN = /^[a-z](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
/** A scheme (`https:`, `file:`) or a network share (`\\server`, `//server`): not a local path. */
const NOT_LOCAL_PATH = /^(?:[A-Za-z][A-Za-z0-9+.-]+:|\\\\|\/\/)/;
const PRICE_RATE_FIELDS = ['input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead'] as const;
const MAX_BUDGET = 1_000_000_000;

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(path: string, reason: string): Checked<T> => ({ ok: false, problems: [`${path}: ${reason}`] });

/** How a rejected value is echoed: short, and with control characters visible. */
export function shown(value: unknown): string {
  // JSON.stringify gives undefined for undefined (its type says otherwise).
  const text = (JSON.stringify(value) as string | undefined) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A rule from one of the shared validators (src/core/validation), so the org file accepts
 * exactly what the extension accepts when a developer types the value. A file is not a
 * paste box, though: a value the validator would have to clean up (spaces, case, the
 * console's 1234-5678-9012 grouping) is refused, so the file says what is used.
 */
function validatedString<V>(validate: (input: string) => Validated<V>, normalised: (valid: V) => string, expected: string): Rule<string> {
  return (value, path) => {
    if (typeof value !== 'string') return fail(path, `must be a string (${expected}), not ${typeName(value)}`);
    const result = validate(value);
    return !isInvalid(result) && normalised(result) === value ? ok(value) : fail(path, `must be ${expected}; got ${shown(value)}`);
  };
}

const asIs = (valid: string): string => valid;

function patternString(pattern: RegExp, expected: string): Rule<string> {
  return (value, path) => {
    if (typeof value !== 'string') return fail(path, `must be a string (${expected}), not ${typeName(value)}`);
    return pattern.test(value) ? ok(value) : fail(path, `must be ${expected}; got ${shown(value)}`);
  };
}

const region = validatedString(validateRegion, asIs, 'an AWS region code such as us-east-1');

const startUrl: Rule<string> = (value, path) => {
  const expected = 'must be an https URL on an AWS access portal host, such as https://d-1234567890.awsapps.com/start';
  if (typeof value !== 'string') return fail(path, `${expected}, not ${typeName(value)}`);
  // A file is not a paste box: surrounding spaces or the browser's `#/` are mistakes here.
  const result = value.trim() !== value || value.includes('#') ? undefined : validateStartUrl(value);
  if (result === undefined || isInvalid(result)) return fail(path, `${expected}; got ${shown(value)}`);
  return ok(result);
};

const allowedRegions: Rule<readonly string[]> = (value, path) => {
  if (!Array.isArray(value)) return fail(path, `must be a list of AWS region codes such as ["us-east-1", "us-west-2"], not ${typeName(value)}`);
  if (value.length === 0) return fail(path, 'must list at least one region (leave the field out to allow every region)');
  const problems: string[] = [];
  const seen = new Set<string>();
  value.forEach((item: unknown, index) => {
    const checked = region(item, `${path}[${index}]`);
    if (!checked.ok) problems.push(...checked.problems);
    else if (seen.has(checked.value)) problems.push(`${path}[${index}]: must not repeat ${shown(checked.value)}`);
    else seen.add(checked.value);
  });
  return problems.length > 0 ? { ok: false, problems } : ok([...seen]);
};

const tagKey: Rule<string> = (value, path) => {
  const checked = patternString(TAG_KEY_PATTERN, 'an AWS tag key of 1–128 letters, digits, spaces or _ . : / = + - @')(value, path);
  if (checked.ok && /^aws:/i.test(checked.value)) return fail(path, `must not start with "aws:" (that prefix is reserved by AWS); got ${shown(value)}`);
  return checked;
};

const profileArn = validatedString(
  validateApplicationInferenceProfileArn,
  (valid: { readonly arn: string }) => valid.arn,
  'an application inference profile ARN such as arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1b2c3d4e5f6',
);

/** Shared with the mapping file reader and the `create-profiles` output, which must satisfy it. */
export const profileMappingRule: Rule<OrgSettings['profileMapping']> = (value, path) => {
  if (!isPlainObject(value)) return fail(path, `must be an object of developer id → { ${PROFILE_TIERS.map((tier) => JSON.stringify(tier)).join(' | ')}: profile ARN }, not ${typeName(value)}`);
  const problems: string[] = [];
  const mapping: Record<string, Partial<Record<string, string>>> = {};
  for (const [developer, tiers] of Object.entries(value)) {
    const where = `${path}.${developer}`;
    if (!TAG_VALUE_PATTERN.test(developer)) {
      problems.push(`${path}: developer id ${shown(developer)} must be an AWS tag value of 1–256 letters, digits, spaces or _ . : / = + - @`);
      continue;
    }
    if (!isPlainObject(tiers)) {
      problems.push(`${where}: must be an object of tier (${PROFILE_TIERS.map((tier) => JSON.stringify(tier)).join(', ')}) → profile ARN, not ${typeName(tiers)}`);
      continue;
    }
    const entry: Partial<Record<string, string>> = {};
    for (const [tier, arn] of Object.entries(tiers)) {
      if (!(PROFILE_TIERS as readonly string[]).includes(tier)) {
        problems.push(`${where}: tier ${shown(tier)} must be one of ${PROFILE_TIERS.join(', ')}`);
        continue;
      }
      const checked = profileArn(arn, `${where}.${tier}`);
      if (checked.ok) entry[tier] = checked.value;
      else problems.push(...checked.problems);
    }
    mapping[developer] = entry;
  }
  return problems.length > 0 ? { ok: false, problems } : ok(mapping);
};

const localPath: Rule<string> = (value, path) => {
  if (typeof value !== 'string' || value.trim() === '') return fail(path, `must be a local file path, not ${typeof value === 'string' ? 'empty' : typeName(value)}`);
  if (value.includes('\0')) return fail(path, 'must not contain a NUL character');
  if (NOT_LOCAL_PATH.test(value)) return fail(path, `must be a local file path, not a URL or network share; got ${shown(value)}`);
  return ok(value);
};

function boundedNumber(min: number, max: number, unit: string, options: { exclusiveMin?: boolean } = {}): Rule<number> {
  const range = options.exclusiveMin ? `more than ${min} and at most ${max}` : `from ${min} to ${max}`;
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail(path, `must be a number of ${unit} (${range}), not ${typeName(value)}`);
    const tooLow = options.exclusiveMin ? value <= min : value < min;
    return tooLow || value > max ? fail(path, `must be ${range} ${unit}; got ${shown(value)}`) : ok(value);
  };
}

const costSource: Rule<OrgSettings['costSource']> = (value, path) => {
  const found = COST_SOURCES.find((source) => source === value);
  return found ? ok(found) : fail(path, `must be one of ${COST_SOURCES.map((s) => `"${s}"`).join(', ')}; got ${shown(value)}`);
};

const boolean: Rule<boolean> = (value, path) => (typeof value === 'boolean' ? ok(value) : fail(path, `must be true or false, not ${typeName(value)}`));

function rates(value: Record<string, unknown>, path: string, allowed: readonly string[]): string[] {
  const problems: string[] = [];
  for (const [field, rate] of Object.entries(value)) {
    if (!allowed.includes(field)) problems.push(`${path}.${field}: is not a price field (use ${allowed.join(', ')})`);
    else if (field !== 'longContext' && (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0)) {
      problems.push(`${path}.${field}: must be a number of 0 or more (USD per million tokens${field === 'geoPremium' ? ', or a fraction for geoPremium' : ''}); got ${shown(rate)}`);
    }
  }
  return problems;
}

const priceOverrides: Rule<OrgSettings['priceOverrides']> = (value, path) => {
  if (!isPlainObject(value)) return fail(path, `must be an object of model name → prices, not ${typeName(value)}`);
  const problems: string[] = [];
  for (const [model, price] of Object.entries(value)) {
    const where = `${path}.${model}`;
    if (model.trim() === '') {
      problems.push(`${path}: model names must not be empty`);
      continue;
    }
    if (!isPlainObject(price)) {
      problems.push(`${where}: must be an object of prices such as { "input": 3, "output": 15 }, not ${typeName(price)}`);
      continue;
    }
    problems.push(...rates(price, where, [...PRICE_RATE_FIELDS, 'geoPremium', 'longContext']));
    const longContext = price['longContext'];
    if (longContext !== undefined) {
      if (isPlainObject(longContext)) problems.push(...rates(longContext, `${where}.longContext`, PRICE_RATE_FIELDS));
      else problems.push(`${where}.longContext: must be an object of prices, not ${typeName(longContext)}`);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : ok(value as OrgSettings['priceOverrides']);
};

/** One rule per setting; the key set is exactly `OrgSettingName`. */
export const ORG_SETTING_RULES: { readonly [K in OrgSettingName]: Rule<OrgSettings[K]> } = {
  ssoStartUrl: startUrl,
  ssoRegion: region,
  ssoSessionName: validatedString(validateSsoSessionName, asIs, 'a name of 1–128 letters, digits or _ - @ + . % : / (no spaces)'),
  profileName: validatedString(validateProfileName, asIs, 'a name of 1–128 letters, digits or _ - @ + . % : / (no spaces)'),
  accountId: validatedString(validateAccountId, asIs, 'a 12-digit AWS account id in quotes, such as "111122223333"'),
  roleName: validatedString(validateRoleName, asIs, 'a permission set name of 1–64 letters, digits or _ + = , . @ -'),
  allowedRegions,
  defaultRegion: region,
  developerTagKey: tagKey,
  teamTagKey: tagKey,
  profileMapping: profileMappingRule,
  profileMappingFile: localPath,
  profileNamePattern: (value, path) =>
    typeof value === 'string' && PROFILE_NAME_TEMPLATE_PATTERN.test(value)
      ? ok(value)
      : fail(path, `must be a profile name of at most 64 letters, digits, spaces, _ or - that holds both {tier} and {developerId}, such as "claude-code-{tier}-{developerId}"; got ${shown(value)}`),
  monthlyBudget: boundedNumber(0, MAX_BUDGET, 'US dollars', { exclusiveMin: true }),
  costSource,
  costRefreshHours: boundedNumber(1, 168, 'hours'),
  priceOverrides,
  probeAllowed: boolean,
  minimumClaudeCodeVersion: patternString(/^\d{1,4}\.\d{1,4}\.\d{1,6}$/, 'a Claude Code version such as "2.1.208"'),
};

/** Checks one setting's value wherever it came from (org file, user settings). */
export function checkOrgSetting<K extends OrgSettingName>(name: K, value: unknown, path: string = name): Checked<OrgSettings[K]> {
  const rule = ORG_SETTING_RULES[name] as Rule<OrgSettings[K]>;
  return rule(value, path);
}
