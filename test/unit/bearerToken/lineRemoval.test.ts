import assert from 'node:assert/strict';
import { removeLines } from '../../../src/core/bearerToken/lineRemoval';

const MARK = '# removed';

describe('removing whole lines of a start-up file', function () {
  it('a removed last line without a line ending still puts its `:` on a line of its own, ending lines like the file', function () {
    assert.equal(removeLines('if x; then\n  export K=T', [{ first: 2, last: 2, addNoOp: true }], MARK), `if x; then\n  ${MARK}\n  :`);
    assert.equal(removeLines('if x; then\r\n  export K=T', [{ first: 2, last: 2, addNoOp: true }], MARK), `if x; then\r\n  ${MARK}\r\n  :`);
  });

  it('keeps the line ending of the span\'s last line and the indentation of its first', function () {
    const text = 'a\n\t # old marker\n # export K=T\nb';
    assert.equal(removeLines(text, [{ first: 2, last: 3, addNoOp: false }], MARK), `a\n\t ${MARK}\nb`);
  });

  it('refuses a span past the end of the file', function () {
    for (const [text, line] of [['', 1], ['one line\n', 2]] as const) {
      assert.throws(() => removeLines(text, [{ first: line, last: line, addNoOp: false }], MARK), {
        message: `Internal error: line ${String(line)} is past the end of the file.`,
      });
    }
  });
});
