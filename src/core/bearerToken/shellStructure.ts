import type { ShellDialect, ShellStatement, ShellWord } from './shellLexer';

/**
 * The block structure around each statement of a shell file: which leading words are
 * keywords (`if`, `then`, `do`, `{`, fish `and`, ...), which blocks a statement opens,
 * switches (`else`) or closes, and which block body its command belongs to.
 *
 * This is what tells whether commenting out one line leaves the file valid: the line
 * must not open or close a block it does not also close or open, and in sh/bash/zsh a
 * block body that would become empty (`then` directly followed by `fi` is a syntax
 * error there) needs a `:` no-op in its place. fish and csh accept empty blocks.
 */

export interface BlockEvent {
  readonly kind: 'open' | 'switch' | 'close';
  readonly block: number;
}

export interface StatementStructure {
  readonly statement: ShellStatement;
  /** The words left after the leading keywords: the command proper (may be empty). */
  readonly command: readonly ShellWord[];
  /** Block bodies are numbered from 1; 0 is the top level of the file. */
  readonly bodyBefore: number;
  /** The body in which this statement counts as a command, if it is one. */
  readonly countedIn: number | undefined;
  readonly events: readonly BlockEvent[];
  /** Inside a `case`/`switch`, whose arms we do not try to understand. */
  readonly inCase: boolean;
}

interface Block {
  readonly id: number;
  readonly kind: 'if' | 'loop' | 'case' | 'brace' | 'paren' | 'other';
  body: number;
}

const POSIX_SKIPPED = new Set(['!', 'time', 'builtin', 'command']);
const FISH_SKIPPED = new Set(['and', 'or', 'not', '!', 'command', 'builtin']);

export function analyseStructure(statements: readonly ShellStatement[], dialect: ShellDialect): StatementStructure[] {
  const stack: Block[] = [];
  let nextId = 1;
  let pendingElseIf = false;
  const result: StatementStructure[] = [];

  for (const statement of statements) {
    const words = statement.words;
    const events: BlockEvent[] = [];
    const top = (): Block | undefined => stack[stack.length - 1];
    const bodyBefore = top()?.body ?? 0;
    const inCase = stack.some((block) => block.kind === 'case');
    let countedIn: number | undefined;
    const count = (): void => {
      countedIn ??= top()?.body ?? 0;
    };
    const open = (kind: Block['kind']): void => {
      const id = nextId++;
      stack.push({ id, kind, body: nextId++ });
      events.push({ kind: 'open', block: id });
    };
    const switchBody = (): void => {
      const block = top();
      if (!block) return;
      block.body = nextId++;
      events.push({ kind: 'switch', block: block.id });
    };
    const close = (): void => {
      const block = stack.pop();
      if (block) events.push({ kind: 'close', block: block.id });
    };

    let index = 0;
    let header = false;
    // Stryker disable next-line EqualityOperator: one more turn reads the empty word, which is no keyword, and leaves index where it was
    keywords: while (index < words.length) {
      // Stryker disable next-line StringLiteral: index < words.length, so the word is always there
      const word = words[index]?.raw ?? '';
      if (dialect === 'posix') {
        switch (word) {
          case 'if':
          case 'while':
          case 'until':
            count();
            // Stryker disable next-line ConditionalExpression,EqualityOperator: only a 'case' block is told apart from the others, so which other kind it is changes nothing
            open(word === 'if' ? 'if' : 'loop');
            break;
          case 'for':
          case 'select':
          case 'case':
            count();
            open(word === 'case' ? 'case' : 'loop');
            header = true;
            break keywords;
          case 'then':
          case 'do':
          case 'else':
          case 'elif':
            switchBody();
            break;
          case 'fi':
          case 'done':
          case 'esac':
          case '}':
            close();
            break;
          case '{':
          case '(':
            count();
            // Stryker disable next-line ConditionalExpression,EqualityOperator: only a 'case' block is told apart from the others, so which other kind it is changes nothing
            open(word === '{' ? 'brace' : 'paren');
            break;
          case ')':
            // In a `case`, `pattern)` ends a pattern rather than a subshell.
            if (top()?.kind !== 'case') close();
            break;
          default:
            if (!POSIX_SKIPPED.has(word)) break keywords;
        }
      } else if (dialect === 'fish') {
        switch (word) {
          case 'if':
          // Stryker disable next-line ConditionalExpression: emptied, this case falls through to `begin`, which opens the same block but of kind 'other', and nothing tells that from 'loop'
          case 'while':
            count();
            // Stryker disable next-line ConditionalExpression,EqualityOperator: only a 'case' block is told apart from the others, so which other kind it is changes nothing
            open(word === 'if' ? 'if' : 'loop');
            break;
          case 'begin':
            count();
            open('other');
            break;
          case 'for':
          case 'function':
          case 'switch':
            count();
            open(word === 'switch' ? 'case' : 'loop');
            header = true;
            break keywords;
          case 'else':
            switchBody();
            // `else if` continues the same block in fish.
            if (words[index + 1]?.raw === 'if') index++;
            break;
          case 'case':
            switchBody();
            header = true;
            break keywords;
          case 'end':
            close();
            break;
          default:
            if (!FISH_SKIPPED.has(word)) break keywords;
        }
      } else {
        switch (word) {
          case 'if':
            count();
            break;
          case 'then':
            if (pendingElseIf) switchBody();
            else open('if');
            pendingElseIf = false;
            break;
          case 'else':
            switchBody();
            if (words[index + 1]?.raw === 'if') {
              pendingElseIf = true;
              index++;
            }
            break;
          case 'foreach':
          case 'while':
          case 'switch':
            count();
            open(word === 'switch' ? 'case' : 'loop');
            header = true;
            break keywords;
          case 'endif':
          case 'end':
          case 'endsw':
            close();
            break;
          case '(':
          case ')':
            break;
          default:
            break keywords;
        }
      }
      index++;
    }
    const command = header ? [] : words.slice(index);
    if (command.length > 0) {
      count();
      // `name() {` and `function name {` open a function body. (A command is never `{` alone: a
      // leading `{` is a keyword above.)
      if (dialect === 'posix' && command[command.length - 1]?.raw === '{') open('brace');
    }
    result.push({ statement, command, bodyBefore, countedIn, events, inCase });
  }
  return result;
}
