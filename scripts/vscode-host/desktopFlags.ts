import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a desktop `code` command line asks for, as far as running extension tests goes. */
export interface DesktopLaunch {
  readonly extensionDevelopmentPaths: readonly string[];
  readonly extensionTestsPath: string | undefined;
  readonly userDataDir: string | undefined;
  readonly extensionsDir: string | undefined;
  /** Folders (or files) given as plain arguments; the first one is opened. */
  readonly paths: readonly string[];
  /** Desktop-only switches (--no-sandbox, --disable-updates, …) that have no meaning here. */
  readonly ignored: readonly string[];
}

const VALUE_FLAGS = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir', 'locale', 'log', 'folder-uri', 'file-uri', 'profile', 'inspect-extensions', 'inspect-brk-extensions']);

/** Parses the flags @vscode/test-electron passes (`--name=value`, `--name value`, bare paths). */
export function parseDesktopFlags(argv: readonly string[]): DesktopLaunch {
  const values = new Map<string, string[]>();
  const paths: string[] = [];
  const ignored: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    if (!argument.startsWith('--')) {
      paths.push(toPath(argument));
      continue;
    }
    const equals = argument.indexOf('=');
    const name = argument.slice(2, equals < 0 ? undefined : equals);
    if (!VALUE_FLAGS.has(name)) {
      ignored.push(argument);
      continue;
    }
    let value: string | undefined;
    if (equals >= 0) value = argument.slice(equals + 1);
    else value = argv[++index];
    if (value === undefined) throw new Error(`${argument} needs a value.`);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  const last = (name: string): string | undefined => values.get(name)?.at(-1);
  const testsPath = last('extensionTestsPath');
  return {
    extensionDevelopmentPaths: (values.get('extensionDevelopmentPath') ?? []).map(toPath),
    extensionTestsPath: testsPath === undefined ? undefined : toPath(testsPath),
    userDataDir: last('user-data-dir'),
    extensionsDir: last('extensions-dir'),
    paths,
    ignored,
  };
}

function toPath(value: string): string {
  return resolve(value.startsWith('file://') ? fileURLToPath(value) : value);
}
