import * as vscode from 'vscode';

export interface CommandDependencies {
  readonly log: vscode.LogOutputChannel;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDependencies): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('bedrockOnboarding.showLog', () => {
      deps.log.show();
    }),
  );
}
