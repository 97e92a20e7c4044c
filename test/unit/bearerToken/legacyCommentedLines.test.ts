import assert from 'node:assert/strict';
import type { LineFileSyntax } from '../../../src/core/bearerToken/bearerTokenFinding';
import { earlierVersionSpan } from '../../../src/core/bearerToken/legacyCommentedLines';

const V = 'AWS_BEARER_TOKEN_BEDROCK';
const MARKER = `# Disabled by Claude Code on Bedrock on 2024-11-05: ${V} (a Bedrock API key) overrides your SSO identity in Claude Code.`;

/** The text, the commented line, its syntax, and the lines that go with it (`first-last`), or `none` when an earlier version did not write it. */
const CASES: readonly [string, number, LineFileSyntax, string][] = [
  [`${MARKER}\n# export ${V}=T\n:`, 2, 'posix-shell', '1-3'],
  [`  ${MARKER}\r\n  # export ${V}=T\r\n  :\r\n`, 2, 'posix-shell', '1-3'],
  // Only sh/bash/zsh needed the `:`; elsewhere it is the user's own line.
  [`${MARKER}\n# set -x ${V} T\n:`, 2, 'fish', '1-2'],
  [`${MARKER}\n# setenv ${V} T\n:`, 2, 'csh', '1-2'],
  // A `:` at another indentation, or after a stray carriage return, is not the one that was written.
  [`  ${MARKER}\n  # export ${V}=T\n:`, 2, 'posix-shell', '1-2'],
  [`${MARKER}\n# export ${V}=T\n\r:`, 2, 'posix-shell', '1-2'],
  // No marker right above, at the same indentation, on a line of its own: the user commented it out.
  [`echo hi\n# export ${V}=T\n:`, 2, 'posix-shell', 'none'],
  [`# export ${V}=T`, 1, 'posix-shell', 'none'],
  [`echo hi\nundefined# export ${V}=T`, 2, 'posix-shell', 'none'],
  [`  ${MARKER}\n# export ${V}=T`, 2, 'posix-shell', 'none'],
  [`${MARKER}\n#export ${V}=T`, 2, 'posix-shell', 'none'],
  [`echo hi  ${MARKER}\n  # export ${V}=T`, 2, 'posix-shell', 'none'],
  [`${MARKER} Or so I thought.\n# export ${V}=T`, 2, 'posix-shell', 'none'],
];

describe('earlierVersionSpan: the lines an earlier version wrote around a line it commented out', function () {
  for (const [text, line, syntax, expected] of CASES) {
    it(`${syntax} line ${String(line)}: ${JSON.stringify(text.replace(MARKER, '<marker>'))}`, function () {
      const span = earlierVersionSpan(text, line, syntax);
      assert.equal(span ? `${String(span.first)}-${String(span.last)}` : 'none', expected);
    });
  }
});
