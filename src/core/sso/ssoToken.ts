/**
 * What a successful sign-in or refresh yields, in the shape the AWS CLI's token cache
 * stores (the cache module turns it into the file's exact field names and formats).
 */
export interface SsoTokenGrant {
  readonly accessToken: string;
  readonly expiresAt: Date;
  readonly refreshToken?: string;
}

export interface SsoClientRegistration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly expiresAt: Date;
}

/** The scope `aws configure sso` registers by default; refresh tokens need a scope. */
export const DEFAULT_REGISTRATION_SCOPES: readonly string[] = ['sso:account:access'];

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const REFRESH_TOKEN_GRANT = 'refresh_token';
