import * as vscode from 'vscode';
import type { BearerTokenFinding } from '../../core/bearerToken/bearerTokenFinding';
import type { ClaudeSettingsPlan } from '../../core/claudeSettings/settingsPlan';
import type { ClaudeTier, InferenceProfileCandidate } from '../../core/discovery/inferenceProfileCandidate';
import { CancelledError } from '../../core/runtime/cancellation';
import type { SetupInteraction } from '../../core/setup/setupInteraction';
import type { DeviceCodePrompt } from '../../core/sso/deviceAuthorization';
import type { SsoAccount, SsoRole } from '../../core/sso/ssoPortal';
import { signInAuthorization } from '../commands/signInAuthorization';
import { askForProfileArn, pickInferenceProfile } from '../configure/profilePicker';

export const SET_UP_TITLE = (): string => vscode.l10n.t('Set Up Claude Code');

/**
 * Set Up's questions as quick picks and dialogs. Every one keeps focus-out open (the
 * developer may be in the browser approving the code) and Escape cancels the whole run.
 */
export function setupQuestions(progress: vscode.Progress<{ message?: string }>, cancellation: vscode.CancellationToken): SetupInteraction {
  return {
    showCode: (prompt) => {
      progress.report({ message: vscode.l10n.t('Enter code {0} in your browser…', prompt.userCode) });
      void offerDeviceCode(prompt);
    },
    authorization: signInAuthorization(),
    chooseAccount: async (accounts, preselectedId) => {
      const items = accounts.map((account) => ({ label: account.accountName, description: account.accountId, detail: account.emailAddress, account }));
      const chosen = await pick(items, vscode.l10n.t('Choose the AWS account'), items.find((item) => item.account.accountId === preselectedId), cancellation);
      return chosen.account satisfies SsoAccount;
    },
    chooseRole: async (roles, preselected) => {
      const items = roles.map((role) => ({ label: role.roleName, description: role.accountId, role }));
      const chosen = await pick(items, vscode.l10n.t('Choose the role (permission set)'), items.find((item) => item.role.roleName === preselected), cancellation);
      return chosen.role satisfies SsoRole;
    },
    confirmProfileOverwrite: async (description) => {
      const overwrite = vscode.l10n.t('Overwrite');
      return (await vscode.window.showWarningMessage(description, { modal: true }, overwrite)) === overwrite;
    },
    chooseDefaultProfile: async (candidates, recommended) => {
      const chosen = await pickInferenceProfile(candidates, {
        title: SET_UP_TITLE(),
        placeHolder: vscode.l10n.t('The inference profile Claude Code uses by default'),
        activeArn: recommended.arn,
        allowPaste: false,
      });
      if (chosen.kind !== 'candidate') throw new CancelledError(SET_UP_TITLE());
      return chosen.candidate;
    },
    chooseTierProfile: async (tier: ClaudeTier, choices: readonly InferenceProfileCandidate[]) => {
      const chosen = await pickInferenceProfile(choices, { title: SET_UP_TITLE(), placeHolder: vscode.l10n.t('Which {0} inference profile should Claude Code use?', tier), allowPaste: false });
      if (chosen.kind !== 'candidate') throw new CancelledError(SET_UP_TITLE());
      return chosen.candidate;
    },
    askForProfileArn: async (reason) => {
      void vscode.window.showWarningMessage(reason);
      return askForProfileArn(SET_UP_TITLE());
    },
    confirmClaudeSettings: async (plan: ClaudeSettingsPlan) => {
      const write = vscode.l10n.t('Write Settings');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('Update {0}?', plan.filePath),
        { modal: true, detail: vscode.l10n.t('These keys change: {0}. Every other key stays as it is, and the current file is kept as a backup.', plan.changedKeys.join(', ')) },
        write,
      );
      return answer === write;
    },
    decideBearerToken: async (findings: readonly BearerTokenFinding[]) => {
      const remove = vscode.l10n.t('Remove It');
      const leave = vscode.l10n.t('Leave It');
      const places = findings.map((finding) => (finding.file ? `${finding.file}${finding.line ? `:${String(finding.line)}` : ''}` : finding.source)).join('\n');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('AWS_BEARER_TOKEN_BEDROCK is set, so Claude Code would use that API key instead of your SSO identity (and your cost would not be yours). Remove it?'),
        { modal: true, detail: places },
        remove,
        leave,
      );
      if (answer === undefined) throw new CancelledError(SET_UP_TITLE());
      return answer === remove ? 'fix' : 'leave';
    },
  };
}

async function pick<T extends vscode.QuickPickItem>(items: readonly T[], placeHolder: string, active: T | undefined, cancellation: vscode.CancellationToken): Promise<T> {
  const quickPick = vscode.window.createQuickPick<T>();
  quickPick.title = SET_UP_TITLE();
  quickPick.placeholder = placeHolder;
  quickPick.ignoreFocusOut = true;
  quickPick.matchOnDescription = true;
  quickPick.items = items;
  if (active) quickPick.activeItems = [active];
  // Cancel in the progress notification closes the question it is waiting on.
  const subscription = cancellation.onCancellationRequested(() => {
    quickPick.hide();
  });
  try {
    const chosen = await new Promise<T | undefined>((resolve) => {
      quickPick.onDidAccept(() => {
        resolve(quickPick.selectedItems[0]);
      });
      quickPick.onDidHide(() => {
        resolve(undefined);
      });
      quickPick.show();
    });
    if (!chosen) throw new CancelledError(SET_UP_TITLE());
    return chosen;
  } finally {
    subscription.dispose();
    quickPick.dispose();
  }
}

/** Shows the code with Copy / Open actions; not awaited, so polling goes on meanwhile. */
async function offerDeviceCode(prompt: DeviceCodePrompt): Promise<void> {
  const copyAndOpen = vscode.l10n.t('Copy Code and Open Browser');
  const copy = vscode.l10n.t('Copy Code');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('To sign in, open {0} and enter the code {1}.', prompt.verificationUri, prompt.userCode), copyAndOpen, copy);
  if (choice === copy || choice === copyAndOpen) await vscode.env.clipboard.writeText(prompt.userCode);
  // The core checked the URL is https on an AWS-owned host before it reached us.
  if (choice === copyAndOpen) await vscode.env.openExternal(vscode.Uri.parse(prompt.verificationUriComplete ?? prompt.verificationUri));
}
