import * as vscode from 'vscode';
import type { SetupRunResult } from '../../core/setup/runSetup';
import type { ExtensionServices } from '../extensionServices';
import { claudeCodeExtensionInstalled, openClaudeCodeExtension } from '../claudeCode/claudeCodeExtension';
import { stepTitle } from './setupStepTitles';

export const CLAUDE_TERMINAL_NAME = 'Claude Code';

/**
 * What Set Up did, step by step, in the log, and one notification: done (with a
 * terminal running `claude` under the profile when Claude Code can run), what still
 * blocks it, cancelled (resumable; silent when nothing had happened yet) or failed (why).
 */
export async function showSetupSummary(services: ExtensionServices, result: SetupRunResult, profileName: string): Promise<void> {
  const marks: Record<string, string> = { satisfied: '✓ (already done)', done: '✓', warning: '⚠', failed: '✗', cancelled: '⏹', 'not-reached': '·' };
  services.logger.info(`Set Up ${result.outcome}${result.resumedAt ? ` (resumed at ${result.resumedAt})` : ''}:`);
  for (const step of result.steps) services.logger.info(`  ${marks[step.status] ?? step.status} ${step.id}${step.summary ? `: ${step.summary}` : ''}`);

  if (result.outcome === 'cancelled') {
    // Escape on the first question: nothing ran, so there is nothing to resume or keep.
    const ranSomething = result.steps.some((step) => step.status === 'done' || step.status === 'warning');
    if (!ranSomething && result.resumedAt === undefined) return;
    const resume = vscode.l10n.t('Resume Set Up');
    const stopped = result.steps.find((step) => step.status === 'cancelled');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('Set Up was cancelled at "{0}". Everything finished before it is kept; run Set Up again to continue from there.', stopped ? stepTitle(stopped.id) : '?'),
      resume,
    );
    if (answer === resume) await vscode.commands.executeCommand('bedrockOnboarding.setUp');
    return;
  }
  if (result.outcome === 'failed') {
    const retry = vscode.l10n.t('Retry');
    const showLog = vscode.l10n.t('Show Log');
    const answer = await vscode.window.showErrorMessage(result.error?.message ?? vscode.l10n.t('Set Up failed. The log has the details.'), retry, showLog);
    if (answer === retry) await vscode.commands.executeCommand('bedrockOnboarding.setUp');
    if (answer === showLog) services.channel.show();
    return;
  }
  const claude = result.steps.find((step) => step.id === 'claude-cli');
  const claudeRuns = claude?.status === 'done' || claude?.status === 'satisfied';
  const blocking = result.steps.filter((step) => step.status === 'warning' && step.id !== 'claude-cli');
  const open = vscode.l10n.t('Open Claude Code in Terminal');
  // Many developers use Claude Code's own extension rather than the terminal; it reads the same settings.
  const openExtension = claudeCodeExtensionInstalled() ? vscode.l10n.t('Open Claude Code Extension') : undefined;
  const showLog = vscode.l10n.t('Show Details');
  const cost = result.steps.find((step) => step.id === 'cost')?.summary ?? '';
  const stillToDo = blocking.map((step) => step.summary).join(' ');
  let message: string;
  if (!claudeRuns) {
    message = vscode.l10n.t('Claude Code on Bedrock is configured with profile {0}. {1} But Claude Code cannot run yet: {2} {3}', profileName, cost, claude?.summary ?? '', stillToDo);
  } else if (blocking.length > 0) {
    message = vscode.l10n.t('Claude Code is set up with profile {0}. Still to do: {1}', profileName, stillToDo);
  } else {
    message = vscode.l10n.t('Claude Code is set up with profile {0}. {1}', profileName, cost);
  }
  const answer = await vscode.window.showInformationMessage(message.trim(), ...(openExtension ? [openExtension] : []), ...(claudeRuns ? [open] : []), showLog);
  if (answer === open) openClaudeTerminal(profileName);
  if (answer !== undefined && answer === openExtension && !(await openClaudeCodeExtension())) openClaudeTerminal(profileName);
  if (answer === showLog) services.channel.show();
}

/** A terminal whose `AWS_PROFILE` is the profile, running `claude` (its settings name the rest). */
export function openClaudeTerminal(profileName: string): vscode.Terminal {
  const terminal = vscode.window.createTerminal({ name: CLAUDE_TERMINAL_NAME, env: { AWS_PROFILE: profileName } });
  terminal.show();
  terminal.sendText('claude');
  return terminal;
}
