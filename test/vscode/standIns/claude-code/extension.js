// Stand-in for Claude Code's VS Code extension: counts how often its open command ran.
// A plain CommonJS extension, loaded by the extension host as it is (no build step).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const vscode = require('vscode');

let opened = 0;

exports.activate = (context) => {
  context.subscriptions.push(
    vscode.commands.registerCommand('claude-vscode.editor.openLast', () => {
      opened++;
    }),
    vscode.commands.registerCommand('claude-vscode.newConversation', () => undefined),
    vscode.commands.registerCommand('claudeCodeStandIn.openedCount', () => opened),
  );
};

exports.deactivate = () => undefined;
