import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { ORG_DEFAULTS_FIELDS, ORG_SETTING_NAMES, isOrgSettingName, type OrgDefaults, type OrgSettingName } from './orgDefaults';
import { ORGANIZATION_PATTERN, checkOrgSetting, shown, type Checked } from './orgSettingRules';

/**
 * Checks a parsed org defaults document against the rules of `org-defaults.schema.json`,
 * plus the two rules a schema cannot say (the default region must be an allowed one; a
 * mapping is given inline or as a file, not both). Every problem is reported, not just
 * the first, each starting with the field's path.
 */
export function validateOrgDefaults(document: unknown): Checked<OrgDefaults> {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ok: false, problems: ['(top level): must be a JSON object such as { "ssoStartUrl": "https://d-1234567890.awsapps.com/start" }'] };
  }
  const input = document as Record<string, unknown>;
  const problems: string[] = [];
  const result: Record<string, unknown> = {};

  for (const [field, value] of Object.entries(input)) {
    if (!(ORG_DEFAULTS_FIELDS as readonly string[]).includes(field)) {
      problems.push(`${field}: is not a known field (known fields: ${ORG_DEFAULTS_FIELDS.filter((f) => f !== '$schema').join(', ')})`);
      continue;
    }
    if (field === '$schema') {
      if (typeof value === 'string') result[field] = value;
      else problems.push(`$schema: must be a string (the path or URL of the schema)`);
    } else if (field === 'organization') {
      if (typeof value === 'string' && ORGANIZATION_PATTERN.test(value)) result[field] = value;
      else problems.push(`organization: must be a short lowercase name of letters, digits and hyphens (1–32, starting with a letter), such as "acme"; got ${shown(value)}`);
    } else if (field === 'locked') {
      const locked = checkLocked(value);
      if (locked.ok) result[field] = locked.value;
      else problems.push(...locked.problems);
    } else if (isOrgSettingName(field)) {
      const checked = checkOrgSetting(field, value);
      if (checked.ok) result[field] = checked.value;
      else problems.push(...checked.problems);
    }
  }

  const allowed = result['allowedRegions'] as readonly string[] | undefined;
  const defaultRegion = result['defaultRegion'] as string | undefined;
  if (allowed && defaultRegion !== undefined && !allowed.includes(defaultRegion)) {
    problems.push(`defaultRegion: must be one of allowedRegions (${allowed.join(', ')}); got ${shown(defaultRegion)}`);
  }
  if ('profileMapping' in input && 'profileMappingFile' in input) {
    problems.push('profileMappingFile: must not be set together with profileMapping; give the mapping inline or as a file, not both');
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: result };
}

function checkLocked(value: unknown): Checked<readonly OrgSettingName[]> {
  if (!Array.isArray(value)) return { ok: false, problems: [`locked: must be a list of setting names such as ["ssoStartUrl", "accountId"], not ${shown(value)}`] };
  const problems: string[] = [];
  const names: OrgSettingName[] = [];
  value.forEach((name: unknown, index) => {
    if (typeof name !== 'string' || !isOrgSettingName(name)) {
      problems.push(`locked[${index}]: must be the name of a setting (${ORG_SETTING_NAMES.join(', ')}); got ${shown(name)}`);
    } else if (names.includes(name)) {
      problems.push(`locked[${index}]: must not repeat ${shown(name)}`);
    } else {
      names.push(name);
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: names };
}

/**
 * Parses and validates the text of an org defaults file. Strict JSON (no comments or
 * trailing commas: VS Code's settings are JSONC, but this file is read by tools too);
 * a syntax error names its line and column.
 */
export function parseOrgDefaults(text: string): Checked<OrgDefaults> {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, problems: ['(file): is empty; an org defaults file is a JSON object, at least {}'] };
  const errors: ParseError[] = [];
  const document: unknown = parse(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const { line, column } = lineAndColumn(body, first.offset);
    return { ok: false, problems: [`(file): is not valid JSON: ${printParseErrorCode(first.error)} at line ${line}, column ${column}`] };
  }
  return validateOrgDefaults(document);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
