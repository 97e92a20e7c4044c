import * as vscode from 'vscode';
import { BackRequestedError } from '../../core/runtime/backRequested';
import { CancelledError } from '../../core/runtime/cancellation';
import { isInvalid, type Validated } from '../../core/validation/invalidValue';

/** Every question a command of this extension may ask, in the order they come. */
export type QuestionId = 'start-url' | 'sso-region' | 'account' | 'role' | 'inference-profile';

export interface InputQuestion {
  readonly prompt: string;
  readonly placeHolder?: string;
  readonly value?: string;
  /** Shown from the start, e.g. why AWS refused the value typed last time. */
  readonly error?: string;
  readonly validate: (input: string) => Validated<string>;
}

export interface PickQuestion<T> {
  readonly placeHolder: string;
  readonly active?: T | undefined;
  readonly matchOnDescription?: boolean;
  readonly matchOnDetail?: boolean;
}

/**
 * VS Code's multi-step input pattern for one command run: every box titled with the
 * command and its place ("Set Up (2/5)"), a Back button once an earlier question of this
 * run was answered (pressing it rejects with BackRequestedError, and the caller asks that
 * question again), focus-out keeps the box open (the developer may be in the browser),
 * and Escape cancels the run. The same questions, worded the same, serve Set Up and the
 * single commands; only the title and the numbering differ.
 */
export class QuestionFlow {
  private readonly answered = new Set<QuestionId>();

  constructor(
    readonly title: string,
    /** The questions this run may ask, in order; the numbering counts these. */
    private readonly questions: readonly QuestionId[],
    private cancellation?: vscode.CancellationToken,
  ) {}

  /** The progress whose Cancel closes the open question, when it changes between attempts. */
  cancelWith(cancellation: vscode.CancellationToken): void {
    this.cancellation = cancellation;
  }

  async input(id: QuestionId, question: InputQuestion): Promise<string> {
    const box = vscode.window.createInputBox();
    this.frame(box, id);
    box.prompt = question.prompt;
    if (question.placeHolder) box.placeholder = question.placeHolder;
    if (question.value) box.value = question.value;
    if (question.error) box.validationMessage = question.error;
    const check = (input: string): string | undefined => {
      if (input.trim() === '') return undefined;
      const result = question.validate(input.trim());
      return isInvalid(result) ? result.message : undefined;
    };
    const answer = await this.ask<string>(box, (resolve) => [
      box.onDidChangeValue((value) => {
        box.validationMessage = check(value);
      }),
      box.onDidAccept(() => {
        const value = box.value.trim();
        if (value === '' || check(value) !== undefined) return;
        resolve(value);
      }),
    ]);
    const result = question.validate(answer);
    if (isInvalid(result)) throw result;
    this.answered.add(id);
    return result;
  }

  async pick<T extends vscode.QuickPickItem>(id: QuestionId, items: readonly T[], question: PickQuestion<T>): Promise<T> {
    const quickPick = vscode.window.createQuickPick<T>();
    this.frame(quickPick, id);
    quickPick.placeholder = question.placeHolder;
    quickPick.matchOnDescription = question.matchOnDescription ?? false;
    quickPick.matchOnDetail = question.matchOnDetail ?? false;
    quickPick.items = items;
    if (question.active) quickPick.activeItems = [question.active];
    const chosen = await this.ask<T>(quickPick, (resolve) => [
      quickPick.onDidAccept(() => {
        const selected = quickPick.selectedItems[0];
        if (selected) resolve(selected);
      }),
    ]);
    this.answered.add(id);
    return chosen;
  }

  private frame(input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }, id: QuestionId): void {
    const index = this.questions.indexOf(id);
    input.title = this.title;
    if (index >= 0) {
      input.step = index + 1;
      input.totalSteps = this.questions.length;
    }
    input.ignoreFocusOut = true;
    const earlier = this.questions.slice(0, Math.max(0, index)).some((question) => this.answered.has(question));
    input.buttons = earlier ? [vscode.QuickInputButtons.Back] : [];
  }

  /** Shows `input` until an answer, Back, Escape or the run's Cancel; always disposes it. */
  private async ask<T>(
    input: vscode.QuickInput & { onDidTriggerButton: vscode.Event<vscode.QuickInputButton> },
    listen: (resolve: (value: T) => void) => vscode.Disposable[],
  ): Promise<T> {
    const subscriptions: vscode.Disposable[] = [];
    try {
      return await new Promise<T>((resolve, reject) => {
        subscriptions.push(
          ...listen(resolve),
          input.onDidTriggerButton((button) => {
            if (button === vscode.QuickInputButtons.Back) reject(new BackRequestedError());
          }),
          input.onDidHide(() => {
            reject(new CancelledError(this.title));
          }),
        );
        // Cancel in the progress notification closes the question it is waiting on.
        if (this.cancellation) subscriptions.push(this.cancellation.onCancellationRequested(() => {
          input.hide();
        }));
        input.show();
      });
    } finally {
      for (const subscription of subscriptions) subscription.dispose();
      input.dispose();
    }
  }
}
