import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { CoreEnvironment } from '../runtime/coreEnvironment';

/** `~/.aws/sso/cache`, shared by the AWS CLI, the AWS SDKs and Claude Code. */
export function ssoCacheDirectory(env: Pick<CoreEnvironment, 'homeDir'>): string {
  return path.join(env.homeDir, '.aws', 'sso', 'cache');
}

/** `~/.aws/cli/cache`, where the AWS CLI keeps role credentials it got through SSO. */
export function cliCredentialCacheDirectory(env: Pick<CoreEnvironment, 'homeDir'>): string {
  return path.join(env.homeDir, '.aws', 'cli', 'cache');
}

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** The token file for an sso-session: sha1 of the raw session name (not URL-encoded). */
export function tokenCachePath(env: Pick<CoreEnvironment, 'homeDir'>, sessionName: string): string {
  return path.join(ssoCacheDirectory(env), `${sha1Hex(sessionName)}.json`);
}

/** The token file of a legacy profile (no sso-session): sha1 of the start URL. */
export function legacyTokenCachePath(env: Pick<CoreEnvironment, 'homeDir'>, startUrl: string): string {
  return path.join(ssoCacheDirectory(env), `${sha1Hex(startUrl)}.json`);
}
