import { readSignInState } from '../sso/signInState';
import type { CheckContext } from './checkContext';
import type { CheckDefinition, CheckResult } from './checkGraph';
import { signInFix } from './setupCheck';
import { formatLocalTime } from '../runtime/localTime';

/** Below this, a token that cannot renew itself will stop Claude Code soon: worth a warning. */
const EXPIRES_SOON_MS = 15 * 60 * 1000;

/** The sso-session has a cached token, and it has not expired (or can be renewed). */
export function ssoTokenCheck(context: CheckContext): CheckDefinition {
  return {
    id: 'sso-token',
    title: 'SSO sign-in',
    needs: ['aws-profile'],
    timeoutMs: context.timeouts.localMs,
    timeoutAdvice: 'check that your home folder is reachable',
    run: () => checkSsoToken(context),
  };
}

async function checkSsoToken(context: CheckContext): Promise<CheckResult> {
  const { environment } = context.options;
  const profileName = context.target.profileName;
  const fix = signInFix(profileName);
  const state = await readSignInState(environment, profileName);
  const session = state.profile?.sessionName;
  switch (state.status) {
    case 'not-configured':
      return { status: 'warn', detail: `Profile "${profileName}" has no sso-session, so its token was not checked; sign in again to convert it.`, fix };
    case 'signed-out':
      return { status: 'fail', detail: `You are not signed in: there is no cached SSO token for the sso-session "${session ?? ''}". Sign in to get one.`, fix };
    case 'expired': {
      const when = state.tokenExpiresAt ? formatLocalTime(state.tokenExpiresAt) : 'an unknown time';
      if (state.refreshable) {
        return {
          status: 'warn',
          detail: `Your SSO token expired at ${when}; it has a refresh token, so the AWS SDK will try to renew it on the next call (the credentials check shows whether that works).`,
          fix,
        };
      }
      return { status: 'fail', detail: `Your SSO sign-in expired at ${when} and cannot be renewed automatically; sign in again.`, fix };
    }
    case 'signed-in': {
      const expiresAt = state.tokenExpiresAt ?? environment.now();
      const left = expiresAt.getTime() - environment.now().getTime();
      const when = `${formatLocalTime(expiresAt)} (in ${formatDuration(left)})`;
      if (left < EXPIRES_SOON_MS && !state.refreshable) {
        return { status: 'warn', detail: `Your SSO sign-in expires at ${when} and cannot be renewed automatically; sign in again to avoid an interruption.`, fix };
      }
      const renew = state.refreshable ? '; the AWS SDK renews it automatically' : '';
      return { status: 'pass', detail: `Signed in; the SSO token expires at ${when}${renew}.` };
    }
  }
}

export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  if (hours > 0) return `${hours} h ${minutes % 60} min`;
  return `${minutes} min`;
}
