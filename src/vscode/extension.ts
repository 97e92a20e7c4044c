import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { createStatusBar } from './statusBar';

/**
 * Activation does no network and loads no AWS SDK: it registers commands and shows the
 * status bar item. Everything that talks to AWS is loaded on first use.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Claude Code on Bedrock', { log: true });
  context.subscriptions.push(log);
  const statusBar = createStatusBar();
  context.subscriptions.push(statusBar);
  registerCommands(context, { log });
  const manifest = context.extension.packageJSON as { version?: string };
  log.info(`Activated ${manifest.version ?? '?'} (${vscode.env.remoteName ?? 'local'}).`);
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
