import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The `awsAuthRefresh` command Claude Code runs when the SSO session has expired. Its output
 * is shown to the user but it gets no input, so a device-code login fits.
 *
 * The AWS CLI's own `aws sso login` when it is installed: it is what the developer would
 * type, and it refreshes the same token cache. Otherwise our own `login`, by absolute path
 * when we can find it, because Claude Code may run with a PATH that lacks npm's bin folder.
 */
export function awsAuthRefreshCommand(profile: string, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, self: { readonly argv1?: string; readonly execPath: string }): string {
  const profileArg = `--profile ${quote(profile, platform)}`;
  if (findOnPath('aws', env, platform)) return `aws sso login ${profileArg}`;
  const installed = findOnPath('bedrock-onboard', env, platform);
  if (installed) return `${quote(installed, platform)} login ${profileArg}`;
  if (self.argv1 && /cli\.[cm]?js$/.test(self.argv1) && fs.existsSync(self.argv1)) {
    return `${quote(self.execPath, platform)} ${quote(path.resolve(self.argv1), platform)} login ${profileArg}`;
  }
  return `bedrock-onboard login ${profileArg}`;
}

/** The absolute path of an executable found on PATH, like `command -v`; undefined when absent. */
export function findOnPath(name: string, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string | undefined {
  const pathValue = env['PATH'] ?? env['Path'] ?? '';
  const separator = platform === 'win32' ? ';' : ':';
  const extensions = platform === 'win32' ? (env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';').filter((e) => e !== '') : [''];
  for (const directory of pathValue.split(separator)) {
    if (directory === '') continue;
    for (const extension of extensions) {
      const candidate = path.join(directory, name + extension);
      try {
        const stats = fs.statSync(candidate);
        if (!stats.isFile()) continue;
        if (platform !== 'win32') fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        /* not here */
      }
    }
  }
  return undefined;
}

function quote(value: string, platform: NodeJS.Platform): string {
  if (/^[A-Za-z0-9_./:=@%+-]+$/.test(value)) return value;
  return platform === 'win32' ? `"${value.replace(/"/g, '""')}"` : `'${value.replace(/'/g, `'\\''`)}'`;
}
