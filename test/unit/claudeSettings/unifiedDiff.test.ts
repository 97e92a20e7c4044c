import assert from 'node:assert/strict';
import fc from 'fast-check';
import { unifiedDiff } from '../../../src/core/claudeSettings/unifiedDiff';

const labels = { oldLabel: 'x', newLabel: 'y' };
const lines = (...items: string[]): string => items.map((item) => `${item}\n`).join('');
const TEN = lines('l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8', 'l9', 'l10');

/**
 * Applies a unified diff the way `patch` does, checking every hunk header against its lines
 * and every context and removed line against the old text; returns the new text.
 */
function applyUnifiedDiff(before: string, diff: string): string {
  const old = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const oldEndsWithNewline = before === '' || before.endsWith('\n');
  const out: { text: string; newline: boolean }[] = [];
  const rows = diff.replace(/\n$/, '').split('\n');
  assert.match(rows[0] ?? '', /^--- /);
  assert.match(rows[1] ?? '', /^\+\+\+ /);
  let at = 0;
  let row = 2;
  while (row < rows.length) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(rows[row] ?? '');
    assert.ok(header, `hunk header expected: ${rows[row]}`);
    const oldCount = header[2] === undefined ? 1 : Number(header[2]);
    const newCount = header[4] === undefined ? 1 : Number(header[4]);
    const oldStart = Number(header[1]) - (oldCount === 0 ? 0 : 1);
    const newStart = Number(header[3]) - (newCount === 0 ? 0 : 1);
    assert.ok(oldStart >= at, 'hunks in order, not overlapping');
    for (; at < oldStart; at++) out.push({ text: old[at] ?? '', newline: true });
    assert.equal(out.length, newStart, 'the new start line matches');
    let seenOld = 0;
    let seenNew = 0;
    row++;
    while (row < rows.length && !(rows[row] ?? '').startsWith('@@')) {
      const line = rows[row] ?? '';
      row++;
      if (line === '\\ No newline at end of file') {
        // It belongs to the line before: an old line (removed or context) and/or a new one.
        const previous = rows[row - 2] ?? '';
        if (!previous.startsWith('+')) assert.equal(oldEndsWithNewline, false, 'only the old last line lacks a newline');
        const last = out[out.length - 1];
        if (!previous.startsWith('-') && last) last.newline = false;
        continue;
      }
      const kind = line[0];
      const text = line.slice(1);
      if (kind === ' ' || kind === '-') {
        assert.equal(text, old[at], `line ${at + 1} of the old text`);
        at++;
        seenOld++;
      }
      if (kind === ' ' || kind === '+') {
        out.push({ text, newline: true });
        seenNew++;
      }
      assert.ok(kind === ' ' || kind === '-' || kind === '+', `unexpected line ${line}`);
    }
    assert.equal(seenOld, oldCount, `old count of ${header[0]}`);
    assert.equal(seenNew, newCount, `new count of ${header[0]}`);
  }
  for (; at < old.length; at++) out.push({ text: old[at] ?? '', newline: at < old.length - 1 || oldEndsWithNewline });
  return out.map((line) => line.text + (line.newline ? '\n' : '')).join('');
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff(TEN, TEN, labels), '');
    assert.equal(unifiedDiff('', '', labels), '');
  });

  it('prints one change with three lines of context on each side, as diff -u does', () => {
    assert.equal(
      unifiedDiff(TEN, TEN.replace('l5\n', 'L5\n'), labels),
      ['--- x', '+++ y', '@@ -2,7 +2,7 @@', ' l2', ' l3', ' l4', '-l5', '+L5', ' l6', ' l7', ' l8', ''].join('\n'),
    );
  });

  it('takes the context size from the options', () => {
    assert.equal(
      unifiedDiff(TEN, TEN.replace('l5\n', 'L5\n'), { ...labels, context: 1 }),
      ['--- x', '+++ y', '@@ -4,3 +4,3 @@', ' l4', '-l5', '+L5', ' l6', ''].join('\n'),
    );
    assert.equal(unifiedDiff(lines('a', 'b', 'c'), lines('a', 'b', 'X', 'c'), { ...labels, context: 0 }), ['--- x', '+++ y', '@@ -2,0 +3 @@', '+X', ''].join('\n'));
  });

  it('joins changes six unchanged lines apart into one hunk and splits them at seven', () => {
    assert.equal(
      unifiedDiff(TEN, TEN.replace('l2\n', 'L2\n').replace('l9\n', 'L9\n'), labels),
      ['--- x', '+++ y', '@@ -1,10 +1,10 @@', ' l1', '-l2', '+L2', ' l3', ' l4', ' l5', ' l6', ' l7', ' l8', '-l9', '+L9', ' l10', ''].join('\n'),
    );
    assert.equal(
      unifiedDiff(TEN, TEN.replace('l2\n', 'L2\n').replace('l10\n', 'L10\n'), labels),
      ['--- x', '+++ y', '@@ -1,5 +1,5 @@', ' l1', '-l2', '+L2', ' l3', ' l4', ' l5', '@@ -7,4 +7,4 @@', ' l7', ' l8', ' l9', '-l10', '+L10', ''].join('\n'),
    );
  });

  it('numbers an empty side by the line before it and a one-line range without a count', () => {
    assert.equal(unifiedDiff(undefined, lines('a', 'b'), labels), ['--- /dev/null', '+++ y', '@@ -0,0 +1,2 @@', '+a', '+b', ''].join('\n'));
    assert.equal(unifiedDiff('', lines('a'), labels), ['--- x', '+++ y', '@@ -0,0 +1 @@', '+a', ''].join('\n'), 'an empty file that exists keeps its label');
    assert.equal(unifiedDiff(lines('a'), '', labels), ['--- x', '+++ y', '@@ -1 +0,0 @@', '-a', ''].join('\n'));
  });

  it('shows removals before additions and keeps a common line between them', () => {
    assert.equal(unifiedDiff(lines('a', 'b'), lines('c', 'd'), labels), ['--- x', '+++ y', '@@ -1,2 +1,2 @@', '-a', '-b', '+c', '+d', ''].join('\n'));
    assert.equal(
      unifiedDiff(lines('a', 'k', 'b'), lines('c', 'k', 'd'), labels),
      ['--- x', '+++ y', '@@ -1,3 +1,3 @@', '-a', '+c', ' k', '-b', '+d', ''].join('\n'),
    );
  });

  it('marks a last line without a newline, and treats adding that newline as a change', () => {
    assert.equal(unifiedDiff('a\nb', 'a\nb\n', labels), ['--- x', '+++ y', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+b', ''].join('\n'));
    assert.equal(unifiedDiff('a\n', 'a\nb', labels), ['--- x', '+++ y', '@@ -1 +1,2 @@', ' a', '+b', '\\ No newline at end of file', ''].join('\n'));
    // A line is never the same as one that differs from it only by its newline, whatever its text.
    assert.equal(unifiedDiff('0x\n', 'x', labels), ['--- x', '+++ y', '@@ -1 +1 @@', '-0x', '+x', '\\ No newline at end of file', ''].join('\n'));
    assert.equal(unifiedDiff('a\n', '1a', labels), ['--- x', '+++ y', '@@ -1 +1 @@', '-a', '+1a', '\\ No newline at end of file', ''].join('\n'));
  });

  it('shows a CRLF to LF change as a change without printing the carriage return', () => {
    assert.equal(unifiedDiff('a\r\nb\r\n', 'a\nb\r\n', labels), ['--- x', '+++ y', '@@ -1,2 +1,2 @@', '-a', '+a', ' b', ''].join('\n'));
  });

  it('drops only the carriage return of a CRLF line when printing it', () => {
    assert.equal(unifiedDiff('one\r\ntwo\r\n', 'one\r\nTWO\r\n', labels), ['--- x', '+++ y', '@@ -1,2 +1,2 @@', ' one', '-two', '+TWO', ''].join('\n'));
  });

  it('shows a repeated line added or removed at the end, without counting the common line twice', () => {
    assert.equal(unifiedDiff(lines('a'), lines('a', 'a'), labels), ['--- x', '+++ y', '@@ -1 +1,2 @@', ' a', '+a', ''].join('\n'));
    assert.equal(unifiedDiff(lines('a', 'a'), lines('a'), labels), ['--- x', '+++ y', '@@ -1,2 +1 @@', ' a', '-a', ''].join('\n'));
  });

  it('keeps all the common last lines as the ending, even when one of them also appears among the changed lines', () => {
    // Matching "a" from the end keeps it next to "b"; matching it from the start would not.
    assert.equal(
      unifiedDiff(lines('x', 'a', 'b'), lines('a', 'y', 'a', 'b'), labels),
      ['--- x', '+++ y', '@@ -1,3 +1,4 @@', '-x', '+a', '+y', ' a', ' b', ''].join('\n'),
    );
    assert.equal(
      unifiedDiff(lines('a', 'y', 'a', 'b'), lines('x', 'a', 'b'), labels),
      ['--- x', '+++ y', '@@ -1,4 +1,3 @@', '-a', '-y', '+x', ' a', ' b', ''].join('\n'),
    );
  });

  it('passes every printed line, context included, through maskLine', () => {
    const diff = unifiedDiff(lines('secret', 'a'), lines('secret', 'b'), { ...labels, maskLine: (line) => line.replace('secret', '***') });
    assert.equal(diff, ['--- x', '+++ y', '@@ -1,2 +1,2 @@', ' ***', '-a', '+b', ''].join('\n'));
  });

  it('compares a middle of up to four million table cells line by line, and shows a larger one replaced wholesale', () => {
    // Every other line is common; the first and last are, so the middle is all but those two.
    const numbered = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, index) => (index % 2 === 0 ? 'same' : `${prefix}${index}`));
    const body = (diff: string): string[] => diff.split('\n').slice(3, -1);

    // 1999 x 1999 middle lines: a table of exactly 2000 x 2000 cells.
    const before = lines(...numbered('o', 2001));
    const after = lines(...numbered('n', 2001));
    const compared = body(unifiedDiff(before, after, labels));
    assert.equal(compared.filter((line) => line === ' same').length, 1001, 'every common line is kept as context');
    assert.deepEqual(compared.slice(0, 4), [' same', '-o1', '+n1', ' same']);

    const bigBefore = lines(...numbered('o', 2003));
    const bigAfter = lines(...numbered('n', 2003));
    const middleOld = numbered('o', 2003).slice(1, -1);
    const middleNew = numbered('n', 2003).slice(1, -1);
    assert.deepEqual(body(unifiedDiff(bigBefore, bigAfter, labels)), [' same', ...middleOld.map((line) => `-${line}`), ...middleNew.map((line) => `+${line}`), ' same']);
  });

  it('counts the table with its extra row and column: 2000 x 1999 changed lines are already too many to compare', () => {
    // Every other line is common, so comparing would keep them as context; the first and last lines frame the middle.
    const middle = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, index) => (index % 2 === 0 ? `${prefix}${index}` : 'same'));
    const text = (items: string[]): string => lines('first', ...items, 'last');
    const body = (diff: string): string[] => diff.split('\n').slice(3, -1);
    const [longer, shorter] = [middle('o', 2000), middle('n', 1999)];
    assert.deepEqual(body(unifiedDiff(text(longer), text(shorter), labels)), [' first', ...longer.map((line) => `-${line}`), ...shorter.map((line) => `+${line}`), ' last']);
    assert.deepEqual(body(unifiedDiff(text(shorter), text(longer), labels)), [' first', ...shorter.map((line) => `-${line}`), ...longer.map((line) => `+${line}`), ' last']);
  });

  it('patching the old text with the diff gives the new text, with a smallest set of changed lines', () => {
    const text = fc.tuple(fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 14 }), fc.boolean()).map(([items, newline]) => (items.length === 0 ? '' : items.join('\n') + (newline ? '\n' : '')));
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 4 }), (before, after, context) => {
        const diff = unifiedDiff(before, after, { ...labels, context });
        if (before === after) {
          assert.equal(diff, '');
          return;
        }
        assert.equal(applyUnifiedDiff(before, diff), after, diff);
        const body = diff.split('\n').slice(2);
        const changed = body.filter((line) => line.startsWith('-') || line.startsWith('+')).length;
        assert.equal(changed, smallestChange(before, after), diff);
        // No hunk starts or ends with more context than asked for.
        for (const hunk of diff.split(/^@@.*$/m).slice(1)) {
          const rows = hunk.split('\n').filter((line) => line !== '' && !line.startsWith('\\'));
          const leading = rows.findIndex((line) => !line.startsWith(' '));
          const trailing = [...rows].reverse().findIndex((line) => !line.startsWith(' '));
          assert.ok(leading <= context && trailing <= context, diff);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Lines removed plus lines added in a minimal edit (a line's missing newline makes it a different line). */
function smallestChange(before: string, after: string): number {
  const split = (text: string): string[] => (text === '' ? [] : text.split(/(?<=\n)/));
  const a = split(before);
  const b = split(after);
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = table[i] as number[];
      row[j] = a[i] === b[j] ? (table[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(table[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const common = table[0]?.[0] ?? 0;
  return a.length - common + (b.length - common);
}
