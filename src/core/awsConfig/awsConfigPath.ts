import * as path from 'node:path';
import type { CoreEnvironment } from '../runtime/coreEnvironment';

/**
 * Expands a leading `~` the way Python's `os.path.expanduser` does for the current user
 * (`~`, `~/x`, and `~\x` on Windows). `~other` is left alone, as neither the CLI nor the
 * SDK resolves other users' homes here.
 */
export function expandHome(value: string, env: Pick<CoreEnvironment, 'homeDir' | 'platform'>): string {
  if (value === '~') return env.homeDir;
  const separators = env.platform === 'win32' ? ['~/', '~\\'] : ['~/'];
  const prefix = separators.find((candidate) => value.startsWith(candidate));
  return prefix ? path.join(env.homeDir, value.slice(prefix.length)) : value;
}

/**
 * The config file the AWS CLI and SDKs read: `AWS_CONFIG_FILE` when set and not empty
 * (with `~` expanded; a relative path is taken from the current directory, as both
 * tools do), else `~/.aws/config`. `$VARIABLES` are not expanded: the AWS SDK for
 * JavaScript, which Claude Code uses, does not expand them either.
 */
export function resolveAwsConfigPath(env: CoreEnvironment): string {
  const configured = env.env['AWS_CONFIG_FILE'];
  if (configured !== undefined && configured !== '') return path.resolve(expandHome(configured, env));
  return path.join(env.homeDir, '.aws', 'config');
}
