import { validateStartUrl } from '../validation/startUrl';
import { cliConfigView, type ConfigValues } from './cliConfigView';
import { parseIni, type IniDiagnosticCode } from './iniDocument';
import { findTargetSection, writeSectionValues, type KeyWrite, type SectionEdit, type SectionTarget } from './iniEdit';
import { normaliseSsoProfileRequest, type NormalisedSsoProfileRequest, type SsoProfileRequest } from './ssoProfileRequest';

export type SectionChange = Omit<SectionEdit, 'text'> & SectionTarget;

/** An existing setting the write would overwrite; the user must agree first. */
export interface ConfigConflict {
  readonly kind: 'profile-points-elsewhere' | 'session-points-elsewhere';
  /** The header of the section, e.g. `profile dev` or `sso-session corp`. */
  readonly section: string;
  readonly key: string;
  readonly existing: string;
  readonly requested: string;
}

/**
 * A key set in both the profile and its sso-session with different values: the AWS CLI
 * refuses such a profile ("The value for KEY is inconsistent between profile and
 * sso-session"). Only reported when the write cannot fix it without deleting the
 * user's own settings.
 */
export interface SessionInconsistency {
  readonly key: string;
  readonly profileValue: string;
  readonly sessionValue: string;
}

export type ConfigWarningCode = IniDiagnosticCode | 'ambiguous-section' | 'profile-has-other-credentials';

export interface ConfigWarning {
  readonly code: ConfigWarningCode;
  /** Zero-based line in the new text, where there is one. */
  readonly line?: number;
  /** Whether the AWS CLI refuses the whole file because of it. */
  readonly fatalForCli: boolean;
  readonly detail: string;
}

export interface SsoProfilePlan {
  readonly request: NormalisedSsoProfileRequest;
  /** The complete new file content. */
  readonly text: string;
  readonly changed: boolean;
  readonly profile: SectionChange;
  readonly session: SectionChange;
  readonly conflicts: readonly ConfigConflict[];
  readonly inconsistencies: readonly SessionInconsistency[];
  readonly warnings: readonly ConfigWarning[];
}

/** Keys that make the CLI and SDKs use something other than SSO for a profile (a function, not a module constant, so that mutation testing sees the tests that pin each key). */
function otherCredentialKeys(): readonly string[] {
  return ['role_arn', 'source_profile', 'credential_source', 'credential_process', 'web_identity_token_file', 'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'];
}

/** Session keys that legacy (pre-sso-session) profiles also carry. */
const LEGACY_SESSION_KEYS = ['sso_start_url', 'sso_region', 'sso_registration_scopes'] as const;
type SessionKey = (typeof LEGACY_SESSION_KEYS)[number];

/** `requested` is the normalised URL of the request, so an invalid `existing` never matches it. */
function sameStartUrl(existing: string, requested: string): boolean {
  return validateStartUrl(existing) === requested;
}

function sameScopes(a: string, b: string): boolean {
  const split = (value: string) =>
    value
      .split(',')
      .map((scope) => scope.trim())
      .filter((scope) => scope !== '')
      .join(',');
  return split(a) === split(b);
}

function comparerFor(key: string): ((a: string, b: string) => boolean) | undefined {
  if (key === 'sso_start_url') return sameStartUrl;
  if (key === 'sso_registration_scopes') return sameScopes;
  return undefined;
}

function keyWrite(key: string, value: string): KeyWrite {
  const compare = comparerFor(key);
  return compare ? { key, value, sameAs: (existing) => compare(existing, value) } : { key, value };
}

function differs(key: string, existing: string | undefined, requested: string): existing is string {
  if (existing === undefined) return false;
  const compare = comparerFor(key) ?? ((a: string, b: string) => a === b);
  return !compare(existing, requested);
}

/**
 * Works out the new `~/.aws/config` for an IAM Identity Center profile, exactly as
 * `aws configure sso` would write it (`[profile NAME]` with sso_session, sso_account_id,
 * sso_role_name, region[, output], then `[sso-session NAME]` with sso_start_url,
 * sso_region, sso_registration_scopes), changing no other byte. Pure: the caller reads
 * and writes the file. Throws a UserFacingError for an invalid request field.
 */
export function planSsoProfileWrite(existingText: string, request: SsoProfileRequest): SsoProfilePlan {
  const wanted = normaliseSsoProfileRequest(request);
  const before = cliConfigView(parseIni(existingText));
  const existingProfile = before.profiles.get(wanted.profileName);
  const existingSession = before.ssoSessions.get(wanted.sessionName);

  const profileTarget: SectionTarget = { kind: 'profile', name: wanted.profileName };
  const sessionTarget: SectionTarget = { kind: 'sso-session', name: wanted.sessionName };
  const sessionValues: Record<SessionKey, string> = {
    sso_start_url: wanted.startUrl,
    sso_region: wanted.ssoRegion,
    sso_registration_scopes: wanted.registrationScopes,
  };
  const sessionWrites = LEGACY_SESSION_KEYS.map((key) => keyWrite(key, sessionValues[key]));
  // `exact` holds values a mirrored key must be written as byte for byte: botocore compares
  // the raw strings, so an equivalent spelling of the start URL would still be inconsistent.
  const edit = (mirrored: ReadonlySet<string>, exact: ReadonlyMap<string, string> = new Map()) => {
    const profileWrites: KeyWrite[] = [
      keyWrite('sso_session', wanted.sessionName),
      keyWrite('sso_account_id', wanted.accountId),
      keyWrite('sso_role_name', wanted.roleName),
      keyWrite('region', wanted.region),
      ...(wanted.output !== undefined ? [keyWrite('output', wanted.output)] : []),
      ...LEGACY_SESSION_KEYS.filter((key) => mirrored.has(key)).map((key) => {
        const value = exact.get(key);
        // Stryker disable next-line ConditionalExpression: any other first value disagrees with the session, and the second edit below writes the session's exact value.
        return value === undefined ? keyWrite(key, sessionValues[key]) : { key, value };
      }),
    ];
    const profileEdit = writeSectionValues(existingText, profileTarget, profileWrites);
    const sessionEdit = writeSectionValues(profileEdit.text, sessionTarget, sessionWrites);
    const after = cliConfigView(parseIni(sessionEdit.text));
    const inconsistencies = findInconsistencies(after.profiles.get(wanted.profileName), after.ssoSessions.get(wanted.sessionName));
    return { profileEdit, sessionEdit, after, inconsistencies };
  };

  // A legacy profile that still carries session keys (or inherits them from [DEFAULT])
  // would disagree with the session, which makes the CLI refuse it; such keys are set in
  // the profile too, to the session's values. Other disagreements are the user's to fix.
  // Only keys written in the section the CLI reads for the profile, not inherited ones.
  const ownSection = findTargetSection(parseIni(existingText), profileTarget);
  const ownLegacy = new Set(LEGACY_SESSION_KEYS.filter((key) => ownSection?.entries.some((entry) => entry.key === key) === true));
  let attempt = edit(ownLegacy);
  // Only session keys can be fixed this way: `edit` mirrors no other key.
  const fixable = new Map(attempt.inconsistencies.map((item) => [item.key, item.sessionValue]));
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with nothing to fix the second edit repeats the first exactly (the edit is pure).
  if (fixable.size > 0) attempt = edit(new Set([...ownLegacy, ...fixable.keys()]), fixable);
  const { profileEdit, sessionEdit, after, inconsistencies } = attempt;
  const text = sessionEdit.text;

  const conflicts = [
    ...profileConflicts(existingProfile, wanted, profileEdit.header),
    ...sessionConflicts(existingSession, wanted, sessionEdit.header),
  ];

  const warnings: ConfigWarning[] = after.diagnostics.map((diagnostic) => ({
    code: diagnostic.code,
    line: diagnostic.line,
    fatalForCli: diagnostic.fatalForCli,
    detail: diagnostic.detail,
  }));
  for (const edit of [profileEdit, sessionEdit]) {
    if (edit.ambiguousHeader !== undefined) {
      warnings.push({
        code: 'ambiguous-section',
        fatalForCli: false,
        detail: `the AWS CLI and the AWS SDKs may read [${edit.ambiguousHeader}] differently (another header names the same section, or an indented header splits it)`,
      });
    }
  }
  const otherCredentials = otherCredentialKeys().filter((key) => after.profiles.get(wanted.profileName)?.has(key) === true);
  if (otherCredentials.length > 0) {
    warnings.push({
      code: 'profile-has-other-credentials',
      fatalForCli: false,
      detail: `the profile also sets ${otherCredentials.join(', ')}, which the AWS CLI and SDKs use instead of SSO`,
    });
  }

  return {
    request: wanted,
    text,
    changed: text !== existingText,
    profile: { ...withoutText(profileEdit), ...profileTarget },
    session: { ...withoutText(sessionEdit), ...sessionTarget },
    conflicts,
    inconsistencies,
    warnings,
  };
}

function withoutText(edit: SectionEdit): Omit<SectionEdit, 'text'> {
  const { text: _text, ...rest } = edit;
  return rest;
}

function profileConflicts(existing: ConfigValues | undefined, wanted: NormalisedSsoProfileRequest, section: string): ConfigConflict[] {
  if (!existing) return [];
  const requested: [string, string][] = [
    ['sso_session', wanted.sessionName],
    ['sso_account_id', wanted.accountId],
    ['sso_role_name', wanted.roleName],
    ['sso_start_url', wanted.startUrl],
    ['sso_region', wanted.ssoRegion],
  ];
  return requested.flatMap(([key, value]) => {
    const current = existing.get(key);
    return differs(key, current, value) ? [{ kind: 'profile-points-elsewhere', section, key, existing: current, requested: value }] : [];
  });
}

function sessionConflicts(existing: ConfigValues | undefined, wanted: NormalisedSsoProfileRequest, section: string): ConfigConflict[] {
  if (!existing) return [];
  const requested: [string, string][] = [
    ['sso_start_url', wanted.startUrl],
    ['sso_region', wanted.ssoRegion],
  ];
  return requested.flatMap(([key, value]) => {
    const current = existing.get(key);
    return differs(key, current, value) ? [{ kind: 'session-points-elsewhere', section, key, existing: current, requested: value }] : [];
  });
}

/** botocore's `_resolve_sso_session_reference` check, applied to the planned file. */
export function findInconsistencies(profile: ConfigValues | undefined, session: ConfigValues | undefined): SessionInconsistency[] {
  if (!profile || !session) return [];
  const found: SessionInconsistency[] = [];
  for (const [key, sessionValue] of session) {
    const profileValue = profile.get(key);
    if (profileValue !== undefined && profileValue !== sessionValue) found.push({ key, profileValue, sessionValue });
  }
  return found;
}
