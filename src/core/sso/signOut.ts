import type { CoreEnvironment } from '../runtime/coreEnvironment';
import { silentLogger, type Logger } from '../runtime/logger';
import { isTokenValid } from '../ssoCache/ssoToken';
import { readCachedToken } from '../ssoCache/tokenCache';
import { deleteCachedToken } from '../ssoCache/tokenCacheCleanup';
import { logoutSsoSession } from './ssoPortal';

export interface SignOutResult {
  readonly tokenFileDeleted: boolean;
  /** Whether the portal session was ended server-side too. */
  readonly portalLogout: 'done' | 'not-needed' | 'failed';
  readonly portalLogoutProblem?: string;
}

/**
 * Ends the sso-session: the portal Logout (best effort: the local token is removed even
 * when the network is down) and the cached token file, so neither this extension, the
 * AWS CLI nor Claude Code keeps using it.
 */
export async function signOut(environment: CoreEnvironment, sessionName: string, options: { ssoRegion?: string; logger?: Logger; signal?: AbortSignal } = {}): Promise<SignOutResult> {
  const logger = options.logger ?? silentLogger;
  const cached = await readCachedToken(environment, sessionName);
  let portalLogout: SignOutResult['portalLogout'] = 'not-needed';
  let portalLogoutProblem: string | undefined;
  const region = options.ssoRegion ?? cached.token?.region;
  if (cached.token && region && isTokenValid(cached.token, environment.now())) {
    try {
      await logoutSsoSession({ ssoRegion: region, accessToken: cached.token.accessToken, ...(options.signal ? { signal: options.signal } : {}) });
      portalLogout = 'done';
    } catch (error) {
      portalLogout = 'failed';
      portalLogoutProblem = error instanceof Error ? error.message : String(error);
      logger.warn(`Portal logout failed; the local token is removed anyway: ${portalLogoutProblem}`);
    }
  }
  const tokenFileDeleted = await deleteCachedToken(environment, sessionName);
  return { tokenFileDeleted, portalLogout, ...(portalLogoutProblem ? { portalLogoutProblem } : {}) };
}
