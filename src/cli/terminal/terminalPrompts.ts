import * as readline from 'node:readline/promises';
import { CancelledError } from '../../core/runtime/cancellation';

/**
 * Interactive questions on a TTY. Every function here is only called when stdin is a
 * terminal; without one the CLI takes every choice from flags or org defaults and
 * fails with the list of choices instead of asking.
 */
export async function chooseFromList<T>(question: string, items: readonly T[], label: (item: T) => string, preselectedIndex = 0): Promise<T> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    process.stderr.write(`${question}\n`);
    items.forEach((item, index) => process.stderr.write(`  ${String(index + 1).padStart(2)}) ${label(item)}\n`));
    for (;;) {
      const answer = (await rl.question(`Choose 1-${items.length} [${preselectedIndex + 1}]: `)).trim();
      const chosen = answer === '' ? preselectedIndex : Number.parseInt(answer, 10) - 1;
      const item = items[chosen];
      if (Number.isInteger(chosen) && item !== undefined) return item;
      process.stderr.write(`Please enter a number from 1 to ${items.length}.\n`);
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'ABORT_ERR') throw new CancelledError('The choice');
    throw error;
  } finally {
    rl.close();
  }
}

export async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${question} [y/N]: `)).trim().toLowerCase();
    return answer === 'y' || answer === 'yes';
  } finally {
    rl.close();
  }
}
