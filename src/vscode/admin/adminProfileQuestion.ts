import * as vscode from 'vscode';
import { CancelledError } from '../../core/runtime/cancellation';
import { validateProfileName } from '../../core/validation/configNames';
import { isInvalid } from '../../core/validation/invalidValue';

/**
 * The admin's own credentials for an admin command: a named AWS profile, or empty for the
 * default chain. `prompt` says which permissions the command needs.
 */
export async function askForAdminProfile(title: string, prompt: string): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title,
    prompt,
    ignoreFocusOut: true,
    validateInput: (input) => {
      if (input.trim() === '') return undefined;
      const checked = validateProfileName(input);
      return isInvalid(checked) ? checked.message : undefined;
    },
  });
  if (answer === undefined) throw new CancelledError(title);
  if (answer.trim() === '') return undefined;
  const checked = validateProfileName(answer);
  if (isInvalid(checked)) throw checked;
  return checked;
}
