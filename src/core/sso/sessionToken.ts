import type { CoreEnvironment } from '../runtime/coreEnvironment';
import type { Logger } from '../runtime/logger';
import type { Sleep } from '../runtime/cancellation';
import { isTokenValid } from '../ssoCache/ssoToken';
import { readCachedToken, writeCachedToken } from '../ssoCache/tokenCache';
import { validateVerificationUrl } from '../validation/verificationUrl';
import { isInvalid } from '../validation/invalidValue';
import { authorizeDevice, registerPublicClient, type DeviceCodePrompt } from './deviceAuthorization';
import { AUTHORIZATION_CODE_GRANT, authorizationCodeRegistration, authorizeInBrowser, BrowserUnavailableError } from './authorizationCode';
import { refreshSharedToken, registrationOf } from './sharedRefresh';
import { DEFAULT_REGISTRATION_SCOPES } from './ssoToken';
import type { SignInAuthorization } from './signInTypes';
import { readClientRegistration } from '../ssoCache/clientRegistrationCache';

/** The AWS CLI refreshes when fewer than 15 minutes remain; we reuse a token only above that. */
const TOKEN_REUSE_MARGIN_SECONDS = 15 * 60;

export interface SessionTokenRequest {
  readonly startUrl: string;
  readonly ssoRegion: string;
  readonly sessionName: string;
}

export interface SessionToken {
  readonly accessToken: string;
  readonly expiresAt: Date;
  readonly source: SessionTokenSource;
  readonly cachePath: string;
}

export type SessionTokenSource = 'cache' | 'refreshed' | 'browser-authorization' | 'device-authorization';

export interface SessionTokenOptions {
  readonly showCode: (prompt: DeviceCodePrompt) => void | Promise<void>;
  /** How a new sign-in is presented; without it, the device code. */
  readonly authorization?: SignInAuthorization;
  readonly progress?: (stage: 'checking-token' | 'refreshing-token' | 'registering-client' | 'waiting-for-browser') => void;
  readonly signal?: AbortSignal;
  readonly logger: Logger;
  readonly sleep?: Sleep;
  /** Skip the cached token and refresh (the user asked to sign in again). */
  readonly forceNewLogin?: boolean;
}

/**
 * A valid SSO access token for the session, asking the user only when it must: a cached
 * token with time left is reused; a token near expiry is refreshed with its refresh
 * token; otherwise the developer signs in: in the browser with PKCE when the caller
 * offers a browser (falling back to a device code when none opens), else with a device
 * code. Whatever is obtained is written to the AWS CLI's cache file.
 */
export async function obtainSessionToken(environment: CoreEnvironment, request: SessionTokenRequest, options: SessionTokenOptions): Promise<SessionToken> {
  const now = (): Date => environment.now();
  options.progress?.('checking-token');
  const cached = await readCachedToken(environment, request.sessionName);
  if (cached.problem) options.logger.warn(`The cached SSO token ${cached.path} could not be used (${cached.problem}); it will be replaced.`);
  const token = cached.token && cached.token.startUrl === request.startUrl && cached.token.region === request.ssoRegion ? cached.token : undefined;

  if (token && !options.forceNewLogin && isTokenValid(token, now(), TOKEN_REUSE_MARGIN_SECONDS)) {
    options.logger.info(`Reusing the cached SSO token for session ${request.sessionName} (valid until ${token.expiresAt.toISOString()}).`);
    return { accessToken: token.accessToken, expiresAt: token.expiresAt, source: 'cache', cachePath: cached.path };
  }

  if (token?.refreshToken) {
    options.progress?.('refreshing-token');
    const refreshed = await refreshSharedToken(environment, request, {
      now,
      logger: options.logger,
      reuseMarginSeconds: TOKEN_REUSE_MARGIN_SECONDS,
      ...(options.forceNewLogin ? { replacing: token.accessToken } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (refreshed) return refreshed;
    options.logger.info('The SSO token could not be refreshed; signing in again.');
  }

  if (options.authorization?.mode === 'browser') {
    const scope = { startUrl: request.startUrl, region: request.ssoRegion, scopes: DEFAULT_REGISTRATION_SCOPES, sessionName: request.sessionName };
    options.progress?.('registering-client');
    const browserRegistration = await authorizationCodeRegistration(environment, scope, options.signal ? { signal: options.signal } : {});
    options.progress?.('waiting-for-browser');
    try {
      const grant = await authorizeInBrowser({
        startUrl: request.startUrl,
        ssoRegion: request.ssoRegion,
        registration: browserRegistration,
        scopes: DEFAULT_REGISTRATION_SCOPES,
        now,
        openUrl: options.authorization.openUrl,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const cachePath = await writeCachedToken(environment, request.sessionName, {
        startUrl: request.startUrl,
        region: request.ssoRegion,
        ...grant,
        clientId: browserRegistration.clientId,
        clientSecret: browserRegistration.clientSecret,
        registrationExpiresAt: browserRegistration.expiresAt,
      });
      return { accessToken: grant.accessToken, expiresAt: grant.expiresAt, source: 'browser-authorization', cachePath };
    } catch (error) {
      if (!(error instanceof BrowserUnavailableError)) throw error;
      options.logger.info('No browser could be opened for sign-in; showing a device code instead.');
    }
  }

  // A registration made for the browser flow (the cache says so) is not one to start a device code with.
  const cachedRegistration = token ? registrationOf(token, now()) : undefined;
  let registration = cachedRegistration && !(await isBrowserRegistration(environment, request, cachedRegistration.clientId)) ? cachedRegistration : undefined;
  if (!registration) {
    options.progress?.('registering-client');
    registration = await registerPublicClient({ ssoRegion: request.ssoRegion, startUrl: request.startUrl, now, signal: options.signal });
  }
  const grant = await authorizeDevice({
    startUrl: request.startUrl,
    ssoRegion: request.ssoRegion,
    registration,
    now,
    showCode: options.showCode,
    checkVerificationUrl: (url) => {
      const checked = validateVerificationUrl(url);
      if (isInvalid(checked)) throw checked;
      return checked;
    },
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const cachePath = await writeCachedToken(environment, request.sessionName, {
    startUrl: request.startUrl,
    region: request.ssoRegion,
    ...grant,
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    registrationExpiresAt: registration.expiresAt,
  });
  return { accessToken: grant.accessToken, expiresAt: grant.expiresAt, source: 'device-authorization', cachePath };
}

async function isBrowserRegistration(environment: CoreEnvironment, request: SessionTokenRequest, clientId: string): Promise<boolean> {
  const cached = (await readClientRegistration(environment, { startUrl: request.startUrl, region: request.ssoRegion, scopes: DEFAULT_REGISTRATION_SCOPES, sessionName: request.sessionName })).registration;
  return cached?.clientId === clientId && cached.grantTypes?.includes(AUTHORIZATION_CODE_GRANT) === true;
}
