import type { IniDiagnostic, IniDocument } from './iniDocument';
import { pythonStrip } from './pythonWhitespace';
import { cliSectionIdentity } from './sectionIdentity';

/** Profile or sso-session settings as the AWS CLI sees them: lower-case key → value. */
export type ConfigValues = ReadonlyMap<string, string>;

export interface CliConfigView {
  /** In botocore's order: where a name first appears; values from the section that wins. */
  readonly profiles: ReadonlyMap<string, ConfigValues>;
  readonly ssoSessions: ReadonlyMap<string, ConfigValues>;
  /** The document's diagnostics plus the ones only visible after parsing values. */
  readonly diagnostics: readonly IniDiagnostic[];
  /** False when the AWS CLI would refuse the file ("Unable to parse config file"). */
  readonly readableByCli: boolean;
}

/**
 * What botocore's `raw_config_parse` + `build_profile_map` make of the file: sections
 * with the same header merge (as configparser does when not strict), `[DEFAULT]` keys are
 * inherited by every section, and when two headers name the same profile the later one
 * wins. `readableByCli` says whether the real CLI gets this far at all.
 */
export function cliConfigView(doc: IniDocument): CliConfigView {
  const defaults = new Map<string, string>();
  const byHeader = new Map<string, Map<string, string>>();
  const diagnostics: IniDiagnostic[] = [...doc.diagnostics];

  for (const section of doc.sections) {
    const target = section.header === 'DEFAULT' ? defaults : (byHeader.get(section.header) ?? new Map<string, string>());
    // [DEFAULT] is listed too; its identity is neither a profile nor a session, so it is skipped below.
    byHeader.set(section.header, target);
    for (const entry of section.entries) {
      target.set(entry.key, entry.value);
      // botocore parses a value that starts on the next line as `key = value` pairs and
      // fails the whole file when one of those lines has no `=`. It splits with Python's
      // `splitlines()` and `strip()`, whose line breaks and blanks are not JavaScript's
      // (no \r here: parseIni ends a line there, so a value never holds one).
      // eslint-disable-next-line no-control-regex -- the file, group and record separators are line breaks for Python
      if (entry.value.startsWith('\n') && entry.value.split(/[\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]/).some((line) => pythonStrip(line) !== '' && !line.includes('='))) {
        diagnostics.push({ code: 'invalid-nested-value', line: entry.line, fatalForCli: true, detail: `the indented lines under "${entry.key}" are not all "key = value"` });
      }
    }
  }

  const profiles = new Map<string, ConfigValues>();
  const ssoSessions = new Map<string, ConfigValues>();
  for (const [header, own] of byHeader) {
    const identity = cliSectionIdentity(header);
    const values = new Map([...defaults, ...own]);
    if (identity.kind === 'profile') profiles.set(identity.name, values);
    else if (identity.kind === 'sso-session') ssoSessions.set(identity.name, values);
  }
  return { profiles, ssoSessions, diagnostics, readableByCli: !diagnostics.some((d) => d.fatalForCli) };
}
