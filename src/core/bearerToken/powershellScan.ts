import { lineStartOffsets, positionAt } from '../claudeSettings/textPosition';
import { byHand, removeLine, settleCommentFixes, type TextFinding, type TextFix } from './textFinding';

/**
 * Finds where a PowerShell profile sets an environment variable:
 * `$env:X = …` / `${env:X} = …` (also `+=`), `[Environment]::SetEnvironmentVariable('X', …)`
 * and `Set-Item` / `New-Item` / `Set-Content` on `Env:X`.
 *
 * Assigning `''` or `$null` removes a variable in PowerShell (and in .NET's
 * SetEnvironmentVariable), so those lines are not findings. Commented-out assignments are
 * found too; those that still hold a value get a fix (removing the comment's line), since
 * the key is still on disk.
 *
 * The text is first masked: string contents become `_` and comments blanks, keeping every
 * offset and newline, so the patterns below only ever match code. String literals that
 * are just the variable's name (or `Env:` plus it, or a target like 'User') are kept.
 */

interface Masked {
  readonly code: string;
  readonly comments: readonly { readonly start: number; readonly end: number }[];
  /** Strings and comments that contain a newline. */
  readonly multiLine: readonly { readonly start: number; readonly end: number }[];
}

interface Match {
  readonly nameOffset: number;
  /** It assigns '' or $null, which removes the variable. */
  readonly removes: boolean;
  /** Something is assigned: in a comment, that is a key left on disk. */
  readonly hasValue: boolean;
  /** 'User' or 'Machine' when .NET also stores the value in the Windows registry. */
  readonly persistedTarget: string | undefined;
}

export function scanPowerShellText(text: string, name: string): TextFinding[] {
  const keep = new RegExp(`^(?:env:\\\\?)?${name}$|^(?:User|Machine|Process)$`, 'i');
  const masked = maskPowerShell(text, keep);
  const starts = lineStartOffsets(text);
  const findings: TextFinding[] = [];

  for (const match of findAssignments(masked.code, name)) {
    if (match.removes) continue;
    const { line, column } = positionAt(text, match.nameOffset, starts);
    const fix = lineFix(masked, starts, line, name);
    const alsoDo =
      match.persistedTarget === undefined
        ? undefined
        : `Windows also keeps it in your ${match.persistedTarget.toLowerCase()} environment: run [Environment]::SetEnvironmentVariable('${name}', $null, '${match.persistedTarget}') once, or remove it under System Properties > Environment Variables.`;
    findings.push(alsoDo ? { line, column, commented: false, fix, alsoDo } : { line, column, commented: false, fix });
  }

  for (const comment of masked.comments) {
    const body = text.slice(comment.start, comment.end);
    for (const match of findAssignments(body, name)) {
      if (match.removes) continue;
      const { line, column } = positionAt(text, comment.start + match.nameOffset, starts);
      findings.push({ line, column, commented: true, fix: match.hasValue ? commentFix(text, masked, starts, comment, line) : undefined });
    }
  }
  return settleCommentFixes(findings.sort((a, b) => a.line - b.line || a.column - b.column));
}

/** A comment can go with its line when it is all the line holds and no command continues into it. */
function commentFix(text: string, masked: Masked, starts: readonly number[], comment: { readonly start: number; readonly end: number }, line: number): TextFix {
  const lineStart = starts[line - 1] ?? 0;
  const body = text.slice(comment.start, comment.end);
  if (body.includes('\n')) return byHand('the comment spans more than one line; delete just that part of it');
  if (text.slice(lineStart, comment.start).trim() !== '' || text.slice(comment.end, lineEndIn(text, comment.end)).trim() !== '') {
    return byHand('the comment shares its line with a command; delete just the comment');
  }
  if (previousLineContinues(masked.code, starts, line)) return byHand('a command continues into the comment; delete just the comment');
  return removeLine();
}

function findAssignments(code: string, name: string): Match[] {
  const matches: Match[] = [];
  const removal = /^\s*(?:''|""|\$null)\s*(?:[;#)}]|$)/i;

  const variable = new RegExp(`\\$(?:env:${name}(?![\\w:])|\\{env:${name}\\})\\s*\\+?=(?!=)`, 'gi');
  for (const found of code.matchAll(variable)) {
    const nameOffset = found.index + found[0].toLowerCase().indexOf(name.toLowerCase());
    const rest = code.slice(found.index + found[0].length, lineEndIn(code, found.index));
    matches.push({ nameOffset, removes: removal.test(rest), hasValue: rest.trim() !== '', persistedTarget: undefined });
  }

  const dotnet = new RegExp(
    `\\[(?:System\\.)?Environment\\]::SetEnvironmentVariable\\(\\s*(['"])${name}\\1\\s*,\\s*([^,)]*)(?:,\\s*([^)]*))?\\)`,
    'gi',
  );
  for (const found of code.matchAll(dotnet)) {
    const nameOffset = found.index + found[0].toLowerCase().indexOf(name.toLowerCase());
    // Stryker disable next-line StringLiteral: group 2 always takes part in a match (it may be empty), so the default is never used
    const value = found[2] ?? '';
    // Stryker disable next-line StringLiteral: any default without "user" or "machine" in it names no target, as '' does
    const target = /(User|Machine)/i.exec(found[3] ?? '')?.[1];
    const persistedTarget = target === undefined ? undefined : target.charAt(0).toUpperCase() + target.slice(1).toLowerCase();
    // Stryker disable next-line MethodExpression: the \s* before the value takes every blank, so the value is never blanks alone
    matches.push({ nameOffset, removes: removal.test(value), hasValue: value.trim() !== '', persistedTarget });
  }

  const item = new RegExp(`\\b(?:Set-Item|si|New-Item|ni|Set-Content|sc)\\b[^\\n;]*?(['"]?)env:\\\\?${name}\\1(?![\\w])`, 'gi');
  for (const found of code.matchAll(item)) {
    const nameOffset = found.index + found[0].toLowerCase().lastIndexOf(name.toLowerCase());
    // The value may come before or after the path (-Value and -Path in either order): whatever else the command has.
    const end = found.index + found[0].length;
    // Stryker disable next-line StringLiteral: split always returns at least one part
    const command = `${found[0]}${code.slice(end, lineEndIn(code, end)).split(/[;#]/)[0] ?? ''}`;
    // Stryker disable next-line Regex: the match starts with the command's name, so the first run of non-blanks is at the start anyway
    const others = command.replace(/^\S+/, '').replace(new RegExp(`(['"]?)env:\\\\?${name}\\1`, 'i'), '').replace(/-(?:Path|LiteralPath|Force)\b/gi, '');
    matches.push({ nameOffset, removes: false, hasValue: others.trim() !== '', persistedTarget: undefined });
  }
  return matches;
}

/** The line before ends with a backtick, which joins it to this one (the newline between is blank space to the pattern). */
function previousLineContinues(code: string, starts: readonly number[], line: number): boolean {
  // On line 1 the slice starts at undefined, i.e. 0, and ends at 0: there is no line before.
  return /`\s*$/.test(code.slice(starts[line - 2], starts[line - 1]));
}

function lineEndIn(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}

function lineFix(masked: Masked, starts: readonly number[], line: number, name: string): TextFix {
  const lineStart = starts[line - 1] ?? 0;
  const lineEnd = lineEndIn(masked.code, lineStart);
  // A \r before the newline is blank space to every check below.
  const code = masked.code.slice(lineStart, lineEnd);
  if (previousLineContinues(masked.code, starts, line)) return byHand('it continues a command that starts on an earlier line');
  if (/`\s*$/.test(code)) return byHand('the command continues on the next line');
  const spansLines = masked.multiLine.some(
    (span) =>
      // Stryker disable next-line EqualityOperator: a span starts at a quote, @ or <, never at the newline that ends a line
      span.start < lineEnd &&
      // Stryker disable next-line EqualityOperator: a span ends after its closing quote, '@ or #>, or at the end of the text, never right where a line with a finding starts
      span.end > lineStart,
  );
  if (spansLines) return byHand('it has text that spans more than one line');
  let depth = 0;
  for (const char of code) {
    if (char === '{' || char === '(') depth++;
    else if (char === '}' || char === ')') depth--;
    if (depth < 0) return byHand('the line also closes a block');
  }
  if (depth !== 0) return byHand('the line also opens a block');
  const statements = code.split(';').filter((statement) => statement.trim() !== '');
  if (!statements.every((statement) => findAssignments(statement, name).length > 0)) return byHand('the line also runs other commands');
  return removeLine();
}

function maskPowerShell(text: string, keep: RegExp): Masked {
  const out = text.split('');
  const comments: { start: number; end: number }[] = [];
  const multiLine: { start: number; end: number }[] = [];
  const blank = (start: number, end: number, filler: string): void => {
    // A \r before a newline goes too: inside a string or comment, no check below reads it.
    for (let index = start; index < end; index++) if (out[index] !== '\n') out[index] = filler;
  };
  const literal = (start: number, contentStart: number, contentEnd: number, end: number): void => {
    if (!keep.test(text.slice(contentStart, contentEnd))) blank(contentStart, contentEnd, '_');
    if (text.slice(start, end).includes('\n')) multiLine.push({ start, end });
  };

  let index = 0;
  // Stryker disable next-line EqualityOperator: one more turn at the end reads no character and only steps on
  while (index < text.length) {
    const char = text[index];
    const next = text[index + 1];
    if (char === '<' && next === '#') {
      const close = text.indexOf('#>', index + 2);
      const end = close === -1 ? text.length : close + 2;
      comments.push({ start: index, end });
      if (text.slice(index, end).includes('\n')) multiLine.push({ start: index, end });
      blank(index, end, ' ');
      index = end;
    } else if (char === '#' && startsToken(text, index)) {
      const end = lineEndIn(text, index);
      comments.push({ start: index, end });
      blank(index, end, ' ');
      index = end;
    } else if (char === '@' && (next === "'" || next === '"') && /^[ \t]*\r?\n/.test(text.slice(index + 2, index + 200))) {
      const terminator = new RegExp(`\\n[ \\t]*${next}@`, 'g');
      terminator.lastIndex = index;
      const found = terminator.exec(text);
      const contentStart = index + 2;
      const contentEnd = found ? found.index : text.length;
      const end = found ? found.index + found[0].length : text.length;
      literal(index, contentStart, contentEnd, end);
      index = end;
    } else if (char === "'") {
      let end = index + 1;
      while (
        // Stryker disable next-line EqualityOperator: one more step past an unclosed string only adds a '_' after the end of the masked text, more of that string
        end < text.length &&
        !(text[end] === "'" && text[end + 1] !== "'")
      ) {
        end += text[end] === "'" ? 2 : 1;
      }
      literal(index, index + 1, end, Math.min(end + 1, text.length));
      index = end + 1;
    } else if (char === '"') {
      let end = index + 1;
      while (
        // Stryker disable next-line EqualityOperator: one more step past an unclosed string only adds a '_' after the end of the masked text, more of that string
        end < text.length &&
        text[end] !== '"'
      ) {
        end += text[end] === '`' ? 2 : 1;
      }
      literal(index, index + 1, end, Math.min(end + 1, text.length));
      index = end + 1;
    } else {
      index++;
    }
  }
  return { code: out.join(''), comments, multiLine };
}

function startsToken(text: string, index: number): boolean {
  const previous = text[index - 1];
  return previous === undefined || /[\s;{}()|]/.test(previous);
}
