import type { ShellDialect, ShellWord } from './shellLexer';

/**
 * Which commands of a shell start-up file put a variable into the environment of the
 * programs the shell starts, and which commands are harmless to remove along with
 * such an assignment.
 *
 * Counted as assignments (sh/bash/zsh): `export X=…`, `declare`/`typeset`/`readonly X=…`
 * (unless `+x`), `local -x X=…`, and a plain `X=…` on its own: bash and zsh keep the
 * export flag of a variable that came from the environment, and a later `export X` or
 * `set -a` exports it anyway, so a plain assignment of this name is never safely inert.
 * `X=… command` (a prefix assignment) reaches only that command; it is reported too,
 * since that command may well be `claude`, but it is not edited automatically because
 * commenting the line out would also remove the command.
 * csh/tcsh: `setenv X …` (`set X=…` is a shell variable and is not exported).
 * fish: `set X …` with any scope, unless it erases, queries, lists or un-exports (an
 * existing exported variable stays exported when set again), and fish's `export X=…`.
 * Not assignments: `unset X`, `export -n X`, a bare `export X` (it exports an assignment
 * that is reported where it is made), `echo $X`, and the name inside a string.
 */

export type AssignmentForm = 'export' | 'declare' | 'plain' | 'prefix' | 'setenv' | 'fish-set';

export interface ShellAssignment {
  /** Offset of the variable's name in the file. */
  readonly nameOffset: number;
  readonly form: AssignmentForm;
  /** fish `set -U`: fish also stores the value in its universal-variable file. */
  readonly universal: boolean;
  /** Something follows the name (`X=abc`, `setenv X abc`): in a comment, that is a key left on disk. */
  readonly hasValue: boolean;
}

export interface CommandClassification {
  readonly assignments: readonly ShellAssignment[];
  /** Commenting the command out changes nothing but removing the variable. */
  readonly onlyAboutVariable: boolean;
}

const TEST_COMMANDS = new Set(['[', '[[', 'test', 'true', ':']);

export function classifyCommand(command: readonly ShellWord[], dialect: ShellDialect, name: string): CommandClassification {
  const first = command[0];
  if (!first) return { assignments: [], onlyAboutVariable: true };
  if (TEST_COMMANDS.has(first.raw)) return { assignments: [], onlyAboutVariable: true };
  switch (dialect) {
    case 'posix':
      return classifyPosix(command, name);
    case 'csh':
      return classifyCsh(command, name);
    case 'fish':
      return classifyFish(command, name);
  }
}

interface NameInWord {
  readonly name: string;
  /** Offset of the name in the file. */
  readonly offset: number;
  /** What follows the name: '=' / '+=' (assignment), '' (bare word) or anything else. */
  readonly rest: string;
}

function nameInWord(word: ShellWord): NameInWord | undefined {
  const quote = word.raw.startsWith('"') || word.raw.startsWith("'") ? 1 : 0;
  const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.raw.slice(quote));
  if (!match) return undefined;
  const afterName = word.raw.slice(quote + match[0].length);
  // Unquoted, the word starts with a letter, which cannot follow the name: this holds only for `"NAME"` / `'NAME'`.
  const closingQuote = afterName === word.raw[0];
  const rest = afterName.startsWith('+=') ? '+=' : afterName.startsWith('=') ? '=' : closingQuote ? '' : afterName;
  return { name: match[0], offset: word.start + quote, rest };
}

function isAssignmentTo(word: ShellWord, name: string): NameInWord | undefined {
  const found = nameInWord(word);
  if (!found || found.name !== name || (found.rest !== '=' && found.rest !== '+=')) return undefined;
  return found;
}

/** Whether anything follows `NAME=` / `NAME+=`; quotes alone (`X=""`) are no value. */
function valueAfter(word: ShellWord, found: NameInWord): boolean {
  return holdsValue([{ ...word, raw: word.raw.slice(found.offset - word.start + found.name.length + found.rest.length) }]);
}

function holdsValue(words: readonly ShellWord[]): boolean {
  return words.some((word) => word.raw.replace(/["']/g, '') !== '');
}

function isAnyAssignment(word: ShellWord): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(word.raw);
}

function isRedirection(word: ShellWord): boolean {
  return /^[0-9]*[<>]/.test(word.raw) || /^&>/.test(word.raw);
}

function classifyPosix(command: readonly ShellWord[], name: string): CommandClassification {
  const first = command[0];
  // Stryker disable next-line BooleanLiteral: classifyCommand has already answered for an empty command
  if (!first) return { assignments: [], onlyAboutVariable: true };
  if (isAnyAssignment(first)) {
    let index = 0;
    const assignments: ShellAssignment[] = [];
    let allOurs = true;
    // Stryker disable next-line EqualityOperator: past the end there is no word, and the loop stops just the same
    while (index < command.length) {
      const word = command[index];
      if (!word || !isAnyAssignment(word)) break;
      const ours = isAssignmentTo(word, name);
      if (ours) assignments.push({ nameOffset: ours.offset, form: 'plain', universal: false, hasValue: valueAfter(word, ours) });
      else allOurs = false;
      index++;
    }
    const rest = command.slice(index).filter((word) => !isRedirection(word));
    if (rest.length > 0) {
      return { assignments: assignments.map((assignment) => ({ ...assignment, form: 'prefix' })), onlyAboutVariable: false };
    }
    return { assignments, onlyAboutVariable: allOurs };
  }
  const builtin = first.raw;
  if (builtin === 'unset') {
    return { assignments: [], onlyAboutVariable: command.slice(1).every((word) => word.raw === name || word.raw.startsWith('-')) };
  }
  if (!['export', 'declare', 'typeset', 'readonly', 'local'].includes(builtin)) return { assignments: [], onlyAboutVariable: false };
  let index = 1;
  const flagsOn = new Set<string>();
  const flagsOff = new Set<string>();
  // Stryker disable next-line EqualityOperator: past the end the word is '', which is no option, and the loop stops just the same
  for (; index < command.length; index++) {
    // Stryker disable next-line StringLiteral: inside the loop there always is a word
    const raw = command[index]?.raw ?? '';
    if (raw === '--') {
      index++;
      break;
    }
    // Stryker disable next-line MethodExpression: a '-' among the flags is never looked up
    if (/^-[A-Za-z]+$/.test(raw)) for (const flag of raw.slice(1)) flagsOn.add(flag);
    // Stryker disable next-line MethodExpression: a '+' among the flags is never looked up
    else if (/^\+[A-Za-z]+$/.test(raw)) for (const flag of raw.slice(1)) flagsOff.add(flag);
    else break;
  }
  const operands = command.slice(index);
  const exports = builtin === 'export' ? !flagsOn.has('n') : builtin === 'local' ? flagsOn.has('x') : !flagsOff.has('x');
  const form: AssignmentForm = builtin === 'export' ? 'export' : 'declare';
  const assignments: ShellAssignment[] = [];
  let allOurs = true;
  for (const word of operands) {
    const found = nameInWord(word);
    const ours = found?.name === name && (found.rest === '=' || found.rest === '+=' || found.rest === '');
    if (!ours) allOurs = false;
    if (exports && found && ours && found.rest !== '') assignments.push({ nameOffset: found.offset, form, universal: false, hasValue: valueAfter(word, found) });
  }
  return { assignments, onlyAboutVariable: allOurs };
}

function classifyCsh(command: readonly ShellWord[], name: string): CommandClassification {
  const [first, variable] = command;
  if (first?.raw === 'unsetenv') return { assignments: [], onlyAboutVariable: command.slice(1).every((word) => word.raw === name) };
  if (first?.raw !== 'setenv' || !variable) return { assignments: [], onlyAboutVariable: false };
  const found = nameInWord(variable);
  const ours = found?.name === name && found.rest === '';
  return {
    assignments: ours ? [{ nameOffset: found.offset, form: 'setenv', universal: false, hasValue: holdsValue(command.slice(2)) }] : [],
    onlyAboutVariable: ours,
  };
}

const FISH_NON_ASSIGNING = new Set(['e', 'q', 'n', 'S', 'u', 'erase', 'query', 'names', 'show', 'unexport']);

function classifyFish(command: readonly ShellWord[], name: string): CommandClassification {
  const first = command[0];
  if (first?.raw === 'export') {
    const assignments: ShellAssignment[] = [];
    let allOurs = true;
    for (const word of command.slice(1)) {
      const ours = isAssignmentTo(word, name);
      if (ours) assignments.push({ nameOffset: ours.offset, form: 'export', universal: false, hasValue: valueAfter(word, ours) });
      else allOurs = false;
    }
    return { assignments, onlyAboutVariable: allOurs };
  }
  if (first?.raw !== 'set') return { assignments: [], onlyAboutVariable: false };
  let index = 1;
  let assigning = true;
  let universal = false;
  // Stryker disable next-line EqualityOperator: past the end the word is '', which is no option, and the loop stops just the same
  for (; index < command.length; index++) {
    // Stryker disable next-line StringLiteral: inside the loop there always is a word
    const raw = command[index]?.raw ?? '';
    if (raw === '--') {
      index++;
      break;
    }
    if (raw.startsWith('--')) {
      const option = raw.slice(2);
      if (FISH_NON_ASSIGNING.has(option)) assigning = false;
      if (option === 'universal') universal = true;
    } else if (/^-[A-Za-z]+$/.test(raw)) {
      // Stryker disable next-line MethodExpression: a '-' among the flags is never looked up
      for (const flag of raw.slice(1)) {
        if (FISH_NON_ASSIGNING.has(flag)) assigning = false;
        if (flag === 'U') universal = true;
      }
    } else {
      break;
    }
  }
  const variable = command[index];
  const found = variable ? nameInWord(variable) : undefined;
  const ours = found?.name === name && found.rest === '';
  return {
    assignments: ours && assigning ? [{ nameOffset: found.offset, form: 'fish-set', universal, hasValue: holdsValue(command.slice(index + 1)) }] : [],
    onlyAboutVariable: ours,
  };
}
