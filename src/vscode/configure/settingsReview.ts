import * as vscode from 'vscode';
import { planClaudeSettingsFile, writeClaudeSettings, type ClaudeSettingsWriteResult } from '../../core/claudeSettings/settingsFile';
import type { DesiredClaudeSettings } from '../../core/claudeSettings/settingsPlan';
import { userClaudeSettingsPath } from '../../core/claudeSettings/claudeSettingsPaths';
import { INVALID_SETTINGS_CODE } from '../../core/claudeSettings/settingsDocument';
import { CancelledError } from '../../core/runtime/cancellation';
import { isUserFacingError } from '../../core/runtime/userFacingError';
import type { ExtensionServices } from '../extensionServices';

const PREVIEW_SCHEME = 'bedrock-onboarding-preview';

/** Read-only documents for the two sides of the diff; the real file is never opened for editing. */
class PreviewDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private serial = 0;

  set(name: string, text: string): vscode.Uri {
    this.serial += 1;
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${String(this.serial)}/${name}` });
    this.contents.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }
}

let previews: PreviewDocuments | undefined;

/** Registered on first use rather than at activation, which must stay free of work. */
function previewDocuments(services: ExtensionServices): PreviewDocuments {
  if (!previews) {
    const provider = new PreviewDocuments();
    services.context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, provider), {
      dispose: () => {
        previews = undefined;
      },
    });
    previews = provider;
  }
  return previews;
}

/**
 * Shows the change to the Claude Code settings file as a diff of its current and proposed
 * text, asks before writing, and writes it (atomically, after one backup). Returns
 * undefined when the file already holds these settings. A file that cannot be parsed is
 * refused by the core with a sentence naming the line; it is then opened for the user.
 */
export async function reviewAndWriteClaudeSettings(services: ExtensionServices, desired: DesiredClaudeSettings, title: string): Promise<ClaudeSettingsWriteResult | undefined> {
  let plan;
  try {
    plan = await planClaudeSettingsFile(services.environment, desired);
  } catch (error) {
    await showUnparsableFile(error, services);
    throw error;
  }
  if (!plan.changed) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} already has these settings; nothing was changed.', plan.filePath));
    return undefined;
  }
  const documents = previewDocuments(services);
  const left = documents.set('settings.json', plan.before ?? '');
  const right = documents.set('settings.json', plan.after);
  await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0} (current ↔ proposed)', plan.filePath), { preview: true });

  const write = vscode.l10n.t('Write');
  const detail = plan.changes.map((change) => `${change.action === 'remove' ? '−' : '+'} ${change.key}`).join('\n');
  const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Write these changes to {0}?', plan.filePath), { modal: true, detail }, write);
  if (answer !== write) throw new CancelledError(title);
  const result = await writeClaudeSettings(services.environment, plan, { logger: services.logger });
  services.stateChanged.fire();
  return result;
}

async function showUnparsableFile(error: unknown, services: ExtensionServices): Promise<void> {
  if (!isUserFacingError(error) || error.code !== INVALID_SETTINGS_CODE) return;
  try {
    await vscode.window.showTextDocument(vscode.Uri.file(userClaudeSettingsPath(services.environment)), { preview: false });
  } catch {
    // The error sentence still names the file; opening it is a convenience.
  }
}
