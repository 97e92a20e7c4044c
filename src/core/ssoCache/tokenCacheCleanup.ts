import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isNotFound } from '../files/atomicWrite';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import { UserFacingError } from '../runtime/userFacingError';
import { describeFileProblem } from '../awsConfig/fileProblem';
import { optionalString, readCacheJson } from './cacheJsonFile';
import { cliCredentialCacheDirectory, ssoCacheDirectory, tokenCachePath } from './ssoCachePaths';
import { registerSecret } from '../secrets/redact';

/** A token about to be deleted, for revoking it first (the portal's Logout call). */
export interface TokenBeingDeleted {
  readonly path: string;
  readonly accessToken: string;
  readonly region?: string;
  readonly startUrl?: string;
}

export interface CacheSweepResult {
  readonly deleted: readonly string[];
  /** Symbolic links and files that could not be read: left alone, as the CLI would not read them either. */
  readonly skipped: readonly string[];
}

export interface DeleteCachedTokensOptions {
  /**
   * Called before each token file is removed. A failure is ignored (the token may be
   * expired already), as `aws sso logout` ignores a failed Logout call.
   */
  readonly beforeDelete?: (token: TokenBeingDeleted) => Promise<void>;
}

/**
 * What `aws sso logout` does to `~/.aws/sso/cache`: every file in it that holds a JSON
 * object with an `accessToken` is deleted, whatever its name (so tokens of every
 * session and legacy profile go; client registrations stay). Symbolic links are skipped
 * rather than read.
 */
export async function deleteCachedTokens(env: Pick<CoreEnvironment, 'homeDir'>, options: DeleteCachedTokensOptions = {}): Promise<CacheSweepResult> {
  return sweep(ssoCacheDirectory(env), (data) => 'accessToken' in data, async (file, data) => {
    const accessToken = optionalString(data, 'accessToken');
    registerSecret(accessToken);
    if (!options.beforeDelete || accessToken === undefined) return;
    const region = optionalString(data, 'region');
    const startUrl = optionalString(data, 'startUrl');
    try {
      await options.beforeDelete({ path: file, accessToken, ...(region !== undefined ? { region } : {}), ...(startUrl !== undefined ? { startUrl } : {}) });
    } catch {
      /* see beforeDelete */
    }
  });
}

/** The second half of `aws sso logout`: role credentials the CLI cached from SSO. */
export async function deleteCachedSsoRoleCredentials(env: Pick<CoreEnvironment, 'homeDir'>): Promise<CacheSweepResult> {
  return sweep(cliCredentialCacheDirectory(env), (data) => data['ProviderType'] === 'sso');
}

/** Deletes the token file of one sso-session; true if there was one. */
export async function deleteCachedToken(env: Pick<CoreEnvironment, 'homeDir'>, sessionName: string): Promise<boolean> {
  const file = tokenCachePath(env, sessionName);
  return removeFile(file);
}

async function sweep(
  directory: string,
  shouldDelete: (data: Readonly<Record<string, unknown>>) => boolean,
  beforeDelete?: (file: string, data: Readonly<Record<string, unknown>>) => Promise<void>,
): Promise<CacheSweepResult> {
  let names: string[];
  try {
    names = await fs.readdir(directory);
  } catch (error) {
    if (isNotFound(error)) return { deleted: [], skipped: [] };
    throw deleteError(error, directory);
  }
  const deleted: string[] = [];
  const skipped: string[] = [];
  for (const name of names.sort()) {
    const file = path.join(directory, name);
    const { data, problem } = await readCacheJson(file);
    if (problem === 'symlink' || problem === 'unreadable') skipped.push(file);
    if (!data || !shouldDelete(data)) continue;
    if (beforeDelete) await beforeDelete(file, data);
    if (await removeFile(file)) deleted.push(file);
  }
  return { deleted, skipped };
}

async function removeFile(file: string): Promise<boolean> {
  try {
    const stats = await fs.lstat(file);
    if (stats.isDirectory()) return false;
    // unlink removes a symbolic link itself, never its target.
    await fs.unlink(file);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw deleteError(error, file);
  }
}

function deleteError(error: unknown, file: string): UserFacingError {
  const problem = describeFileProblem(error, file, 'write', 'you can also delete the file by hand');
  return new UserFacingError(`Could not remove the cached AWS sign-in ${file}: ${problem.reason}. ${problem.remedy}`, 'sso-cache.delete-failed', { cause: error });
}
