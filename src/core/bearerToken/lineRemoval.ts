/**
 * Removes whole lines of a start-up or `.env` file. Commenting a line out would keep the
 * key on disk, readable by anything that reads the file; so the line goes, and a marker
 * comment (which holds no part of it) takes its place to say who removed what, when, and
 * where the old content is until the user deletes the backup. All the supported syntaxes
 * comment with `#`.
 */

export interface LinesToRemove {
  /** 1-based, inclusive: one line, or an earlier version's output around it (see legacyCommentedLines.ts). */
  readonly first: number;
  readonly last: number;
  /** Put a `:` no-op in their place (sh/bash/zsh blocks may not be empty; only those ask for one). */
  readonly addNoOp: boolean;
}

export function markerComment(date: string, variable: string, backupName: string): string {
  return `# Claude Code on Bedrock removed a line that set ${variable} on ${date}: a Bedrock API key overrides your SSO identity in Claude Code. The old line is in ${backupName} until you delete it.`;
}

/** Each span becomes one marker line (and a `:` after it when asked), at the indentation of its first line. */
export function removeLines(text: string, spans: readonly LinesToRemove[], marker: string): string {
  // Stryker disable next-line Regex: `[^\n]+` is only tried where no newline follows, so it runs to the end anyway
  const pieces = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  // Two findings on one line come with the same span (and the same decision about a no-op).
  const byFirst = new Map(spans.map((span) => [span.first, span]));
  for (const span of byFirst.values()) {
    const last = pieces[span.last - 1];
    if (last === undefined) throw new Error(`Internal error: line ${String(span.last)} is past the end of the file.`);
    // Stryker disable next-line Regex,StringLiteral: the first line exists (first <= last), and an unanchored `[ \t]*` still matches at its start
    const indent = /^[ \t]*/.exec(pieces[span.first - 1] ?? '')?.[0] ?? '';
    // The span keeps the ending of its last line (none, for a last line without one).
    // Stryker disable next-line Regex: a piece holds one newline at most, at its end
    const eol = /\r?\n$/.exec(last)?.[0] ?? '';
    // Stryker disable next-line EqualityOperator: the last line is overwritten just below
    for (let line = span.first; line < span.last; line++) pieces[line - 1] = '';
    pieces[span.last - 1] = span.addNoOp ? `${indent}${marker}${eol || lineEnding(text)}${indent}:${eol}` : `${indent}${marker}${eol}`;
  }
  return pieces.join('');
}

function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
