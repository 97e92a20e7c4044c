import assert from 'node:assert/strict';
import { byHand, removeLine, settleCommentFixes, type TextFinding } from '../../../src/core/bearerToken/textFinding';

const SHARES = byHand('the comment shares its line with a command; delete just the comment');

describe('a comment that shares its line with a command', function () {
  it('goes with the line when the command on it is removed', function () {
    const settled = settleCommentFixes([
      { line: 1, column: 8, commented: false, fix: removeLine() },
      { line: 1, column: 30, commented: true, fix: SHARES },
      { line: 2, column: 3, commented: true, fix: SHARES },
    ]);
    assert.deepEqual(
      settled.map((found) => found.fix),
      [removeLine(), removeLine(), SHARES],
    );
  });

  it('stays by hand when the command on its line is left to the user too', function () {
    const findings: TextFinding[] = [
      { line: 1, column: 20, commented: false, fix: byHand('the line also runs other commands') },
      { line: 1, column: 40, commented: true, fix: SHARES },
    ];
    assert.deepEqual(settleCommentFixes(findings), findings);
  });

  it('changes neither a note nor a command left to the user on a removed line', function () {
    const findings: TextFinding[] = [
      { line: 1, column: 8, commented: false, fix: removeLine() },
      { line: 1, column: 20, commented: false, fix: byHand('the line also runs other commands') },
      { line: 1, column: 40, commented: true, fix: undefined },
    ];
    assert.deepEqual(settleCommentFixes(findings), findings);
  });

  it('is not removed by another comment that could go with its line', function () {
    const findings: TextFinding[] = [
      { line: 1, column: 3, commented: true, fix: removeLine() },
      { line: 1, column: 30, commented: true, fix: SHARES },
    ];
    assert.deepEqual(settleCommentFixes(findings), findings);
  });
});
