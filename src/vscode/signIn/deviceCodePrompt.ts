import * as vscode from 'vscode';
import type { DeviceCodePrompt } from '../../core/sso/deviceAuthorization';

interface CodeAction extends vscode.QuickPickItem {
  readonly open: boolean;
}

/**
 * The device code, shown in one place for exactly as long as it matters: a quick pick
 * with "Copy Code and Open Browser" and "Copy Code" that stays open while the developer
 * is in the browser and is closed by the sign-in itself as soon as the code is approved,
 * refused, expired or cancelled. A notification would not do: VS Code cannot close one,
 * so it would linger in the notification centre with a live button for a dead code.
 * Escape on it cancels the sign-in.
 */
export class DeviceCodeDisplay implements vscode.Disposable {
  private quickPick: vscode.QuickPick<CodeAction> | undefined;

  constructor(
    private readonly title: string,
    private readonly onDismissed: () => void,
  ) {}

  show(prompt: DeviceCodePrompt): void {
    this.close();
    const quickPick = vscode.window.createQuickPick<CodeAction>();
    quickPick.title = vscode.l10n.t('{0}: approve code {1} in your browser', this.title, prompt.userCode);
    quickPick.placeholder = vscode.l10n.t('Enter the code {0} at {1}; this closes by itself once you have approved it.', prompt.userCode, prompt.verificationUri);
    quickPick.ignoreFocusOut = true;
    quickPick.items = [
      { label: `$(link-external) ${vscode.l10n.t('Copy Code and Open Browser')}`, description: prompt.userCode, open: true },
      { label: `$(copy) ${vscode.l10n.t('Copy Code')}`, description: prompt.userCode, open: false },
    ];
    quickPick.onDidAccept(() => {
      const action = quickPick.selectedItems[0];
      if (!action) return;
      void (async () => {
        await vscode.env.clipboard.writeText(prompt.userCode);
        // The core checked the URL is https on an AWS-owned host before it reached us.
        if (action.open) await vscode.env.openExternal(vscode.Uri.parse(prompt.verificationUriComplete ?? prompt.verificationUri));
      })();
    });
    quickPick.onDidHide(() => {
      // Hidden by the developer (Escape), not by close(): that cancels the sign-in.
      if (this.quickPick !== quickPick) return;
      this.quickPick = undefined;
      quickPick.dispose();
      this.onDismissed();
    });
    this.quickPick = quickPick;
    quickPick.show();
  }

  /** The code no longer matters (approved, refused, expired or cancelled). */
  close(): void {
    const quickPick = this.quickPick;
    this.quickPick = undefined;
    quickPick?.dispose();
  }

  dispose(): void {
    this.close();
  }
}
