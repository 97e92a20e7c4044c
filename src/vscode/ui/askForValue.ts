import * as vscode from 'vscode';
import { CancelledError } from '../../core/runtime/cancellation';
import { isInvalid, type Validated } from '../../core/validation/invalidValue';

/**
 * An input box that validates as the user types with the same core validator the CLI
 * and the org file use, and returns the normalised value. Escape cancels the command.
 */
export async function askForValue(options: { title: string; prompt: string; placeHolder?: string; value?: string; validate: (input: string) => Validated<string> }): Promise<string> {
  const answer = await vscode.window.showInputBox({
    title: options.title,
    prompt: options.prompt,
    ...(options.placeHolder ? { placeHolder: options.placeHolder } : {}),
    ...(options.value ? { value: options.value } : {}),
    ignoreFocusOut: true,
    validateInput: (input) => {
      if (input.trim() === '') return undefined;
      const result = options.validate(input.trim());
      return isInvalid(result) ? result.message : undefined;
    },
  });
  if (answer === undefined || answer.trim() === '') throw new CancelledError(options.title);
  const result = options.validate(answer.trim());
  if (isInvalid(result)) throw result;
  return result;
}
