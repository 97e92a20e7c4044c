import * as vscode from 'vscode';
import type { ExtensionServices } from './extensionServices';
import { loadFeatures } from './featuresLoader';
import { reportCommandError } from './ui/reportError';

/**
 * Every command id and its title (for error sentences). Ids match `contributes.commands`
 * in package.json (an extension-host test checks both lists agree). Handlers live in the
 * lazily loaded features bundle; each handler's failures reach the user through one
 * sentence (reportCommandError).
 */
const COMMAND_TITLES: Readonly<Record<string, () => string>> = {
  'bedrockOnboarding.setUp': () => vscode.l10n.t('Set Up Claude Code'),
  'bedrockOnboarding.openWalkthrough': () => vscode.l10n.t('Open Walkthrough'),
  'bedrockOnboarding.createProfileForDeveloper': () => vscode.l10n.t('Admin: Create Inference Profile for a Developer'),
  'bedrockOnboarding.openPermissionSetPolicy': () => vscode.l10n.t('Admin: Open Permission Set Policy'),
  'bedrockOnboarding.checkOrganizationSetup': () => vscode.l10n.t('Admin: Check Organisation Setup'),
  'bedrockOnboarding.signIn': () => vscode.l10n.t('Sign In with AWS SSO'),
  'bedrockOnboarding.signOut': () => vscode.l10n.t('Sign Out'),
  'bedrockOnboarding.changeAccountOrRole': () => vscode.l10n.t('Change Account or Role…'),
  'bedrockOnboarding.chooseInferenceProfile': () => vscode.l10n.t('Choose Inference Profile'),
  'bedrockOnboarding.configureClaudeCode': () => vscode.l10n.t('Configure Claude Code'),
  'bedrockOnboarding.testConnection': () => vscode.l10n.t('Test Connection'),
  'bedrockOnboarding.checkSetup': () => vscode.l10n.t('Check Setup'),
  'bedrockOnboarding.checkBearerToken': () => vscode.l10n.t('Check for Bedrock API Keys'),
  'bedrockOnboarding.removeBearerToken': () => vscode.l10n.t('Remove Bedrock API Keys…'),
  'bedrockOnboarding.refreshCost': () => vscode.l10n.t('Refresh Cost'),
  'bedrockOnboarding.showCostDetails': () => vscode.l10n.t('Show Cost Details'),
  'bedrockOnboarding.openClaudeCode': () => vscode.l10n.t('Open Claude Code'),
};

export function registerCommands(services: ExtensionServices): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand('bedrockOnboarding.showLog', () => {
      services.channel.show();
    }),
  );
  for (const [id, title] of Object.entries(COMMAND_TITLES)) {
    services.context.subscriptions.push(
      vscode.commands.registerCommand(id, async () => {
        try {
          const handler = loadFeatures().commandHandlers[id];
          if (!handler) throw new Error(`No handler is bundled for ${id}.`);
          return await handler(services);
        } catch (error) {
          await reportCommandError(services.logger, title(), error);
          return undefined;
        }
      }),
    );
  }
}
