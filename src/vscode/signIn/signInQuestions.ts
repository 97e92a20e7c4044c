import * as vscode from 'vscode';
import type { SignInInteraction, SignInStage } from '../../core/sso/signInTypes';
import type { SsoAccount, SsoRole } from '../../core/sso/ssoPortal';
import { signInAuthorization } from '../commands/signInAuthorization';
import type { QuestionFlow } from '../ui/questionFlow';
import { DeviceCodeDisplay } from './deviceCodePrompt';

/** Closes the device code if it is still shown. */
export interface SignInQuestions extends SignInInteraction {
  dispose(): void;
}

/**
 * Sign-in's questions for Set Up and the Sign In command alike: the device code (closed
 * as soon as sign-in moves on or ends), the account and role as numbered steps of `flow`,
 * and the progress line following the real stage. `report` writes the progress line;
 * `abort` cancels the sign-in when the developer dismisses the code.
 */
export function signInQuestions(flow: QuestionFlow, report: (message: string) => void, abort: () => void): SignInQuestions {
  const code = new DeviceCodeDisplay(flow.title, abort);
  return {
    showCode: (prompt) => {
      report(vscode.l10n.t('Waiting for code {0} to be approved in your browser…', prompt.userCode));
      code.show(prompt);
    },
    // Browser sign-in (PKCE) on a local desktop, the device code elsewhere (issue 16's seam).
    authorization: signInAuthorization(),
    progress: (stage) => {
      // Every stage after the code means it was approved (or never needed).
      if (stage !== 'registering-client' && stage !== 'checking-token' && stage !== 'waiting-for-browser') code.close();
      report(stageMessage(stage));
    },
    chooseAccount: async (accounts, preselectedId) => {
      code.close();
      const items = accounts.map((account) => ({ label: account.accountName, description: account.accountId, detail: account.emailAddress, account }));
      const chosen = await flow.pick('account', items, {
        placeHolder: vscode.l10n.t('Choose the AWS account'),
        active: items.find((item) => item.account.accountId === preselectedId),
        matchOnDescription: true,
      });
      return chosen.account satisfies SsoAccount;
    },
    chooseRole: async (roles, preselected) => {
      const items = roles.map((role) => ({ label: role.roleName, description: role.accountId, role }));
      const chosen = await flow.pick('role', items, { placeHolder: vscode.l10n.t('Choose the role (permission set)'), active: items.find((item) => item.role.roleName === preselected) });
      return chosen.role satisfies SsoRole;
    },
    confirmProfileOverwrite: async (description) => {
      const overwrite = vscode.l10n.t('Overwrite');
      return (await vscode.window.showWarningMessage(description, { modal: true }, overwrite)) === overwrite;
    },
    dispose: () => {
      code.dispose();
    },
  };
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
