import assert from 'node:assert/strict';
import { scanFishUniversalVariables } from '../../../src/core/bearerToken/fishUniversalScan';

const V = 'AWS_BEARER_TOKEN_BEDROCK';

/** `line:column` of each finding. */
function places(text: string): string[] {
  return scanFishUniversalVariables(text, V).map((found) => `${String(found.line)}:${String(found.column)}`);
}

describe('fish universal variables: which exported entries hold the variable', function () {
  it('finds the current and the fish 2 format, at the column of the name', function () {
    assert.deepEqual(places(`SETUVAR --export ${V}:T\nSET_EXPORT ${V}:T`), ['1:18', '2:12']);
  });

  it('accepts any run of blanks between the words', function () {
    assert.deepEqual(places(`SETUVAR  --export ${V}:T\nSETUVAR --export\t\t${V}:T\nSET_EXPORT  ${V}:T`), ['1:19', '2:19', '3:13']);
  });

  it('skips comments, unexported entries and other names', function () {
    assert.deepEqual(places(`# SETUVAR --export ${V}:T\nSETUVAR ${V}:T\nSET ${V}:T\nSETUVAR --export ${V}_X:T\nSETUVAR --export ${V}`), []);
  });

  it('gives the fish command that erases it, since fish rewrites the file itself', function () {
    assert.deepEqual(scanFishUniversalVariables(`SETUVAR --export ${V}:T`, V)[0]?.fix, {
      kind: 'by-hand',
      reason: `fish rewrites this file itself; run "set -e -U ${V}" in a fish shell instead`,
    });
  });
});
