import * as vscode from 'vscode';

export const STATUS_BAR_ITEM_ID = 'bedrockOnboarding.status';

export function createStatusBar(): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem(STATUS_BAR_ITEM_ID, vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Claude Code on Bedrock');
  item.text = `$(cloud) ${vscode.l10n.t('Set up Claude on Bedrock')}`;
  item.tooltip = vscode.l10n.t('Claude Code on Bedrock is not set up yet. Click to see the log.');
  item.command = 'bedrockOnboarding.showLog';
  item.show();
  return item;
}
