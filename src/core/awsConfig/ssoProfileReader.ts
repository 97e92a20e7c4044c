import type { CoreEnvironment } from '../runtime/coreEnvironment';
import { readAwsConfigText } from './awsConfigFile';
import { resolveAwsConfigPath } from './awsConfigPath';
import { cliConfigView, type CliConfigView } from './cliConfigView';
import { parseIni, type IniDiagnostic } from './iniDocument';
import { findInconsistencies, type SessionInconsistency } from './ssoProfilePlan';

/** A profile's SSO settings as the AWS CLI resolves them (session keys filled in). */
export interface SsoProfileSettings {
  readonly profileName: string;
  /** `sso_session`; undefined for a legacy profile that carries the start URL itself. */
  readonly sessionName?: string;
  readonly startUrl?: string;
  readonly ssoRegion?: string;
  readonly registrationScopes?: string;
  readonly accountId?: string;
  readonly roleName?: string;
  readonly region?: string;
  readonly output?: string;
  /** Every key of the profile, including ones this extension does not know. */
  readonly values: ReadonlyMap<string, string>;
}

export type SsoProfileProblem =
  | { readonly code: 'session-missing'; readonly sessionName: string }
  | { readonly code: 'inconsistent-with-session'; readonly inconsistencies: readonly SessionInconsistency[] }
  | { readonly code: 'incomplete'; readonly missingKeys: readonly string[] };

export interface SsoProfileReadResult {
  readonly configPath: string;
  readonly fileExists: boolean;
  /** Undefined when the file has no such profile. */
  readonly profile: SsoProfileSettings | undefined;
  /** Problems with this profile that make the AWS CLI refuse it. */
  readonly problems: readonly SsoProfileProblem[];
  /** Problems with the file as a whole (fatalForCli: the CLI cannot read any profile). */
  readonly fileDiagnostics: readonly IniDiagnostic[];
}

/** What botocore's SSO provider requires once the session is resolved. */
const REQUIRED = ['sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name'];

async function loadView(env: CoreEnvironment): Promise<{ configPath: string; text: string | undefined; view: CliConfigView }> {
  const configPath = resolveAwsConfigPath(env);
  const text = await readAwsConfigText(configPath);
  return { configPath, text, view: cliConfigView(parseIni(text ?? '')) };
}

/**
 * Reads one profile the way the AWS CLI would: its own keys, the keys of the
 * sso-session it names, and the problems that make the CLI refuse it. For the setup
 * check and for pre-filling the sign-in form.
 */
export async function readSsoProfile(env: CoreEnvironment, profileName: string): Promise<SsoProfileReadResult> {
  const { configPath, text, view } = await loadView(env);
  const own = view.profiles.get(profileName);
  const base = { configPath, fileExists: text !== undefined, fileDiagnostics: view.diagnostics };
  if (!own) return { ...base, profile: undefined, problems: [] };

  const problems: SsoProfileProblem[] = [];
  const sessionName = own.get('sso_session');
  const session = sessionName === undefined ? undefined : view.ssoSessions.get(sessionName);
  if (sessionName !== undefined && !session) problems.push({ code: 'session-missing', sessionName });
  const inconsistencies = findInconsistencies(own, session);
  if (inconsistencies.length > 0) problems.push({ code: 'inconsistent-with-session', inconsistencies });

  const resolved = new Map([...(session ?? []), ...own]);
  const missingKeys = REQUIRED.filter((key) => !resolved.has(key));
  if (missingKeys.length > 0) problems.push({ code: 'incomplete', missingKeys });

  const get = (key: string) => resolved.get(key);
  const settings: SsoProfileSettings = {
    profileName,
    ...optional('sessionName', sessionName),
    ...optional('startUrl', get('sso_start_url')),
    ...optional('ssoRegion', get('sso_region')),
    ...optional('registrationScopes', get('sso_registration_scopes')),
    ...optional('accountId', get('sso_account_id')),
    ...optional('roleName', get('sso_role_name')),
    ...optional('region', get('region')),
    ...optional('output', get('output')),
    values: own,
  };
  return { ...base, profile: settings, problems };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, string>>);
}

/**
 * Profile names in the config file, in the order `aws configure list-profiles` prints
 * them (where each name first appears). Profiles that exist only in
 * `~/.aws/credentials` are not included.
 */
export async function listProfiles(env: CoreEnvironment): Promise<string[]> {
  const { view } = await loadView(env);
  return [...view.profiles.keys()];
}

/** sso-session names in the config file, for offering an existing session. */
export async function listSsoSessions(env: CoreEnvironment): Promise<string[]> {
  const { view } = await loadView(env);
  return [...view.ssoSessions.keys()];
}
