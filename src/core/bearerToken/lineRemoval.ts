import type { LineFileSyntax } from './bearerTokenFinding';

/**
 * Removes whole lines of a start-up or `.env` file. Commenting a line out would keep the
 * key on disk, readable by anything that reads the file; so the line goes, and a marker
 * comment (which holds no part of it) takes its place to say who removed what, when, and
 * where the old content is until the user deletes the backup. All the supported syntaxes
 * comment with `#`.
 */

export interface LineToRemove {
  /** 1-based. */
  readonly line: number;
  /** Put a `:` no-op in its place (sh/bash/zsh blocks may not be empty). */
  readonly addNoOp: boolean;
}

export function markerComment(date: string, variable: string, backupName: string): string {
  return `# Claude Code on Bedrock removed a line that set ${variable} on ${date}: a Bedrock API key overrides your SSO identity in Claude Code. The old line is in ${backupName} until you delete it.`;
}

export function removeLines(text: string, lines: readonly LineToRemove[], marker: string, syntax: LineFileSyntax): string {
  const pieces = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const byLine = new Map<number, LineToRemove>();
  for (const entry of lines) byLine.set(entry.line, { line: entry.line, addNoOp: (byLine.get(entry.line)?.addNoOp ?? false) || entry.addNoOp });
  for (const entry of byLine.values()) {
    const piece = pieces[entry.line - 1];
    if (piece === undefined) throw new Error(`Internal error: line ${entry.line} is past the end of the file.`);
    const content = piece.replace(/\r?\n$/, '');
    const eol = piece.slice(content.length);
    const indent = /^[ \t]*/.exec(content)?.[0] ?? '';
    // Each line keeps its own ending (none, for a last line without one).
    pieces[entry.line - 1] =
      entry.addNoOp && syntax === 'posix-shell' ? `${indent}${marker}${eol || lineEnding(text)}${indent}:${eol}` : `${indent}${marker}${eol}`;
  }
  return pieces.join('');
}

function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
