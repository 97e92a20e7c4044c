import * as vscode from 'vscode';
import type { BearerTokenFinding } from '../../core/bearerToken/bearerTokenFinding';
import type { ClaudeSettingsPlan } from '../../core/claudeSettings/settingsPlan';
import type { ClaudeTier, InferenceProfileCandidate } from '../../core/discovery/inferenceProfileCandidate';
import { CancelledError } from '../../core/runtime/cancellation';
import type { SetupInteraction } from '../../core/setup/setupInteraction';
import { askForProfileArn, pickInferenceProfile } from '../configure/profilePicker';
import { signInQuestions } from '../signIn/signInQuestions';
import type { QuestionFlow } from '../ui/questionFlow';

export const SET_UP_TITLE = (): string => vscode.l10n.t('Set Up Claude Code');
/** The title of Set Up's question boxes; the flow adds the step ("Set Up (2/5)"). */
export const SET_UP_QUESTION_TITLE = (): string => vscode.l10n.t('Set Up');
export const CLAUDE_INSTALL_TERMINAL_NAME = 'Install Claude Code';

/**
 * Set Up's questions: sign-in's (shared with the Sign In command), the inference profile
 * as the flow's last numbered step, and dialogs for the confirmations. Every box keeps
 * focus-out open (the developer may be in the browser) and Escape cancels the whole run.
 */
export function setupQuestions(flow: QuestionFlow, report: (message: string) => void, abort: () => void): SetupInteraction & { dispose(): void } {
  const signIn = signInQuestions(flow, report, abort);
  return {
    ...signIn,
    dispose: () => {
      signIn.dispose();
    },
    chooseDefaultProfile: async (candidates, recommended, offerSearchAgain) => {
      const chosen = await pickInferenceProfile(candidates, {
        flow,
        placeHolder: vscode.l10n.t('The inference profile Claude Code uses by default'),
        recommendedArn: recommended.arn,
        allowPaste: false,
        offerSearchAgain,
      });
      if (chosen.kind === 'search-again') return 'search-again';
      if (chosen.kind !== 'candidate') throw new CancelledError(SET_UP_TITLE());
      return chosen.candidate;
    },
    chooseTierProfile: async (tier: ClaudeTier, choices: readonly InferenceProfileCandidate[]) => {
      const chosen = await pickInferenceProfile(choices, { flow, placeHolder: vscode.l10n.t('Which {0} inference profile should Claude Code use?', tier), allowPaste: false });
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
    offerClaudeInstall: async ({ detail, installCommand }) => {
      const install = vscode.l10n.t('Install in Terminal');
      const myself = vscode.l10n.t("I'll Install It Myself");
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Claude Code itself is not ready on this machine.'),
        { modal: true, detail: installCommand ? `${detail}\n\n${vscode.l10n.t('Install it with: {0}', installCommand)}` : detail },
        ...(installCommand ? [install] : []),
        myself,
      );
      if (answer !== install || !installCommand) return 'later';
      const terminal = vscode.window.createTerminal({ name: CLAUDE_INSTALL_TERMINAL_NAME });
      terminal.show();
      terminal.sendText(installCommand);
      return 'installing';
    },
  };
}
