import * as vscode from 'vscode';

/**
 * A notification progress with a Cancel button whose press aborts `signal`, the form
 * every core operation takes cancellation in.
 */
export function withCancellableProgress<T>(
  title: string,
  task: (progress: vscode.Progress<{ message?: string; increment?: number }>, signal: AbortSignal, cancellation: vscode.CancellationToken) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, cancellation) => {
    const abort = new AbortController();
    const subscription = cancellation.onCancellationRequested(() => {
      abort.abort();
    });
    try {
      return await task(progress, abort.signal, cancellation);
    } finally {
      subscription.dispose();
    }
  });
}
