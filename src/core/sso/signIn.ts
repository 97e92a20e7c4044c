import { writeSsoProfile, describeConflicts } from '../awsConfig/ssoProfileWriter';
import { normaliseSsoProfileRequest } from '../awsConfig/ssoProfileRequest';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import { CancelledError, throwIfAborted, type Sleep } from '../runtime/cancellation';
import { silentLogger, type Logger } from '../runtime/logger';
import { UserFacingError } from '../runtime/userFacingError';
import { obtainSessionToken } from './sessionToken';
import type { SignInInteraction, SignInRequest, SignInResult } from './signInTypes';
import { listSsoAccountRoles, listSsoAccounts, type SsoAccount, type SsoRole } from './ssoPortal';

export interface SignInOptions {
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  readonly sleep?: Sleep;
  readonly forceNewLogin?: boolean;
}

/**
 * The developer's first step: an IAM Identity Center session (cached where the AWS CLI,
 * the SDKs and Claude Code find it), an account and role from the access portal, and
 * the `[sso-session]` + `[profile]` sections in the AWS config file.
 *
 * Every input is validated before the first network call; the config file is written
 * last, so a cancel or failure before it leaves the file as it was.
 */
export async function signIn(environment: CoreEnvironment, request: SignInRequest, interaction: SignInInteraction, options: SignInOptions = {}): Promise<SignInResult> {
  const logger = options.logger ?? silentLogger;
  const signal = options.signal;
  // Validates every field (throws the first field's sentence) with placeholder ids where
  // the portal has not chosen them yet.
  normaliseSsoProfileRequest({ ...request, accountId: request.accountId ?? '000000000000', roleName: request.roleName ?? 'placeholder' });

  const obtain = (forceNewLogin: boolean) =>
    obtainSessionToken(environment, request, {
      showCode: interaction.showCode,
      ...(interaction.authorization ? { authorization: interaction.authorization } : {}),
      ...(interaction.progress ? { progress: interaction.progress } : {}),
      logger,
      ...(signal ? { signal } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(forceNewLogin ? { forceNewLogin: true } : {}),
    });
  let token = await obtain(options.forceNewLogin === true);

  interaction.progress?.('listing-accounts');
  const listAccounts = () => listSsoAccounts({ ssoRegion: request.ssoRegion, accessToken: token.accessToken, ...(signal ? { signal } : {}) });
  let accounts: readonly SsoAccount[];
  try {
    accounts = await listAccounts();
  } catch (error) {
    // A cached token the portal no longer accepts (revoked, or signed out elsewhere) would
    // otherwise make "Run Sign In again" loop for ever: sign in afresh once instead.
    if (token.source === 'device-authorization' || token.source === 'browser-authorization' || !(error instanceof UserFacingError) || error.code !== 'sso.session-expired') throw error;
    logger.info('The cached SSO session was refused by the access portal; signing in again.');
    token = await obtain(true);
    accounts = await listAccounts();
  }
  const account = await chooseAccount(accounts, request.accountId, interaction);
  throwIfAborted(signal, 'Sign-in');

  interaction.progress?.('listing-roles');
  const roles = await listSsoAccountRoles({ ssoRegion: request.ssoRegion, accessToken: token.accessToken, accountId: account.accountId, ...(signal ? { signal } : {}) });
  const role = await chooseRole(roles, account, request.roleName, interaction);
  throwIfAborted(signal, 'Sign-in');

  interaction.progress?.('writing-config');
  const profileRequest = { ...request, accountId: account.accountId, roleName: role.roleName };
  let written = await writeSsoProfile(environment, profileRequest, { logger });
  if (written.status === 'needs-confirmation') {
    const agreed = await interaction.confirmProfileOverwrite(`Profile "${request.profileName}" in ${written.configPath}: ${describeConflicts(written.plan.conflicts)} Overwrite it?`);
    if (!agreed) throw new CancelledError('Sign-in');
    throwIfAborted(signal, 'Sign-in');
    written = await writeSsoProfile(environment, profileRequest, { logger, confirmOverwrite: true });
  }

  return {
    profileName: request.profileName,
    sessionName: request.sessionName,
    startUrl: request.startUrl,
    ssoRegion: request.ssoRegion,
    account,
    roleName: role.roleName,
    region: request.region,
    tokenExpiresAt: token.expiresAt,
    tokenSource: token.source,
    configPath: written.configPath,
    tokenCachePath: token.cachePath,
    configChanged: written.status === 'written',
  };
}

async function chooseAccount(accounts: readonly SsoAccount[], preselectedId: string | undefined, interaction: SignInInteraction): Promise<SsoAccount> {
  if (accounts.length === 0) {
    throw new UserFacingError('Your SSO user is not assigned to any AWS account. Ask your admin to assign you the Claude Code permission set.', 'sso.no-accounts');
  }
  if (preselectedId !== undefined) {
    const match = accounts.find((account) => account.accountId === preselectedId);
    if (!match) {
      throw new UserFacingError(
        `Account ${preselectedId} is not among the accounts your SSO user can use (${accounts.map((a) => `${a.accountName} ${a.accountId}`).join(', ')}). Ask your admin to assign you to it, or change the account setting.`,
        'sso.account-not-assigned',
      );
    }
    return match;
  }
  // Like the AWS CLI: exactly one account needs no question.
  const only = accounts.length === 1 ? accounts[0] : undefined;
  return only ?? interaction.chooseAccount(accounts, undefined);
}

async function chooseRole(roles: readonly SsoRole[], account: SsoAccount, preselected: string | undefined, interaction: SignInInteraction): Promise<SsoRole> {
  if (roles.length === 0) {
    throw new UserFacingError(`You have no role in account ${account.accountName} (${account.accountId}). Ask your admin to assign you the Claude Code permission set there.`, 'sso.no-roles');
  }
  if (preselected !== undefined) {
    const match = roles.find((role) => role.roleName === preselected);
    if (!match) {
      throw new UserFacingError(
        `Role ${preselected} is not available to you in account ${account.accountId} (available: ${roles.map((r) => r.roleName).join(', ')}). Ask your admin to assign it, or change the role setting.`,
        'sso.role-not-assigned',
      );
    }
    return match;
  }
  const only = roles.length === 1 ? roles[0] : undefined;
  return only ?? interaction.chooseRole(roles, undefined);
}
