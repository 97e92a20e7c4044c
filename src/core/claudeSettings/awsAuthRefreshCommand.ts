import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SsoProfileSettings } from '../awsConfig/ssoProfileReader';
import { findProgramSync } from '../runtime/programOnPath';

/**
 * The `awsAuthRefresh` command Claude Code runs when the SSO session has expired. Its output
 * is shown to the user but it gets no input, so a device-code login fits.
 *
 * The AWS CLI's own `aws sso login` when version 2 is installed: it is what the developer
 * would type, and it refreshes the same token cache. AWS CLI v1 (still what `pip install
 * awscli` and some distributions give) has no `sso login`, so it does not count. Otherwise
 * our own `login`: through the extension's stable launcher when there is one (see
 * refreshLauncher.ts: it survives updates and needs no `node`), else by absolute path when
 * we can find it, because Claude Code may run with a PATH that lacks npm's bin folder.
 */
export function awsAuthRefreshCommand(
  profile: string,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  self: OwnCli,
  sso?: SsoProfileSettings,
): string {
  const profileArg = `--profile ${quoteShellWord(profile, platform)}`;
  const aws = findProgramSync('aws', env, platform);
  if (aws && awsCliMajorVersion(aws, env) === 2) return `aws sso login ${profileArg}`;
  const login = ownLoginArguments(profile, platform, sso);
  if (self.launcher !== undefined) return `${quoteShellWord(self.launcher, platform)} ${login}`;
  const installed = findProgramSync('bedrock-onboard', env, platform);
  if (installed) return `${quoteShellWord(installed, platform)} ${login}`;
  if (self.argv1 && /cli\.[cm]?js$/.test(self.argv1) && fs.existsSync(self.argv1)) {
    return `${quoteShellWord(self.execPath, platform)} ${quoteShellWord(path.resolve(self.argv1), platform)} ${login}`;
  }
  return `bedrock-onboard ${login}`;
}

/** How this process can run our own CLI. */
export interface OwnCli {
  /** The extension's stable launcher (refreshLauncher.ts), when it is installed. */
  readonly launcher?: string;
  /** The running CLI script (`process.argv[1]`), when this process is the CLI. */
  readonly argv1?: string;
  readonly execPath: string;
}

/** `login --profile NAME [--start-url …]`, quoted for the platform's shell. */
export function ownLoginArguments(profile: string, platform: NodeJS.Platform, sso?: SsoProfileSettings): string {
  return ['login', `--profile ${quoteShellWord(profile, platform)}`, ...ownLoginFlags(sso).map((part) => quoteShellWord(part, platform))].join(' ');
}

/**
 * Our `login` runs without input only when every choice comes from flags or the
 * organisation's defaults, and it rewrites the profile from them; so the refresh command
 * carries the profile's own values, and signing in again leaves `~/.aws/config` as it was.
 */
function ownLoginFlags(sso: SsoProfileSettings | undefined): string[] {
  if (!sso) return [];
  const flags: [string, string | undefined][] = [
    ['--start-url', sso.startUrl],
    ['--sso-region', sso.ssoRegion],
    ['--session', sso.sessionName],
    ['--account-id', sso.accountId],
    ['--role-name', sso.roleName],
    ['--region', sso.region],
  ];
  return flags.flatMap(([flag, value]) => (value === undefined || value === '' ? [] : [flag, value]));
}

/**
 * The major version `aws --version` reports (`aws-cli/2.22.0 Python/…`), or undefined when
 * it cannot be run or says something else. Run once per configure, with a time limit: the
 * v1 CLI starts Python and can take a second.
 */
export function awsCliMajorVersion(executable: string, env: Readonly<Record<string, string | undefined>>): number | undefined {
  const result = spawnSync(executable, ['--version'], {
    // Stryker disable next-line StringLiteral: without an encoding stdout and stderr are Buffers, which the template literal below decodes as UTF-8 all the same
    encoding: 'utf8',
    timeout: 10_000,
    env: { ...env },
    // Windows runs .cmd / .bat shims only through the shell.
    shell: /\.(cmd|bat)$/i.test(executable),
  });
  if (result.error || result.status !== 0) return undefined;
  const match = /aws-cli\/(\d+)\./.exec(`${result.stdout}${result.stderr}`);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export function quoteShellWord(value: string, platform: NodeJS.Platform): string {
  if (/^[A-Za-z0-9_./:=@%+-]+$/.test(value)) return value;
  return platform === 'win32' ? `"${value.replace(/"/g, '""')}"` : `'${value.replace(/'/g, `'\\''`)}'`;
}
