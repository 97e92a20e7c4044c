/**
 * A unified diff of two texts, to show the user what a write will change before it
 * happens.
 *
 * Hand-written rather than taken from a package: the project ships no diff dependency,
 * the texts are small settings files whose edits touch a few adjacent lines, and what is
 * needed is exactly "common prefix and suffix, then a longest-common-subsequence of the
 * few lines in between". Output follows `diff -u` (hunk headers, 3 lines of context,
 * "\ No newline at end of file"), so `patch` applies it.
 */

export interface UnifiedDiffOptions {
  /** Shown after `---`; `/dev/null` is used when the old text does not exist. */
  readonly oldLabel: string;
  readonly newLabel: string;
  readonly context?: number;
  /** Applied to every printed line, e.g. to hide secret values in unrelated context lines. */
  readonly maskLine?: (line: string) => string;
}

interface Line {
  /** What is compared: the line's text plus whether a newline ends it. */
  readonly key: string;
  readonly text: string;
  readonly missingNewline: boolean;
}

type Operation = { readonly kind: ' ' | '-' | '+'; readonly line: Line };

/** Cap on the LCS table for the changed middle; beyond it the middle is shown replaced wholesale. */
const MAX_TABLE_CELLS = 4_000_000;

export function unifiedDiff(before: string | undefined, after: string, options: UnifiedDiffOptions): string {
  const oldLines = splitLines(before ?? '');
  const newLines = splitLines(after);
  const operations = diffLines(oldLines, newLines);
  if (operations.every((operation) => operation.kind === ' ')) return '';
  const context = options.context ?? 3;
  const mask = options.maskLine ?? ((line: string) => line);
  const out = [`--- ${before === undefined ? '/dev/null' : options.oldLabel}`, `+++ ${options.newLabel}`];
  for (const hunk of hunks(operations, context)) {
    out.push(`@@ -${range(hunk.oldStart, hunk.oldCount)} +${range(hunk.newStart, hunk.newCount)} @@`);
    for (const operation of hunk.operations) {
      out.push(operation.kind + mask(operation.line.text));
      if (operation.line.missingNewline) out.push('\\ No newline at end of file');
    }
  }
  return out.join('\n') + '\n';
}

function splitLines(text: string): Line[] {
  // '' splits to [''], which ends with a newline and so pops to no lines at all.
  const parts = text.split('\n');
  const endsWithNewline = parts[parts.length - 1] === '';
  if (endsWithNewline) parts.pop();
  return parts.map((raw, index) => {
    const missingNewline = !endsWithNewline && index === parts.length - 1;
    // The \r of a CRLF file stays in the key (a CRLF->LF change is a change) but not in the display.
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    return { key: `${missingNewline ? '0' : '1'}${raw}`, text, missingNewline };
  });
}

function diffLines(oldLines: readonly Line[], newLines: readonly Line[]): Operation[] {
  let prefix = 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: redundant bounds: past either end a line is undefined, whose key never equals a line's, so the key comparison stops the loop at the same place
  while (prefix < oldLines.length && prefix < newLines.length && oldLines[prefix]?.key === newLines[prefix]?.key) prefix++;
  let suffix = 0;
  while (
    suffix < oldLines.length - prefix &&
    suffix < newLines.length - prefix &&
    oldLines[oldLines.length - 1 - suffix]?.key === newLines[newLines.length - 1 - suffix]?.key
  ) {
    suffix++;
  }
  const oldMiddle = oldLines.slice(prefix, oldLines.length - suffix);
  const newMiddle = newLines.slice(prefix, newLines.length - suffix);
  const same = (lines: readonly Line[]): Operation[] => lines.map((line) => ({ kind: ' ', line }));
  return [...same(oldLines.slice(0, prefix)), ...middleOperations(oldMiddle, newMiddle), ...same(oldLines.slice(oldLines.length - suffix))];
}

function middleOperations(oldLines: readonly Line[], newLines: readonly Line[]): Operation[] {
  const removed = (lines: readonly Line[]): Operation[] => lines.map((line) => ({ kind: '-', line }));
  const added = (lines: readonly Line[]): Operation[] => lines.map((line) => ({ kind: '+', line }));
  const rows = oldLines.length;
  const columns = newLines.length;
  // An empty side needs no table either: the loops below then remove or add every line.
  if ((rows + 1) * (columns + 1) > MAX_TABLE_CELLS) return [...removed(oldLines), ...added(newLines)];
  // lengths[i][j] = LCS length of oldLines[i..] and newLines[j..], flattened.
  const width = columns + 1;
  const lengths = new Uint32Array((rows + 1) * width);
  // Stryker disable next-line ArithmeticOperator: starting below the table only writes past its end (ignored by a typed array) and zeros into the bottom row, which is zero already
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = columns - 1; j >= 0; j--) {
      lengths[i * width + j] =
        oldLines[i]?.key === newLines[j]?.key
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  const operations: Operation[] = [];
  let i = 0;
  let j = 0;
  // Until either side runs out; the rest of the other is then removed or added below.
  for (;;) {
    const oldLine = oldLines[i];
    const newLine = newLines[j];
    if (!oldLine || !newLine) break;
    if (oldLine.key === newLine.key) {
      operations.push({ kind: ' ', line: oldLine });
      i++;
      j++;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) {
      operations.push({ kind: '-', line: oldLine });
      i++;
    } else {
      operations.push({ kind: '+', line: newLine });
      j++;
    }
  }
  return [...operations, ...removed(oldLines.slice(i)), ...added(newLines.slice(j))];
}

interface Hunk {
  readonly oldStart: number;
  readonly oldCount: number;
  readonly newStart: number;
  readonly newCount: number;
  readonly operations: readonly Operation[];
}

function hunks(operations: readonly Operation[], context: number): Hunk[] {
  const changed = operations.flatMap((operation, index) => (operation.kind === ' ' ? [] : [index]));
  const groups: { from: number; to: number }[] = [];
  for (const index of changed) {
    const from = Math.max(0, index - context);
    const to = Math.min(operations.length, index + context + 1);
    const last = groups[groups.length - 1];
    if (last && from <= last.to) last.to = Math.max(last.to, to);
    else groups.push({ from, to });
  }
  // Line numbers where each operation index starts, in the old and the new text.
  const oldBefore: number[] = [];
  const newBefore: number[] = [];
  let oldLine = 0;
  let newLine = 0;
  for (const operation of operations) {
    oldBefore.push(oldLine);
    newBefore.push(newLine);
    if (operation.kind !== '+') oldLine++;
    if (operation.kind !== '-') newLine++;
  }
  return groups.map(({ from, to }) => {
    const slice = operations.slice(from, to);
    const oldCount = slice.filter((operation) => operation.kind !== '+').length;
    const newCount = slice.filter((operation) => operation.kind !== '-').length;
    // `diff -u` numbers an empty range by the line before it.
    const oldStart = (oldBefore[from] ?? 0) + (oldCount > 0 ? 1 : 0);
    const newStart = (newBefore[from] ?? 0) + (newCount > 0 ? 1 : 0);
    return { oldStart, oldCount, newStart, newCount, operations: slice };
  });
}

function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}
