import { readSsoProfile, type SsoProfileSettings } from '../awsConfig/ssoProfileReader';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import { readCachedToken } from '../ssoCache/tokenCache';

export type SignInStatus = 'not-configured' | 'signed-out' | 'expired' | 'signed-in';

export interface SignInState {
  readonly status: SignInStatus;
  readonly profile: SsoProfileSettings | undefined;
  readonly tokenExpiresAt: Date | undefined;
  /** A refresh token exists, so the AWS SDK (and Claude Code) can renew without the user. */
  readonly refreshable: boolean;
}

/**
 * Where the developer stands, from local files only (no network, cheap enough for the
 * status bar): is the profile written, is there a cached token for its session, and has
 * it expired. An expired token with a refresh token is still "expired" here: the SDK
 * will try to renew it, but only a call can tell whether that works.
 */
export async function readSignInState(environment: CoreEnvironment, profileName: string): Promise<SignInState> {
  const { profile } = await readSsoProfile(environment, profileName);
  if (!profile?.sessionName) return { status: 'not-configured', profile, tokenExpiresAt: undefined, refreshable: false };
  const { token } = await readCachedToken(environment, profile.sessionName);
  if (!token) return { status: 'signed-out', profile, tokenExpiresAt: undefined, refreshable: false };
  const refreshable = Boolean(token.refreshToken && token.clientId && token.clientSecret);
  const status = token.expiresAt.getTime() > environment.now().getTime() ? 'signed-in' : 'expired';
  return { status, profile, tokenExpiresAt: token.expiresAt, refreshable };
}
