import * as vscode from 'vscode';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { CancelledError } from '../../core/runtime/cancellation';
import type { DeviceCodePrompt } from '../../core/sso/deviceAuthorization';
import type { SignInInteraction, SignInRequest, SignInResult, SignInStage } from '../../core/sso/signInTypes';
import type { SsoAccount, SsoRole } from '../../core/sso/ssoPortal';
import { validateRegion } from '../../core/validation/awsRegion';
import { validateStartUrl } from '../../core/validation/startUrl';
import type { ExtensionServices } from '../extensionServices';
import { askForValue } from '../ui/askForValue';
import { withCancellableProgress } from '../ui/cancellableProgress';
import { signInAuthorization } from './signInAuthorization';

const TITLE = () => vscode.l10n.t('Sign In with AWS SSO');

/**
 * Sign in with IAM Identity Center and write the AWS profile. Values come from the
 * user's settings and the organisation defaults; only what is missing is asked for.
 */
export async function signInCommand(services: ExtensionServices): Promise<SignInResult> {
  const { effective } = await services.readSettings();
  const startUrl =
    effective.ssoStartUrl.value ??
    (await askForValue({ title: TITLE(), prompt: vscode.l10n.t('Your IAM Identity Center access portal URL'), placeHolder: 'https://d-1234567890.awsapps.com/start', validate: validateStartUrl }));
  const ssoRegion =
    effective.ssoRegion.value ??
    (await askForValue({ title: TITLE(), prompt: vscode.l10n.t('The region where IAM Identity Center is enabled'), placeHolder: 'us-east-1', validate: (input) => validateRegion(input, 'SSO region') }));
  const request: SignInRequest = {
    startUrl,
    ssoRegion,
    sessionName: effective.ssoSessionName.value ?? 'claude-code',
    profileName: effective.profileName.value ?? 'claude-code',
    accountId: effective.accountId.value,
    roleName: effective.roleName.value,
    region: effective.defaultRegion.value ?? ssoRegion,
  };

  const aws = loadAwsOperations();
  const result = await withCancellableProgress(TITLE(), (progress, signal) => aws.signIn(services.environment, request, vscodeInteraction(progress), { signal, logger: services.logger }));
  services.logger.info(`Signed in: profile ${result.profileName}, account ${result.account.accountId}, role ${result.roleName}, token ${result.tokenSource}, valid until ${result.tokenExpiresAt.toISOString()}.`);
  services.stateChanged.fire();
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Signed in to {0} ({1}) as {2}. Profile "{3}" is in {4}.', result.account.accountName, result.account.accountId, result.roleName, result.profileName, result.configPath),
  );
  return result;
}

function vscodeInteraction(progress: vscode.Progress<{ message?: string }>): SignInInteraction {
  return {
    showCode: (prompt) => {
      progress.report({ message: vscode.l10n.t('Enter code {0} in your browser…', prompt.userCode) });
      void offerDeviceCode(prompt);
    },
    authorization: signInAuthorization(),
    chooseAccount: (accounts, preselectedId) => pickAccount(accounts, preselectedId),
    chooseRole: (roles, preselected) => pickRole(roles, preselected),
    confirmProfileOverwrite: async (description) => {
      const overwrite = vscode.l10n.t('Overwrite');
      const answer = await vscode.window.showWarningMessage(description, { modal: true }, overwrite);
      return answer === overwrite;
    },
    progress: (stage) => {
      progress.report({ message: stageMessage(stage) });
    },
  };
}

/** Shows the code with Copy / Open actions; not awaited, so polling goes on meanwhile. */
async function offerDeviceCode(prompt: DeviceCodePrompt): Promise<void> {
  const copyAndOpen = vscode.l10n.t('Copy Code and Open Browser');
  const copy = vscode.l10n.t('Copy Code');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('To sign in, open {0} and enter the code {1}.', prompt.verificationUri, prompt.userCode),
    copyAndOpen,
    copy,
  );
  if (choice === copy || choice === copyAndOpen) await vscode.env.clipboard.writeText(prompt.userCode);
  // The URL was checked by the core to be https on an AWS-owned host before we got here.
  if (choice === copyAndOpen) await vscode.env.openExternal(vscode.Uri.parse(prompt.verificationUriComplete ?? prompt.verificationUri));
}

async function pickAccount(accounts: readonly SsoAccount[], preselectedId: string | undefined): Promise<SsoAccount> {
  const items = accounts.map((account) => ({ label: account.accountName, description: account.accountId, detail: account.emailAddress, picked: account.accountId === preselectedId, account }));
  const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Choose the AWS account'), placeHolder: vscode.l10n.t('Accounts your SSO user is assigned to'), ignoreFocusOut: true, matchOnDescription: true });
  if (!chosen) throw new CancelledError(TITLE());
  return chosen.account;
}

async function pickRole(roles: readonly SsoRole[], preselected: string | undefined): Promise<SsoRole> {
  const items = roles.map((role) => ({ label: role.roleName, description: role.accountId, picked: role.roleName === preselected, role }));
  const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Choose the role (permission set)'), ignoreFocusOut: true });
  if (!chosen) throw new CancelledError(TITLE());
  return chosen.role;
}

function stageMessage(stage: SignInStage): string {
  switch (stage) {
    case 'checking-token':
      return vscode.l10n.t('Checking for an existing session…');
    case 'refreshing-token':
      return vscode.l10n.t('Refreshing your session…');
    case 'registering-client':
      return vscode.l10n.t('Registering with IAM Identity Center…');
    case 'waiting-for-browser':
      return vscode.l10n.t('Sign in in the browser page that opened…');
    case 'listing-accounts':
      return vscode.l10n.t('Listing your AWS accounts…');
    case 'listing-roles':
      return vscode.l10n.t('Listing your roles…');
    case 'writing-config':
      return vscode.l10n.t('Writing the AWS profile…');
  }
}
