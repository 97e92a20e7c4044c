import { isBackRequested } from '../runtime/backRequested';
import { isUserFacingError, type UserFacingError } from '../runtime/userFacingError';
import type { SignInRequest, SignInResult } from './signInTypes';

export interface SignInRequestOptions {
  /** Account and role are to be chosen again (Back, "Change Account or Role…"): not taken from the existing profile, only from settings that pin them. */
  readonly choose?: boolean;
  /**
   * Ask the portal questions again, pre-filled with `previous`: after Back on the account
   * question, or with `error` after IAM Identity Center refused the start URL or region.
   */
  readonly askAgain?: { readonly previous: SignInRequest; readonly error?: UserFacingError };
}

/** IAM Identity Center refused the start URL or the SSO region: the developer can correct them. */
const REJECTED_PORTAL_CODES = new Set(['sso.invalid-request', 'sso.wrong-region']);

/**
 * Sign-in as a conversation that can go back: Back on the role goes to the account,
 * Back on the account to the portal questions, and a start URL or region that IAM
 * Identity Center refuses is asked again with its sentence, instead of ending the
 * command. `keepAccount` starts at the role question (Back from a later question).
 */
export async function signInWithAnswers(options: {
  ask(request: SignInRequestOptions): Promise<SignInRequest>;
  signIn(request: SignInRequest): Promise<SignInResult>;
  readonly choose?: boolean;
  readonly keepAccount?: string | undefined;
}): Promise<SignInResult> {
  const choose = options.choose === true || options.keepAccount !== undefined;
  let keptAccount = options.keepAccount;
  let request = await options.ask({ choose });
  for (;;) {
    try {
      return await options.signIn(keptAccount !== undefined ? { ...request, accountId: keptAccount, roleName: undefined } : request);
    } catch (error) {
      if (isBackRequested(error)) {
        if (keptAccount !== undefined) keptAccount = undefined;
        else request = await options.ask({ choose: true, askAgain: { previous: request } });
        continue;
      }
      if (!isUserFacingError(error) || !REJECTED_PORTAL_CODES.has(error.code)) throw error;
      request = await options.ask({ choose, askAgain: { previous: request, error } });
    }
  }
}
