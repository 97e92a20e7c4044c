/** A token as the sign-in flow hands it over, to be written to the cache. */
export interface SsoTokenToCache {
  /** The start URL exactly as configured in the sso-session. */
  readonly startUrl: string;
  /** The SSO (OIDC) region. */
  readonly region: string;
  readonly accessToken: string;
  readonly expiresAt: Date;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly registrationExpiresAt?: Date;
  readonly refreshToken?: string;
}

/** A token read from the cache. Only accessToken and expiresAt are required, as in the CLI. */
export interface CachedSsoToken {
  readonly startUrl?: string;
  readonly region?: string;
  readonly accessToken: string;
  readonly expiresAt: Date;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly registrationExpiresAt?: Date;
  readonly refreshToken?: string;
}

/** The fields the AWS CLI writes, in its order; anything else in a file is someone else's. */
export const TOKEN_FIELDS = ['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken'] as const;

/** True while the token is usable for at least `marginSeconds` more. */
export function isTokenValid(token: Pick<CachedSsoToken, 'accessToken' | 'expiresAt'>, now: Date, marginSeconds = 0): boolean {
  return token.accessToken !== '' && token.expiresAt.getTime() - now.getTime() > marginSeconds * 1000;
}

export interface RegistrationLike {
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly expiresAt?: Date;
}

/**
 * True while a client registration (clientId + clientSecret) can still be used for at
 * least `marginSeconds`: needed to refresh a token or to start a new sign-in without
 * registering again.
 */
export function isRegistrationValid(registration: RegistrationLike, now: Date, marginSeconds = 0): boolean {
  if (!registration.clientId || !registration.clientSecret || !registration.expiresAt) return false;
  return registration.expiresAt.getTime() - now.getTime() > marginSeconds * 1000;
}
