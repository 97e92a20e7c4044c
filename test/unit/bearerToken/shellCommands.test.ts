import assert from 'node:assert/strict';
import { classifyCommand } from '../../../src/core/bearerToken/shellCommands';
import { scanShellText } from '../../../src/core/bearerToken/shellFileScan';
import { lexShell, type ShellDialect } from '../../../src/core/bearerToken/shellLexer';
import type { TextFinding } from '../../../src/core/bearerToken/textFinding';

const V = 'AWS_BEARER_TOKEN_BEDROCK';
const OTHERS = 'the line also runs other commands';
const PREFIX = `it sets ${V} only for the command on that line, which has to stay; remove just the ${V}=… part`;
const FISH_ALSO = `fish also keeps universal variables by itself: run "set -e -U ${V}" in a fish shell as well.`;

/** `line:column remove` or `line:column <why by hand>`, then ` + <also do>` when there is one. */
function describeFindings(findings: readonly TextFinding[]): string[] {
  return findings.map((found) => {
    const fix = found.fix?.kind === 'remove-line' ? 'remove' : (found.fix?.reason ?? 'note');
    return `${String(found.line)}:${String(found.column)} ${fix}${found.alsoDo ? ` + ${found.alsoDo}` : ''}`;
  });
}

/**
 * One command per case, each next to a decoy that differs in one word: which of them
 * exports the variable, where its name is, and whether the line can go on its own
 * (a line that also runs another command, or whose command sets something else too, cannot).
 */
const CASES: readonly [ShellDialect, string, readonly string[]][] = [
  // Test commands only decide whether the rest of the line runs: they can go with it.
  ['posix', `[[ -n "$A" ]] && export ${V}=T`, ['1:25 remove']],
  ['posix', `: && export ${V}=T`, ['1:13 remove']],
  ['posix', `make && export ${V}=T`, [`1:16 ${OTHERS}`]],
  // A quoted operand is still the assignment; the column is that of the name, after the quote.
  ['posix', `export "${V}=T"`, ['1:9 remove']],
  ['posix', `export '${V}=T'`, ['1:9 remove']],
  ['posix', `export ${V}[0]=T`, []],
  // Appending exports the variable (and the key) just as well.
  ['posix', `export ${V}+=T`, ['1:8 remove']],
  ['posix', `${V}+=T`, ['1:1 remove']],
  // `a.b=1` is no assignment (not a name), so it is the command and the rest are its arguments.
  ['posix', `a.b=1 ${V}=T`, []],
  // Redirections are not a command: `X=T >file` is a plain assignment, `X=T cmd>file` a prefix.
  ['posix', `${V}=T >/dev/null 2>/dev/null`, ['1:1 remove']],
  ['posix', `${V}=T &>/dev/null`, ['1:1 remove']],
  ['posix', `${V}=T ./run>log`, [`1:1 ${PREFIX}`]],
  ['posix', `${V}=T ./run&>log`, [`1:1 ${PREFIX}`]],
  // A command run with prefix assignments has to stay, even when none of them is ours.
  ['posix', `A=1 make; export ${V}=T`, [`1:18 ${OTHERS}`]],
  // `unset` of only this variable goes with the line; one that unsets others too does not.
  ['posix', `unset ${V}; export ${V}=T`, ['1:40 remove']],
  ['posix', `unset -v ${V}; export ${V}=T`, ['1:43 remove']],
  ['posix', `unset ${V} OTHER; export ${V}=T`, [`1:46 ${OTHERS}`]],
  // Options: `--` ends them; `+x` turns exporting off; an option group we cannot read keeps the line by hand.
  ['posix', `export -- ${V}=T`, ['1:11 remove']],
  ['posix', `typeset +gx ${V}=T`, []],
  ['posix', `typeset -xZ2 ${V}=T`, [`1:14 ${OTHERS}`]],
  ['posix', `typeset +x2 ${V}=T`, [`1:13 ${OTHERS}`]],
  ['posix', `declare X=a+x ${V}=T`, [`1:15 ${OTHERS}`]],
  // csh
  ['csh', `unsetenv ${V}; setenv ${V} T`, ['1:43 remove']],
  ['csh', `unsetenv AWS_*; setenv ${V} T`, [`1:24 ${OTHERS}`]],
  ['csh', `unsetenv ${V} X; setenv ${V} T`, [`1:45 ${OTHERS}`]],
  ['csh', `printenv ${V} T`, []],
  ['csh', `setenv "${V}" T`, ['1:9 remove']],
  ['csh', `setenv "${V}"x T`, []],
  // fish
  ['fish', `set -x "${V}" T`, ['1:9 remove']],
  ['fish', `set -x '${V}' T`, ['1:9 remove']],
  ['fish', `set -x "${V}"x T`, []],
  ['fish', `set -x "${V}' T`, []],
  ['fish', `echo ${V} T`, []],
  ['fish', `export "${V}=T"`, ['1:9 remove']],
  ['fish', `export ${V}+=T`, ['1:8 remove']],
  ['fish', `export ${V}`, []],
  ['fish', `export A=1 ${V}=T`, [`1:12 ${OTHERS}`]],
  ['fish', `set -n ${V}\nset -S ${V}\nset -u ${V} T\nset --query ${V}\nset --names ${V}\nset --unexport ${V} T`, []],
  ['fish', `set --export ${V} T`, ['1:14 remove']],
  ['fish', `set --global --universal ${V} T`, [`1:26 remove + ${FISH_ALSO}`]],
  // After `--` the next word is the name, even when it looks like an option; a word that only ends like one is a name too.
  ['fish', `set -- -x ${V} T`, []],
  ['fish', `set x-x ${V} T`, []],
  ['fish', `set -x1 ${V} T`, []],
];

describe('which shell commands export the variable, and whether they can go with their line', function () {
  for (const [dialect, text, expected] of CASES) {
    it(`${dialect}: ${JSON.stringify(text)}`, function () {
      assert.deepEqual(describeFindings(scanShellText(text, dialect, V)), expected);
    });
  }

  it('takes a name only where a word starts with it, also for a name that ends in a digit', function () {
    const name = 'KEY1';
    assert.deepEqual(describeFindings(scanShellText(`export 1${name} ${name}=T`, 'posix', name)), [`1:14 ${OTHERS}`]);
    assert.deepEqual(describeFindings(scanShellText(`setenv 1${name} T`, 'csh', name)), []);
  });

  it('names the form of each assignment', function () {
    const forms = (text: string, dialect: ShellDialect): string[] =>
      lexShell(text, dialect).statements.flatMap((statement) => classifyCommand(statement.words, dialect, V).assignments.map((found) => found.form));
    assert.deepEqual(forms(`export ${V}=T; declare -x ${V}=T; typeset ${V}=T; readonly ${V}=T; ${V}=T; ${V}=T claude`, 'posix'), [
      'export',
      'declare',
      'declare',
      'declare',
      'plain',
      'prefix',
    ]);
    assert.deepEqual(forms(`setenv ${V} T`, 'csh'), ['setenv']);
    assert.deepEqual(forms(`set -gx ${V} T; export ${V}=T`, 'fish'), ['fish-set', 'export']);
  });
});
