import * as vscode from 'vscode';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import type { ExtensionServices } from '../extensionServices';

/** Ends the SSO session for the configured sso-session: portal logout and cached token. */
export async function signOutCommand(services: ExtensionServices): Promise<void> {
  const { effective } = await services.readSettings();
  const session = effective.ssoSessionName.value ?? 'claude-code';
  const result = await loadAwsOperations().signOut(services.environment, session, { logger: services.logger });
  services.stateChanged.fire();
  if (!result.tokenFileDeleted) {
    void vscode.window.showInformationMessage(vscode.l10n.t('You were not signed in to session {0}; nothing to remove.', session));
    return;
  }
  const message =
    result.portalLogout === 'failed'
      ? vscode.l10n.t('Signed out of session {0}. The AWS access portal could not be reached, but the local token was removed.', session)
      : vscode.l10n.t('Signed out of session {0}. Claude Code will ask you to sign in again.', session);
  void vscode.window.showInformationMessage(message);
}
