import type { LineFileSyntax } from './bearerTokenFinding';

/**
 * Comments out whole lines of a start-up or `.env` file, each under a marker comment
 * that says who did it, when and why, keeping the indentation and each line's own line
 * ending. All the supported syntaxes comment with `#`.
 */

export interface LineToComment {
  /** 1-based. */
  readonly line: number;
  /** Put a `:` no-op after it (sh/bash/zsh blocks may not be empty). */
  readonly addNoOp: boolean;
}

export function markerComment(date: string, variable: string): string {
  return `# Disabled by Claude Code on Bedrock on ${date}: ${variable} (a Bedrock API key) overrides your SSO identity in Claude Code.`;
}

export function commentOutLines(text: string, lines: readonly LineToComment[], marker: string, syntax: LineFileSyntax): string {
  const pieces = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const dominantEol = text.includes('\r\n') ? '\r\n' : '\n';
  const byLine = new Map<number, LineToComment>();
  for (const entry of lines) byLine.set(entry.line, { line: entry.line, addNoOp: (byLine.get(entry.line)?.addNoOp ?? false) || entry.addNoOp });
  for (const entry of [...byLine.values()].sort((a, b) => b.line - a.line)) {
    const piece = pieces[entry.line - 1];
    if (piece === undefined) throw new Error(`Internal error: line ${entry.line} is past the end of the file.`);
    const content = piece.replace(/\r?\n$/, '');
    const eol = piece.slice(content.length);
    const indent = /^[ \t]*/.exec(content)?.[0] ?? '';
    const replacement = [`${indent}${marker}${dominantEol}`];
    if (entry.addNoOp && syntax === 'posix-shell') {
      replacement.push(`${indent}# ${content.slice(indent.length)}${dominantEol}`, `${indent}:${eol}`);
    } else {
      replacement.push(`${indent}# ${content.slice(indent.length)}${eol}`);
    }
    pieces[entry.line - 1] = replacement.join('');
  }
  return pieces.join('');
}
