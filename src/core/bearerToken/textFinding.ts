/**
 * A finding inside one file's text, before it is turned into a `BearerTokenFinding`
 * (which adds the file, its kind and the wording of the fix).
 */
export interface TextFinding {
  /** 1-based. */
  readonly line: number;
  /** 1-based column of the variable's name. */
  readonly column: number;
  readonly commented: boolean;
  /**
   * Undefined exactly for a harmless note: a commented-out assignment without a value.
   * One that still holds a value has a fix: it does not reach Claude Code, but the key
   * is on disk, readable by anything that reads the file.
   */
  readonly fix: TextFix | undefined;
  /** Something the user must also do, beyond the edit (e.g. a value fish or Windows keeps elsewhere). */
  readonly alsoDo?: string;
}

export type TextFix =
  /** The line can be removed on its own; `addNoOp` keeps a shell block from becoming empty. */
  | { readonly kind: 'remove-line'; readonly addNoOp: boolean }
  /** Why we will not edit it automatically, as the end of a sentence: "it spans several lines". */
  | { readonly kind: 'by-hand'; readonly reason: string };

export function removeLine(addNoOp = false): TextFix {
  return { kind: 'remove-line', addNoOp };
}

export function byHand(reason: string): TextFix {
  return { kind: 'by-hand', reason };
}

/**
 * A comment that shares its line with code cannot be removed by removing the line, unless
 * the code's own finding removes that line anyway (`export X=a # export X=b`).
 */
export function settleCommentFixes(findings: readonly TextFinding[]): TextFinding[] {
  const removedLines = new Set(findings.filter((found) => !found.commented && found.fix?.kind === 'remove-line').map((found) => found.line));
  return findings.map((found) => (found.commented && found.fix?.kind === 'by-hand' && removedLines.has(found.line) ? { ...found, fix: removeLine() } : found));
}
