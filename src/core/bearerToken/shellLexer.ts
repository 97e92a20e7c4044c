/**
 * Splits a shell start-up file (sh/bash/zsh, csh/tcsh, fish) into statements made of
 * words, and comments, with their offsets.
 *
 * Not a shell parser: just enough lexing to tell code from text. A line inside a quoted
 * string, a here-document, a `$( ... )` or after a backslash continuation is not a new
 * statement, a `#` inside a word or a string is not a comment, and statements end at
 * newlines and `;`, `&`, `|`, `&&`, `||` and (sh, csh) parentheses. That is what decides
 * whether `export AWS_BEARER_TOKEN_BEDROCK=...` is really an assignment and whether its
 * line can be commented out on its own.
 */

export type ShellDialect = 'posix' | 'csh' | 'fish';

export interface ShellWord {
  /** The word exactly as written (quotes included). */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
}

export interface ShellStatement {
  readonly words: readonly ShellWord[];
  readonly start: number;
  readonly end: number;
  /** It feeds a here-document, whose body follows on the next lines. */
  readonly hasHereDocument: boolean;
}

export interface ShellComment {
  /** Offset of the `#`. */
  readonly start: number;
  readonly end: number;
}

export interface LexedShell {
  readonly statements: readonly ShellStatement[];
  readonly comments: readonly ShellComment[];
}

interface PendingHereDocument {
  readonly delimiter: string;
  readonly stripTabs: boolean;
}

export function lexShell(text: string, dialect: ShellDialect): LexedShell {
  const statements: ShellStatement[] = [];
  const comments: ShellComment[] = [];
  let words: ShellWord[] = [];
  let wordStart = -1;
  let hereDocuments: PendingHereDocument[] = [];
  let statementHasHereDocument = false;
  const length = text.length;

  const endWord = (at: number): void => {
    if (wordStart >= 0) words.push({ raw: text.slice(wordStart, at), start: wordStart, end: at });
    wordStart = -1;
  };
  const endStatement = (at: number): void => {
    endWord(at);
    const first = words[0];
    const last = words[words.length - 1];
    if (first && last) statements.push({ words, start: first.start, end: last.end, hasHereDocument: statementHasHereDocument });
    words = [];
    statementHasHereDocument = false;
  };
  const beginWord = (at: number): void => {
    if (wordStart < 0) wordStart = at;
  };

  let index = 0;
  while (index < length) {
    const char = text[index];
    const next = text[index + 1];
    if (char === '\\') {
      if (next === '\n') {
        index += 2;
        continue;
      }
      if (next === '\r' && text[index + 2] === '\n') {
        index += 3;
        continue;
      }
      beginWord(index);
      index += 2;
      continue;
    }
    if (char === '\n') {
      endStatement(index);
      index++;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: with none pending, skipping here-documents skips nothing
      if (hereDocuments.length > 0) {
        index = skipHereDocuments(text, index, hereDocuments);
        hereDocuments = [];
      }
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r') {
      endWord(index);
      index++;
      continue;
    }
    if (char === '#' && wordStart < 0) {
      const end = lineEnd(text, index);
      comments.push({ start: index, end });
      index = end;
      continue;
    }
    if (char === ';' || char === '|' || (char === '&' && !isRedirectionAmpersand(text, index))) {
      endStatement(index);
      while (text[index] === ';' || text[index] === '&' || text[index] === '|') index++;
      continue;
    }
    if ((char === '(' || char === ')') && dialect !== 'fish') {
      endStatement(index);
      statements.push({ words: [{ raw: char, start: index, end: index + 1 }], start: index, end: index + 1, hasHereDocument: false });
      index++;
      continue;
    }
    beginWord(index);
    if (char === "'") {
      index = skipSingleQuoted(text, index, dialect);
    } else if (char === '"') {
      index = skipDoubleQuoted(text, index, dialect);
    } else if (char === '`') {
      index = skipBackticks(text, index);
    } else if (char === '(' /* fish command substitution */) {
      index = skipBalanced(text, index, '(', ')', dialect);
    } else if (char === '$' && next === '(') {
      index = skipBalanced(text, index + 1, '(', ')', dialect);
    } else if (char === '$' && next === '{') {
      index = skipBalanced(text, index + 1, '{', '}', dialect);
    } else if (char === '$' && next === "'" && dialect === 'posix') {
      index = skipAnsiCQuoted(text, index + 1);
    } else if (char === '<' && next === '<' && text[index + 2] === '<') {
      // A here-string (`<<<word`): its last two `<` must not be read as a here-document.
      index += 3;
    } else if (char === '<' && next === '<' && dialect !== 'fish') {
      // csh has here-documents too (without `<<-`); fish has none.
      const parsed = readHereDocumentOperator(text, index, dialect);
      hereDocuments.push(parsed.hereDocument);
      statementHasHereDocument = true;
      index = parsed.end;
    } else {
      index++;
    }
  }
  endStatement(length);
  return { statements, comments };
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  const end = newline === -1 ? text.length : newline;
  return text[end - 1] === '\r' ? end - 1 : end;
}

/** `2>&1`, `>&2`, `&>file`: an ampersand that is part of a redirection, not a separator. */
function isRedirectionAmpersand(text: string, index: number): boolean {
  const previous = text[index - 1];
  return previous === '>' || previous === '<' || text[index + 1] === '>';
}

function skipSingleQuoted(text: string, open: number, dialect: ShellDialect): number {
  // Stryker disable next-line EqualityOperator: past the end the character is undefined, matches nothing, and the loop ends with the same result
  for (let index = open + 1; index < text.length; index++) {
    const char = text[index];
    // Only fish lets a backslash escape a quote inside single quotes.
    if (char === '\\' && dialect === 'fish') index++;
    else if (char === "'") return index + 1;
  }
  return text.length;
}

function skipAnsiCQuoted(text: string, open: number): number {
  // Stryker disable next-line EqualityOperator: past the end the character is undefined, matches nothing, and the loop ends with the same result
  for (let index = open + 1; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') index++;
    else if (char === "'") return index + 1;
  }
  return text.length;
}

function skipDoubleQuoted(text: string, open: number, dialect: ShellDialect): number {
  let index = open + 1;
  // Stryker disable next-line EqualityOperator: past the end the character is undefined, matches nothing, and the loop ends with the same result
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') index += 2;
    else if (char === '"') return index + 1;
    else if (char === '$' && text[index + 1] === '(') index = skipBalanced(text, index + 1, '(', ')', dialect);
    else if (char === '`') index = skipBackticks(text, index);
    else index++;
  }
  return text.length;
}

function skipBackticks(text: string, open: number): number {
  // Stryker disable next-line EqualityOperator: past the end the character is undefined, matches nothing, and the loop ends with the same result
  for (let index = open + 1; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') index++;
    else if (char === '`') return index + 1;
  }
  return text.length;
}

/** From an opening bracket to just after its match, stepping over quoted text. */
function skipBalanced(text: string, open: number, opening: string, closing: string, dialect: ShellDialect): number {
  let depth = 0;
  let index = open;
  // Stryker disable next-line EqualityOperator: past the end the character is undefined, matches nothing, and the loop ends with the same result
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') {
      index += 2;
    } else if (char === "'") {
      index = skipSingleQuoted(text, index, dialect);
    } else if (char === '"') {
      index = skipDoubleQuoted(text, index, dialect);
    } else if (char === '`') {
      index = skipBackticks(text, index);
    } else {
      if (char === opening) depth++;
      else if (char === closing) depth--;
      index++;
      if (depth === 0) return index;
    }
  }
  return text.length;
}

function readHereDocumentOperator(text: string, start: number, dialect: ShellDialect): { hereDocument: PendingHereDocument; end: number } {
  let index = start + 2;
  let stripTabs = false;
  if (text[index] === '-' && dialect === 'posix') {
    stripTabs = true;
    index++;
  }
  while (text[index] === ' ' || text[index] === '\t') index++;
  let delimiter = '';
  // Stryker disable next-line EqualityOperator: past the end charAt gives '', which stops the loop like the end does
  while (index < text.length) {
    const char = text.charAt(index);
    if (' \t\r\n;&|()<>'.includes(char)) break;
    if (char === "'" || char === '"') {
      const close = text.indexOf(char, index + 1);
      const end = close === -1 ? text.length : close;
      delimiter += text.slice(index + 1, end);
      index = end + 1;
    } else if (char === '\\') {
      delimiter += text.charAt(index + 1);
      index += 2;
    } else {
      delimiter += char;
      index++;
    }
  }
  return { hereDocument: { delimiter, stripTabs }, end: index };
}

/** Skips here-document bodies that start at `from`; returns the offset after the last delimiter line. */
function skipHereDocuments(text: string, from: number, hereDocuments: readonly PendingHereDocument[]): number {
  let index = from;
  for (const hereDocument of hereDocuments) {
    while (index < text.length) {
      const newline = text.indexOf('\n', index);
      // Stryker disable next-line ConditionalExpression,UnaryOperator: only the last line has no newline, and nothing follows it whether or not it is the delimiter
      const end = newline === -1 ? text.length : newline;
      let line = text.slice(index, end);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (hereDocument.stripTabs) line = line.replace(/^\t+/, '');
      index = newline === -1 ? text.length : newline + 1;
      if (line === hereDocument.delimiter) break;
    }
  }
  return index;
}
