import { LogoutCommand, SSOClient, paginateListAccountRoles, paginateListAccounts } from '@aws-sdk/client-sso';
import { UserFacingError } from '../runtime/userFacingError';
import { CancelledError } from '../runtime/cancellation';
import { awsErrorName } from '../awsErrors/awsErrorFields';
import { describeTransportFailure } from '../awsErrors/transportFailure';

export interface SsoAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress: string;
}

export interface SsoRole {
  readonly roleName: string;
  readonly accountId: string;
}

/** The AWS access portal API (unsigned; the SSO access token goes in a header). */
export async function listSsoAccounts(options: { ssoRegion: string; accessToken: string; signal?: AbortSignal }): Promise<SsoAccount[]> {
  const client = new SSOClient({ region: options.ssoRegion });
  try {
    const accounts: SsoAccount[] = [];
    // The paginator hands its extra arguments to client.send, so a cancel stops the page in flight.
    for await (const page of paginateListAccounts({ client, pageSize: 100 }, { accessToken: options.accessToken }, { abortSignal: options.signal })) {
      for (const account of page.accountList ?? []) {
        if (account.accountId) accounts.push({ accountId: account.accountId, accountName: account.accountName ?? account.accountId, emailAddress: account.emailAddress ?? '' });
      }
    }
    return accounts.sort((a, b) => a.accountName.localeCompare(b.accountName));
  } catch (error) {
    throw describePortalFailure('ListAccounts', error, options.signal);
  } finally {
    client.destroy();
  }
}

export async function listSsoAccountRoles(options: { ssoRegion: string; accessToken: string; accountId: string; signal?: AbortSignal }): Promise<SsoRole[]> {
  const client = new SSOClient({ region: options.ssoRegion });
  try {
    const roles: SsoRole[] = [];
    for await (const page of paginateListAccountRoles({ client, pageSize: 100 }, { accessToken: options.accessToken, accountId: options.accountId }, { abortSignal: options.signal })) {
      for (const role of page.roleList ?? []) {
        if (role.roleName) roles.push({ roleName: role.roleName, accountId: role.accountId ?? options.accountId });
      }
    }
    return roles.sort((a, b) => a.roleName.localeCompare(b.roleName));
  } catch (error) {
    throw describePortalFailure('ListAccountRoles', error, options.signal);
  } finally {
    client.destroy();
  }
}

/** Ends the portal session server-side. Failure is not fatal to sign-out: the local token is deleted anyway. */
export async function logoutSsoSession(options: { ssoRegion: string; accessToken: string; signal?: AbortSignal }): Promise<void> {
  const client = new SSOClient({ region: options.ssoRegion });
  try {
    await client.send(new LogoutCommand({ accessToken: options.accessToken }), { abortSignal: options.signal });
  } catch (error) {
    // An already-expired token is as good as logged out.
    if (awsErrorName(error) !== 'UnauthorizedException') throw describePortalFailure('Logout', error, options.signal);
  } finally {
    client.destroy();
  }
}

function describePortalFailure(operation: string, error: unknown, signal: AbortSignal | undefined): UserFacingError {
  const cancelled =
    signal?.aborted === true ||
    // Stryker disable next-line ConditionalExpression,StringLiteral: the SDK raises AbortError only for the abortSignal passed to it, which is this signal, then aborted, so the line above already holds
    awsErrorName(error) === 'AbortError';
  if (cancelled) return new CancelledError('Sign-in');
  if (awsErrorName(error) === 'UnauthorizedException') {
    return new UserFacingError(`Your AWS SSO session is no longer valid (${operation} was refused). Run Sign In again.`, 'sso.session-expired', { cause: error });
  }
  return describeTransportFailure(`the AWS access portal (${operation})`, error);
}
