import * as vscode from 'vscode';
import { CancelledError } from '../../core/runtime/cancellation';
import type { ExtensionServices } from '../extensionServices';
import { applySelection, settleSelection } from '../configure/applySelection';
import { runDiscovery, type DiscoveryRun } from '../configure/discoveryRun';
import { askForProfileArn } from '../configure/profilePicker';

const TITLE = (): string => vscode.l10n.t('Configure Claude Code');

/**
 * Finds the developer's inference profiles and points Claude Code at them. When discovery
 * is unambiguous nothing is asked; several profiles of a tier are picked from a list; when
 * nothing is found (listing denied, no tagged profile) the reason is shown with the offer
 * to paste an ARN.
 */
export async function configureClaudeCodeCommand(services: ExtensionServices): Promise<void> {
  let run = await runDiscovery(services, TITLE());
  if (run.result.selection.kind === 'none') run = await pastedArnInstead(services, run);
  const selection = await settleSelection(run, [], TITLE());
  await applySelection(services, run, selection, TITLE());
}

/** Says why nothing was found, in discovery's own sentence, and offers the pasted-ARN path. */
async function pastedArnInstead(services: ExtensionServices, run: DiscoveryRun): Promise<DiscoveryRun> {
  const reason = run.result.problems[0]?.message ?? vscode.l10n.t('No Claude inference profile was found for you.');
  const paste = vscode.l10n.t('Paste an ARN…');
  const answer = await vscode.window.showWarningMessage(reason, paste);
  if (answer !== paste) throw new CancelledError(TITLE());
  const arn = await askForProfileArn(TITLE());
  return runDiscovery(services, TITLE(), { explicitArns: [arn] });
}
