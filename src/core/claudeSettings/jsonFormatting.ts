import type { FormattingOptions } from 'jsonc-parser';

/**
 * How an existing JSON file is laid out, so edits made with jsonc-parser look as if the
 * user had typed them: same indentation unit (tab, 2 or 4 spaces, ...) and line ending.
 */
export interface JsonLayout extends FormattingOptions {
  readonly insertSpaces: boolean;
  readonly tabSize: number;
  readonly eol: '\n' | '\r\n';
}

/** What Claude Code itself writes (`JSON.stringify(value, null, 2)`), used for new files. */
export const DEFAULT_JSON_LAYOUT: JsonLayout = { insertSpaces: true, tabSize: 2, eol: '\n' };

export function detectJsonLayout(text: string): JsonLayout {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let smallestSpaceIndent = Number.POSITIVE_INFINITY;
  let tabIndentedLines = 0;
  let spaceIndentedLines = 0;
  for (const line of text.split('\n')) {
    const match = /^([ \t]+)\S/.exec(line);
    if (!match?.[1]) continue;
    const indent = match[1];
    if (indent.startsWith('\t')) {
      tabIndentedLines++;
    } else {
      spaceIndentedLines++;
      // The outermost members carry exactly one unit; deeper ones carry multiples.
      smallestSpaceIndent = Math.min(smallestSpaceIndent, indent.length);
    }
  }
  if (tabIndentedLines > spaceIndentedLines) return { insertSpaces: false, tabSize: 1, eol };
  if (spaceIndentedLines === 0) return { ...DEFAULT_JSON_LAYOUT, eol };
  return { insertSpaces: true, tabSize: smallestSpaceIndent, eol };
}
