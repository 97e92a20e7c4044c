import { invalidValue, type Validated } from './invalidValue';

/**
 * Characters a profile or sso-session name may use. This is the set the AWS SDK for
 * JavaScript (and so Claude Code) accepts in `[profile NAME]` headers; the AWS CLI
 * accepts more (it shell-quotes names with spaces), but a profile only the CLI can see
 * would leave Claude Code without credentials. `]`, `=`, `#`, `;`, quotes and
 * whitespace are all outside it, so a name can never break the config file.
 */
const SECTION_NAME = /^[A-Za-z0-9_\-@+.%:/]{1,128}$/;

/** Names the SDK refuses outright. */
const RESERVED = new Set(['__proto__']);

/** IAM role names: letters, digits and `+=,.@_-`, at most 64 characters. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

const OUTPUT_FORMATS = ['json', 'yaml', 'yaml-stream', 'text', 'table'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** One OAuth scope such as `sso:account:access`. */
const SCOPE = /^[A-Za-z0-9_.:/*-]+$/;

function validateSectionName(input: string, field: string, code: string, example: string): Validated<string> {
  const value = input.trim();
  if (SECTION_NAME.test(value) && !RESERVED.has(value)) return value;
  return invalidValue(
    field,
    value,
    `Use 1 to 128 letters, digits and the characters _ - @ + . % : / (no spaces), such as ${example}.`,
    code,
  );
}

export function validateProfileName(input: string): Validated<string> {
  return validateSectionName(input, 'AWS profile name', 'validation.profile-name', 'claude-bedrock');
}

export function validateSsoSessionName(input: string): Validated<string> {
  return validateSectionName(input, 'SSO session name', 'validation.sso-session-name', 'my-company');
}

export function validateRoleName(input: string): Validated<string> {
  const value = input.trim();
  if (ROLE_NAME.test(value)) return value;
  return invalidValue(
    'role (permission set) name',
    value,
    'Use the role name exactly as the AWS access portal shows it: up to 64 letters, digits and the characters + = , . @ _ -.',
    'validation.role-name',
  );
}

export function validateOutputFormat(input: string): Validated<OutputFormat> {
  const value = input.trim().toLowerCase();
  const match = OUTPUT_FORMATS.find((format) => format === value);
  if (match !== undefined) return match;
  return invalidValue('AWS CLI output format', input.trim(), `Use one of ${OUTPUT_FORMATS.join(', ')}.`, 'validation.output-format');
}

/**
 * Returns the comma-separated scope list with blanks around entries removed, the way
 * the AWS CLI splits `sso_registration_scopes`.
 */
export function validateRegistrationScopes(input: string): Validated<string> {
  const scopes = input
    .split(',')
    .map((scope) => scope.trim())
    .filter((scope) => scope !== '');
  if (scopes.length > 0 && scopes.every((scope) => SCOPE.test(scope))) return scopes.join(',');
  return invalidValue('SSO registration scopes', input.trim(), 'Use a comma-separated list of scopes such as sso:account:access.', 'validation.registration-scopes');
}
