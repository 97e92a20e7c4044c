import { lineStartOffsets, positionAt } from '../claudeSettings/textPosition';
import { classifyCommand, type CommandClassification } from './shellCommands';
import { lexShell, type ShellDialect } from './shellLexer';
import { analyseStructure, type StatementStructure } from './shellStructure';
import { byHand, removeLine, settleCommentFixes, type TextFinding, type TextFix } from './textFinding';

/**
 * Finds where a shell start-up file (sh/bash/zsh, csh/tcsh, fish) exports `name`, and
 * whether each such line can be removed on its own without changing anything else
 * or breaking the file. Commented-out assignments are found too; those that still hold a
 * value get a fix as well (removing the comment's line), since the key is still on disk.
 */
export function scanShellText(text: string, dialect: ShellDialect, name: string): TextFinding[] {
  const lexed = lexShell(text, dialect);
  const structures = analyseStructure(lexed.statements, dialect);
  const classified = structures.map((structure) => classifyCommand(structure.command, dialect, name));
  const starts = lineStartOffsets(text);
  const findings: TextFinding[] = [];

  structures.forEach((structure, index) => {
    for (const assignment of classified[index]?.assignments ?? []) {
      const { line, column } = positionAt(text, assignment.nameOffset, starts);
      const fix =
        assignment.form === 'prefix'
          ? byHand(`it sets ${name} only for the command on that line, which has to stay; remove just the ${name}=… part`)
          : lineFix(text, starts, line, structures, classified, dialect);
      const alsoDo = assignment.universal
        ? `fish also keeps universal variables by itself: run "set -e -U ${name}" in a fish shell as well.`
        : undefined;
      findings.push(alsoDo ? { line, column, commented: false, fix, alsoDo } : { line, column, commented: false, fix });
    }
  });

  for (const comment of lexed.comments) {
    const body = text.slice(comment.start, comment.end);
    const leading = /^[#\s]*/.exec(body)?.[0].length ?? 0;
    const inner = body.slice(leading);
    const innerStructures = analyseStructure(lexShell(inner, dialect).statements, dialect);
    for (const structure of innerStructures) {
      for (const assignment of classifyCommand(structure.command, dialect, name).assignments) {
        const { line, column } = positionAt(text, comment.start + leading + assignment.nameOffset, starts);
        findings.push({ line, column, commented: true, fix: assignment.hasValue ? commentFix(text, starts, line, comment.start) : undefined });
      }
    }
  }
  // Stryker disable next-line ArithmeticOperator: the findings of one line are pushed in column order (code, then its trailing comment), so no column ever reorders them
  return settleCommentFixes(findings.sort((a, b) => a.line - b.line || a.column - b.column));
}

/**
 * A comment can go with its line when nothing else is on that line and no command runs across it.
 * A command only runs across a line that starts with a comment through a backslash at the end of
 * the line before: a word that went on over the line would leave text before the `#`, or take the
 * `#` in.
 */
function commentFix(text: string, starts: readonly number[], line: number, commentStart: number): TextFix {
  const lineStart = starts[line - 1] ?? 0;
  if (text.slice(lineStart, commentStart).trim() !== '') return byHand('the comment follows a command on that line; delete just the comment');
  if (continuesPreviousLine(text, starts, line)) {
    return byHand('the comment is inside a command that spans several lines; delete just the comment');
  }
  return removeLine();
}

/** The line before `line` ends with a backslash that joins `line` to it. */
function continuesPreviousLine(text: string, starts: readonly number[], line: number): boolean {
  // Stryker disable next-line LogicalOperator,Regex: the line before is one line, ending in its only newline; with `&& 0` the slice takes in the lines before it, which ends the same way
  const previousLine = text.slice(starts[line - 2] ?? 0, starts[line - 1] ?? 0).replace(/\r?\n$/, '');
  return /(?:^|[^\\])(?:\\\\)*\\$/.test(previousLine);
}

function lineFix(
  text: string,
  starts: readonly number[],
  line: number,
  structures: readonly StatementStructure[],
  classified: readonly CommandClassification[],
  dialect: ShellDialect,
): TextFix {
  const lineStart = starts[line - 1] ?? 0;
  const nextLineStart = starts[line] ?? text.length + 1;
  // A backslash at the end of the line before does not always reach a statement of this
  // one (`echo a \` then `; export ...`), but removing the line would join it to the next.
  if (continuesPreviousLine(text, starts, line)) return byHand('it continues a command that starts on an earlier line');
  const onLine: number[] = [];
  // Stryker disable next-line EqualityOperator: one more turn finds no statement and goes on
  for (let index = 0; index < structures.length; index++) {
    const statement = structures[index]?.statement;
    if (!statement) continue;
    if (statement.start < lineStart && statement.end > lineStart) return byHand('it continues a command that starts on an earlier line');
    if (statement.start >= lineStart && statement.start < nextLineStart) onLine.push(index);
  }
  const opened = new Set<number>();
  const closed = new Set<number>();
  for (const index of onLine) {
    const structure = structures[index];
    if (!structure) continue;
    if (structure.statement.end >= nextLineStart) return byHand('the assignment spans more than one line');
    if (structure.statement.hasHereDocument) return byHand('the line starts a here-document');
    if (structure.inCase) return byHand('it is inside a case statement');
    if (!classified[index]?.onlyAboutVariable) return byHand('the line also runs other commands');
    for (const event of structure.events) {
      if (event.kind === 'open') opened.add(event.block);
      else if (!opened.has(event.block)) return byHand('the line also opens, continues or closes a block');
      if (event.kind === 'close') closed.add(event.block);
    }
  }
  for (const block of opened) if (!closed.has(block)) return byHand('the line also opens, continues or closes a block');

  // Stryker disable next-line UnaryOperator: the assignment's own statement is on the line, so onLine is never empty
  const first = structures[onLine[0] ?? -1];
  if (dialect !== 'posix' || !first || first.bodyBefore === 0) return removeLine();
  const body = first.bodyBefore;
  const othersInBody = structures.some((structure, index) => structure.countedIn === body && !onLine.includes(index));
  return removeLine(!othersInBody);
}

/**
 * Lines that must leave a `:` no-op behind when all of `lines` are removed
 * together, so that no sh/bash/zsh block body is left empty (a syntax error there).
 * Decided for the whole set: two lines that each leave a sibling behind can still empty
 * their block between them.
 */
export function linesNeedingNoOp(text: string, lines: ReadonlySet<number>): Set<number> {
  const starts = lineStartOffsets(text);
  const surviving = new Set<number>();
  const lastCommented = new Map<number, number>();
  for (const structure of analyseStructure(lexShell(text, 'posix').statements, 'posix')) {
    const body = structure.countedIn;
    if (body === undefined || body === 0) continue;
    const { line } = positionAt(text, structure.statement.start, starts);
    if (lines.has(line)) lastCommented.set(body, Math.max(lastCommented.get(body) ?? 0, line));
    else surviving.add(body);
  }
  const result = new Set<number>();
  for (const [body, line] of lastCommented) if (!surviving.has(body)) result.add(line);
  return result;
}
