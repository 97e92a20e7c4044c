import assert from 'node:assert/strict';
import { scanDotenvText } from '../../../src/core/bearerToken/dotenvScan';

const V = 'AWS_BEARER_TOKEN_BEDROCK';
const removable = { kind: 'remove-line', addNoOp: false };

describe('scanDotenvText', function () {
  it('reads an entry with a trailing comment, or a # inside its value, as active', function () {
    assert.deepEqual(scanDotenvText(`${V}=abc # work key\n${V}=abc#def\n`, V), [
      { line: 1, column: 1, commented: false, fix: removable },
      { line: 2, column: 1, commented: false, fix: removable },
    ]);
  });

  it('gives the column of the name behind the comment sign and export', function () {
    assert.deepEqual(scanDotenvText(`  ## export ${V}=abc\n`, V), [{ line: 1, column: 13, commented: true, fix: removable }]);
  });

  it('takes an empty commented-out entry with CRLF endings as a note, not a key left on disk', function () {
    assert.deepEqual(scanDotenvText(`A=1\r\n# ${V}=\r\n`, V), [{ line: 2, column: 3, commented: true, fix: undefined }]);
  });

  it('does not take NAME=value after other text, or in a comment after another entry, as an entry', function () {
    assert.deepEqual(scanDotenvText(`set ${V}=abc\nOTHER=1 # ${V}=abc\n`, V), []);
  });

  it('does not read the continuation lines of a quoted value as entries, up to the closing quote', function () {
    assert.deepEqual(scanDotenvText(`A="one\ntwo\n${V}=abc\n"\n${V}=def\n`, V), [{ line: 5, column: 1, commented: false, fix: removable }]);
  });
});
