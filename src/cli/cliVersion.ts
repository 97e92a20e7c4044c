import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { packageRootAbove } from './commands/cliOrgSettings';

/**
 * The version of the package this CLI was shipped in (the extension's or the npm
 * package's manifest above dist/). `--version` is what the setup check runs to prove
 * that Claude Code's awsAuthRefresh command starts.
 */
export function cliVersion(directory: string = __dirname): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(packageRootAbove(directory), 'package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
