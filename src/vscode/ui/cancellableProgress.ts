import * as vscode from 'vscode';

/**
 * A notification progress with a Cancel button whose press aborts `signal`, the form
 * every core operation takes cancellation in. `cancel` aborts it from elsewhere (the
 * developer dismissing the device code).
 */
export function withCancellableProgress<T>(
  title: string,
  task: (progress: vscode.Progress<{ message?: string; increment?: number }>, signal: AbortSignal, cancellation: vscode.CancellationToken, cancel: () => void) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, cancellation) => {
    const abort = new AbortController();
    const subscription = cancellation.onCancellationRequested(() => {
      abort.abort();
    });
    try {
      return await task(progress, abort.signal, cancellation, () => {
        abort.abort();
      });
    } finally {
      subscription.dispose();
    }
  });
}
