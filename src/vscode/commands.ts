import * as vscode from 'vscode';
import type { ExtensionServices } from './extensionServices';
import { reportCommandError } from './ui/reportError';
import { signInCommand } from './commands/signInCommand';
import { signOutCommand } from './commands/signOutCommand';

type CommandHandler = (services: ExtensionServices) => Promise<unknown>;

/**
 * Every command id and the handler behind it. Ids match `contributes.commands` in
 * package.json (an extension-host test checks both lists agree). Each handler's
 * failures reach the user through one sentence (reportCommandError).
 */
const COMMANDS: Readonly<Record<string, { title: () => string; run: CommandHandler }>> = {
  'bedrockOnboarding.signIn': { title: () => vscode.l10n.t('Sign In with AWS SSO'), run: signInCommand },
  'bedrockOnboarding.signOut': { title: () => vscode.l10n.t('Sign Out'), run: signOutCommand },
  'bedrockOnboarding.showLog': {
    title: () => vscode.l10n.t('Show Log'),
    run: (services) => {
      services.channel.show();
      return Promise.resolve();
    },
  },
};

export function registerCommands(services: ExtensionServices): void {
  for (const [id, command] of Object.entries(COMMANDS)) {
    services.context.subscriptions.push(
      vscode.commands.registerCommand(id, async () => {
        try {
          return await command.run(services);
        } catch (error) {
          await reportCommandError(services.logger, command.title(), error);
          return undefined;
        }
      }),
    );
  }
}
