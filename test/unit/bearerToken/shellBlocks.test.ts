import assert from 'node:assert/strict';
import { scanShellText } from '../../../src/core/bearerToken/shellFileScan';
import type { ShellDialect } from '../../../src/core/bearerToken/shellLexer';
import { lexShell } from '../../../src/core/bearerToken/shellLexer';
import { analyseStructure } from '../../../src/core/bearerToken/shellStructure';
import type { TextFinding } from '../../../src/core/bearerToken/textFinding';

const V = 'AWS_BEARER_TOKEN_BEDROCK';
const BLOCK = 'the line also opens, continues or closes a block';
const SPANNING_COMMENT = 'the comment is inside a command that spans several lines; delete just the comment';

/** `line[#]:column fix`, `#` for a commented-out assignment. */
function describeFindings(findings: readonly TextFinding[]): string[] {
  return findings.map((found) => {
    const fix = found.fix?.kind === 'remove-line' ? (found.fix.addNoOp ? 'remove+noop' : 'remove') : (found.fix?.reason ?? 'note');
    return `${String(found.line)}${found.commented ? '#' : ''}:${String(found.column)} ${fix}`;
  });
}

/**
 * Each case differs from what a scanner that misread one keyword, block or line would
 * report: a keyword taken for a command makes the line "run other commands", a block it
 * fails to open or close moves where the line's block ends.
 */
const CASES: readonly [ShellDialect, string, readonly string[]][] = [
  // fish looks past `!`, `command` and `builtin` to the command they run.
  ['fish', `! set -x ${V} T\nbuiltin set -x ${V} T\ncommand set -x ${V} T`, ['1:10 remove', '2:16 remove', '3:16 remove']],
  // fish block openers: a line that opens and closes its block can go, one that only opens it cannot.
  ['fish', `while true; set -x ${V} T\nend`, [`1:20 ${BLOCK}`]],
  ['fish', `begin set -x ${V} T; end`, ['1:14 remove']],
  ['fish', `for x in a; set -x ${V} T; end\nfunction f; set -x ${V} T; end`, ['1:20 remove', '2:20 remove']],
  ['fish', `if test 1; else; set -x ${V} T; end`, ['1:25 remove']],
  // `else` switches the block opened on an earlier line; the word after it is the command.
  ['fish', `if test 1\nelse set -x ${V} T\nend`, [`2:13 ${BLOCK}`]],
  // csh: `then` opens the block that `endif` closes, also after an `else` and a nested `if`.
  ['csh', `if ($x) then\n  setenv ${V} T; endif`, [`2:10 ${BLOCK}`]],
  ['csh', `if ($x) then\nelse\n  if ($y) then\n  endif\n  setenv ${V} T; endif`, [`5:10 ${BLOCK}`]],
  ['csh', `if ($x) then\nendif\nif ($y) then\n  setenv ${V} T; endif`, [`4:10 ${BLOCK}`]],
  ['csh', `foreach f (a)\n  setenv ${V} T; end\nwhile (1)\n  setenv ${V} T; end`, [`2:10 ${BLOCK}`, `4:10 ${BLOCK}`]],
  // sh: a loop condition is a command; a `for` header is not.
  ['posix', `until export ${V}=T; do :; done`, ['1:14 remove']],
  ['posix', `for x in a b; do export ${V}=T; done`, ['1:25 remove']],
  // `elif` starts a new body, so the line before it is alone in the `then` body.
  ['posix', `if a; then\n  export ${V}=T\nelif b; then\n  y\nfi`, ['2:10 remove+noop']],
  // The `)` after a case pattern does not end the case statement.
  ['posix', `case $x in\n  a)\n    export ${V}=T\n    ;;\nesac`, [`3:12 it is inside a case statement`]],
  // zsh's anonymous function opens a body like `name() {`.
  ['posix', `function {\n  export ${V}=T\n}`, ['2:10 remove+noop']],
  // Every `#` that starts a comment is looked past, not just the first.
  ['posix', `## export ${V}=T\n#\texport ${V}=T`, ['1#:11 remove', '2#:10 remove']],
  // A line made only of a backslash continues onto the comment; one with a backslash inside does not.
  ['posix', `\\\n# export ${V}=T`, [`2#:10 ${SPANNING_COMMENT}`]],
  ['posix', `echo a\\b\n# export ${V}=T`, ['2#:10 remove']],
  // The word ends with a line continuation: removing the line would leave `; echo x` behind.
  ['posix', `export ${V}=T\\\n; echo x`, ['1:8 the assignment spans more than one line']],
  // Removing the second line would join `echo a\` to `echo b`.
  ['posix', `echo a\\\n ; export ${V}=T\necho b`, ['2:11 it continues a command that starts on an earlier line']],
  ['posix', `echo a \\\n; export ${V}=T\necho b`, ['2:10 it continues a command that starts on an earlier line']],
  // A string that goes on over the line: removing the line would break it.
  ['posix', `echo "a\nb"; export ${V}=T`, ['2:12 it continues a command that starts on an earlier line']],
  // Findings on one line come in the order of their columns.
  ['posix', `export ${V}=T; export ${V}=U # export ${V}=W`, ['1:8 remove', '1:43 remove', '1#:79 remove']],
];

describe('shell blocks and keywords: what decides whether a line can go', function () {
  for (const [dialect, text, expected] of CASES) {
    it(`${dialect}: ${JSON.stringify(text)}`, function () {
      assert.deepEqual(describeFindings(scanShellText(text, dialect, V)), expected);
    });
  }

  it('reports a fish universal variable as set, not commented out', function () {
    assert.deepEqual(
      scanShellText(`set -Ux ${V} T`, 'fish', V).map((found) => found.commented),
      [false],
    );
  });
});

/** `command words | block events` for each statement. */
function describeStructure(text: string, dialect: ShellDialect): string[] {
  return analyseStructure(lexShell(text, dialect).statements, dialect).map(
    (structure) => `${structure.command.map((word) => word.raw).join(' ')}|${structure.events.map((event) => event.kind).join(',')}`,
  );
}

describe('analyseStructure: the command each statement runs once its keywords are looked past', function () {
  it('fish: a `case` label and the `for`/`switch` headers are no command; `{` opens nothing', function () {
    assert.deepEqual(describeStructure('switch $x\ncase a b\nend\necho {\nnot command ls', 'fish'), ['|open', '|switch', '|close', 'echo {|', 'ls|']);
  });

  it('csh: `if`, `while` and `switch` are keywords, and their parenthesised conditions separate statements', function () {
    assert.deepEqual(describeStructure('if ($x) then\nendif\nswitch ($y)\nendsw\nwhile ($z)\nend\necho {', 'csh'), [
      '|',
      '|',
      '$x|',
      '|',
      '|open',
      '|close',
      '|open',
      '|',
      '$y|',
      '|',
      '|close',
      '|open',
      '|',
      '$z|',
      '|',
      '|close',
      'echo {|',
    ]);
  });
});
