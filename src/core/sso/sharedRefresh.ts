import { acquireFileLock, type FileLockOptions } from '../files/fileLock';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import type { Logger } from '../runtime/logger';
import { isUserFacingError } from '../runtime/userFacingError';
import { cacheFileLockPath } from '../ssoCache/cacheJsonFile';
import { tokenCachePath } from '../ssoCache/ssoCachePaths';
import { isRegistrationValid, isTokenValid, type CachedSsoToken } from '../ssoCache/ssoToken';
import { readCachedToken, writeCachedToken } from '../ssoCache/tokenCache';
import { refreshAccessToken } from './deviceAuthorization';
import type { SsoClientRegistration } from './ssoToken';

/** A refresh is one HTTPS call; a holder slower than this is stuck, and we go on without the lock. */
const REFRESH_LOCK_WAIT_MS = 30_000;
/** A registration about to lapse would break the next refresh; register anew below a day. */
export function registrationReuseMarginSeconds(): number {
  return 24 * 3600;
}

export interface SharedRefreshRequest {
  readonly startUrl: string;
  readonly ssoRegion: string;
  readonly sessionName: string;
}

export interface SharedRefreshOptions {
  readonly now: () => Date;
  readonly logger: Logger;
  /** A token is reused only with more than this left (the AWS CLI's 15 minutes). */
  readonly reuseMarginSeconds: number;
  /** The access token the caller was told to replace: a cache still holding it is not reused. */
  readonly replacing?: string;
  readonly signal?: AbortSignal;
  /** Test seam: the clock and pause of the wait for another process's lock. */
  readonly lockWait?: Pick<FileLockOptions, 'now' | 'sleep'>;
}

export interface SharedRefreshResult {
  readonly accessToken: string;
  readonly expiresAt: Date;
  /** 'cache' when another process (window, CLI, Claude Code) refreshed it while we waited. */
  readonly source: 'cache' | 'refreshed';
  readonly cachePath: string;
}

/**
 * Refreshes the session's token so that several processes can do it at once: VS Code
 * windows, the CLI, and Claude Code's own SDK all refresh the same cache file, and IAM
 * Identity Center may rotate refresh tokens (a used one is refused).
 *
 * So the refresh runs under the lock every cache write of ours takes, and re-reads the
 * cache after taking it: whoever refreshed first leaves a valid token for the others.
 * Claude Code's SDK takes no lock of ours, so an `InvalidGrantException` is read as
 * "someone else may have used this refresh token": the cache is read again and its token
 * (or its newer refresh token) used before the caller asks the developer to sign in.
 * Undefined when only a new sign-in will do.
 */
export async function refreshSharedToken(environment: CoreEnvironment, request: SharedRefreshRequest, options: SharedRefreshOptions): Promise<SharedRefreshResult | undefined> {
  const cacheFile = tokenCachePath(environment, request.sessionName);
  const release = await acquireFileLock(cacheFileLockPath(cacheFile), { timeoutMs: REFRESH_LOCK_WAIT_MS, ...options.lockWait });
  if (!release) options.logger.warn(`Another process has held the lock on ${cacheFile} for a long time; refreshing without it.`);
  try {
    let current = await readSessionToken(environment, request);
    const reusable = reuse(current, cacheFile, options);
    if (reusable) {
      options.logger.info(`The SSO token for session ${request.sessionName} was refreshed by another process meanwhile; using it.`);
      return reusable;
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      const registration = current ? registrationOf(current, options.now()) : undefined;
      if (!current?.refreshToken || !registration) return undefined;
      try {
        const grant = await refreshAccessToken({ ...request, registration, refreshToken: current.refreshToken, now: options.now, ...(options.signal ? { signal: options.signal } : {}) });
        const cachePath = await writeCachedToken(
          environment,
          request.sessionName,
          { startUrl: request.startUrl, region: request.ssoRegion, ...grant, clientId: registration.clientId, clientSecret: registration.clientSecret, registrationExpiresAt: registration.expiresAt },
          { lockHeld: release !== undefined },
        );
        options.logger.info(`Refreshed the SSO token for session ${request.sessionName} without asking (valid until ${grant.expiresAt.toISOString()}).`);
        return { accessToken: grant.accessToken, expiresAt: grant.expiresAt, source: 'refreshed', cachePath };
      } catch (error) {
        if (options.signal?.aborted === true) throw error;
        if (!isUserFacingError(error) || error.code !== 'sso.invalid-grant') {
          options.logger.info(`Refreshing the SSO token failed (${error instanceof Error ? error.message : String(error)}).`);
          return undefined;
        }
        const usedRefreshToken = current.refreshToken;
        current = await readSessionToken(environment, request);
        const refreshedElsewhere = reuse(current, cacheFile, options);
        if (refreshedElsewhere) {
          options.logger.info(`The refresh token had just been used by another program, which left a new token in ${cacheFile}; using it.`);
          return refreshedElsewhere;
        }
        if (current?.refreshToken === undefined || current.refreshToken === usedRefreshToken) {
          options.logger.info('IAM Identity Center refused the refresh token and no other program left a newer one.');
          return undefined;
        }
      }
    }
    return undefined;
  } finally {
    await release?.();
  }
}

async function readSessionToken(environment: CoreEnvironment, request: SharedRefreshRequest): Promise<CachedSsoToken | undefined> {
  const token = (await readCachedToken(environment, request.sessionName)).token;
  return token && token.startUrl === request.startUrl && token.region === request.ssoRegion ? token : undefined;
}

function reuse(token: CachedSsoToken | undefined, cachePath: string, options: SharedRefreshOptions): SharedRefreshResult | undefined {
  if (!token || token.accessToken === options.replacing || !isTokenValid(token, options.now(), options.reuseMarginSeconds)) return undefined;
  return { accessToken: token.accessToken, expiresAt: token.expiresAt, source: 'cache', cachePath };
}

/** The client registration cached beside the token, while it has a day left. */
export function registrationOf(token: CachedSsoToken, now: Date): SsoClientRegistration | undefined {
  if (!token.clientId || !token.clientSecret || !token.registrationExpiresAt) return undefined;
  const registration = { clientId: token.clientId, clientSecret: token.clientSecret, expiresAt: token.registrationExpiresAt };
  return isRegistrationValid(registration, now, registrationReuseMarginSeconds()) ? registration : undefined;
}
