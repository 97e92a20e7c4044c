/** A place in a text file as editors show it: both numbers start at 1. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** Offsets at which each line starts (a line ends at `\n`; a `\r` before it belongs to the line). */
export function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

export function positionAt(text: string, offset: number, starts: readonly number[] = lineStartOffsets(text)): TextPosition {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}
