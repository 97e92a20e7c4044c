import type { CoreEnvironment } from '../runtime/coreEnvironment';
import { UserFacingError } from '../runtime/userFacingError';
import { registerSecret } from '../secrets/redact';
import { describeFileProblem } from '../awsConfig/fileProblem';
import { optionalString, readCacheJson, writeCacheJsonPreservingUnknown, type CacheFileProblem } from './cacheJsonFile';
import { formatCacheTimestamp, parseCacheTimestamp } from './cacheTimestamp';
import { ssoCacheDirectory, tokenCachePath } from './ssoCachePaths';
import { TOKEN_FIELDS, type CachedSsoToken, type SsoTokenToCache } from './ssoToken';

export interface CachedTokenRead {
  readonly path: string;
  /** Undefined when there is no usable token file. */
  readonly token?: CachedSsoToken;
  /** Set when a file exists but could not be used (it is replaced on the next sign-in). */
  readonly problem?: CacheFileProblem;
}

/** Reads the cached token of an sso-session (see `readCachedTokenFile`). */
export async function readCachedToken(env: Pick<CoreEnvironment, 'homeDir'>, sessionName: string): Promise<CachedTokenRead> {
  return readCachedTokenFile(tokenCachePath(env, sessionName));
}

/**
 * Reads a token file. A missing file, a symbolic link, corrupt JSON or a file without
 * `accessToken`/`expiresAt` all give no token (with `problem` saying which); this never
 * throws. Secrets read are registered for redaction.
 */
export async function readCachedTokenFile(path: string): Promise<CachedTokenRead> {
  const { data, problem } = await readCacheJson(path);
  if (!data) return problem ? { path, problem } : { path };
  const accessToken = optionalString(data, 'accessToken');
  const expiresAtText = optionalString(data, 'expiresAt');
  const expiresAt = expiresAtText === undefined ? undefined : parseCacheTimestamp(expiresAtText);
  const clientSecret = optionalString(data, 'clientSecret');
  const refreshToken = optionalString(data, 'refreshToken');
  registerSecret(accessToken);
  registerSecret(clientSecret);
  registerSecret(refreshToken);
  if (accessToken === undefined || accessToken === '' || expiresAt === undefined) return { path, problem: 'invalid-fields' };

  const registrationText = optionalString(data, 'registrationExpiresAt');
  const token: CachedSsoToken = {
    accessToken,
    expiresAt,
    ...defined('startUrl', optionalString(data, 'startUrl')),
    ...defined('region', optionalString(data, 'region')),
    ...defined('clientId', optionalString(data, 'clientId')),
    ...defined('clientSecret', clientSecret),
    ...defined('registrationExpiresAt', registrationText === undefined ? undefined : parseCacheTimestamp(registrationText)),
    ...defined('refreshToken', refreshToken),
  };
  return { path, token };
}

function defined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, V>>);
}

/**
 * Writes an sso-session's token where the AWS CLI, the AWS SDKs and Claude Code look for
 * it, with the CLI's field names, order and timestamp format. Fields other tools added
 * to an existing file are kept. Returns the file's path.
 */
export async function writeCachedToken(env: Pick<CoreEnvironment, 'homeDir'>, sessionName: string, token: SsoTokenToCache, options: { readonly lockHeld?: boolean } = {}): Promise<string> {
  const file = tokenCachePath(env, sessionName);
  registerSecret(token.accessToken);
  registerSecret(token.clientSecret);
  registerSecret(token.refreshToken);
  const fields: Record<string, string> = {
    startUrl: token.startUrl,
    region: token.region,
    accessToken: token.accessToken,
    expiresAt: formatCacheTimestamp(token.expiresAt),
  };
  if (token.clientId !== undefined) fields['clientId'] = token.clientId;
  if (token.clientSecret !== undefined) fields['clientSecret'] = token.clientSecret;
  if (token.registrationExpiresAt !== undefined) fields['registrationExpiresAt'] = formatCacheTimestamp(token.registrationExpiresAt);
  if (token.refreshToken !== undefined) fields['refreshToken'] = token.refreshToken;
  try {
    await writeCacheJsonPreservingUnknown(file, fields, TOKEN_FIELDS, options);
  } catch (error) {
    throw cacheWriteError(error, file, env);
  }
  return file;
}

export function cacheWriteError(error: unknown, file: string, env: Pick<CoreEnvironment, 'homeDir'>): UserFacingError {
  const problem = describeFileProblem(error, file, 'write', `the AWS CLI and Claude Code need ${ssoCacheDirectory(env)} to be a folder you can write`);
  return new UserFacingError(`Could not save the sign-in to the AWS SSO cache file ${file}: ${problem.reason}. ${problem.remedy}`, 'sso-cache.unwritable', { cause: error });
}
