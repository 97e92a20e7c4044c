import * as vscode from 'vscode';
import { isCancelled } from '../../core/runtime/cancellation';
import { isUserFacingError } from '../../core/runtime/userFacingError';
import type { Logger } from '../../core/runtime/logger';
import { redactSecrets } from '../../core/secrets/redact';

/**
 * The one place a command's failure reaches the user. A UserFacingError's message is
 * already a sentence meant for them; anything else is a bug, logged in full and shown
 * with a pointer to the log. Cancellations are quiet.
 */
export async function reportCommandError(logger: Logger, commandTitle: string, error: unknown): Promise<void> {
  if (isCancelled(error)) {
    logger.info(`${commandTitle}: cancelled.`);
    return;
  }
  if (isUserFacingError(error)) {
    logger.warn(`${commandTitle}: ${error.message} [${error.code}]`);
    await vscode.window.showErrorMessage(error.message);
    return;
  }
  const detail = redactSecrets(error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error));
  logger.error(`${commandTitle} failed unexpectedly: ${detail}`);
  const showLog = vscode.l10n.t('Show Log');
  const choice = await vscode.window.showErrorMessage(vscode.l10n.t('{0} failed unexpectedly. The log has the details.', commandTitle), showLog);
  if (choice === showLog) await vscode.commands.executeCommand('bedrockOnboarding.showLog');
}
