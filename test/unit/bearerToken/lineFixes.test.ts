import assert from 'node:assert/strict';
import { scanPowerShellText } from '../../../src/core/bearerToken/powershellScan';
import { scanShellText } from '../../../src/core/bearerToken/shellFileScan';
import type { ShellDialect } from '../../../src/core/bearerToken/shellLexer';
import type { TextFinding } from '../../../src/core/bearerToken/textFinding';

const V = 'AWS_BEARER_TOKEN_BEDROCK';

/** `line: remove`, `line: remove+noop`, or `line: <why by hand>`, then ` + <also do>` when there is one. */
function describe1(findings: readonly TextFinding[]): string[] {
  return findings.map((found) => {
    const fix = found.fix?.kind === 'remove-line' ? (found.fix.addNoOp ? 'remove+noop' : 'remove') : (found.fix?.reason ?? 'note');
    return `${String(found.line)}: ${fix}${found.alsoDo ? ` + ${found.alsoDo}` : ''}`;
  });
}

const FISH_ALSO = `fish also keeps universal variables by itself: run "set -e -U ${V}" in a fish shell as well.`;
const BLOCK = 'the line also opens, continues or closes a block';
const OTHERS = 'the line also runs other commands';

const SHELL_CASES: readonly [ShellDialect, string, readonly string[]][] = [
  ['posix', `export ${V}=T`, ['1: remove']],
  ['posix', `echo a; export ${V}=T`, [`1: ${OTHERS}`]],
  ['posix', `export ${V}=T; export ${V}=U`, ['1: remove', '1: remove']],
  ['posix', `${V}=T; export ${V}`, ['1: remove']],
  ['posix', `A=1 ${V}=T`, [`1: ${OTHERS}`]],
  ['posix', `export ${V}="a\nb"`, ['1: the assignment spans more than one line']],
  ['posix', `export A=1 \\\n  ${V}=T`, ['2: it continues a command that starts on an earlier line']],
  ['posix', `export ${V}=T <<EOF\nbody\nEOF`, ['1: the line starts a here-document']],
  ['posix', `case x in\n  y) export ${V}=T ;;\nesac`, ['2: it is inside a case statement']],
  ['posix', `if true; then export ${V}=T; fi`, ['1: remove']],
  ['posix', `if true; then export ${V}=T`, [`1: ${BLOCK}`]],
  ['posix', `if true; then\n  export ${V}=T; fi`, [`2: ${BLOCK}`]],
  ['posix', `if true; then\n  export ${V}=T\nfi`, ['2: remove+noop']],
  ['posix', `if true; then\n  echo x\n  export ${V}=T\nfi`, ['3: remove']],
  ['posix', `while false; do\n  export ${V}=T\n  export ${V}=U\ndone`, ['2: remove', '3: remove']],
  ['posix', `f() { export ${V}=T; }`, [`1: ${OTHERS}`]],
  ['posix', `declare -x ${V}=T\nlocal -x ${V}=T\nreadonly ${V}=T\ntypeset -gx ${V}=T`, ['1: remove', '2: remove', '3: remove', '4: remove']],
  ['posix', `export -n ${V}=T\ntypeset +x ${V}=T\nlocal ${V}=T\nexport ${V}\nunset ${V}\necho ${V}=T`, []],
  ['csh', `setenv ${V} T\nset ${V}=T\nunsetenv ${V}`, ['1: remove']],
  ['fish', `set -Ux ${V} T`, [`1: remove + ${FISH_ALSO}`]],
  ['fish', `set --universal --export ${V} T`, [`1: remove + ${FISH_ALSO}`]],
  ['fish', `set -x -- ${V} T\nexport ${V}=T`, ['1: remove', '2: remove']],
  ['fish', `set -e ${V}\nset --erase ${V}\nset -q ${V}\nset --show ${V}`, []],
  ['fish', `set -gx ${V} T; echo hi`, [`1: ${OTHERS}`]],
];

const POWERSHELL_CASES: readonly [string, readonly string[]][] = [
  [`Write-Host \`\n$env:${V} = 'T'`, ['2: it continues a command that starts on an earlier line']],
  [`$env:${V} = 'T' \``, ['1: the command continues on the next line']],
  [`$env:${V} = "a\nb"`, ['1: it has text that spans more than one line']],
  [`if ($x) { $env:${V} = 'T' }`, ['1: remove']],
  [`$env:${V} = 'T' }`, ['1: the line also closes a block']],
  [`if ($x) { $env:${V} = 'T'`, ['1: the line also opens a block']],
  [`Write-Host hi; $env:${V} = 'T'`, [`1: ${OTHERS}`]],
  [`$env:${V} = 'T'; $env:${V} += 'U'`, ['1: remove', '1: remove']],
  [`\${env:${V}} = 'T'\nSet-Item Env:${V} 'T'\nsi -Path env:\\${V} -Value T`, ['1: remove', '2: remove', '3: remove']],
  [
    `[System.Environment]::SetEnvironmentVariable("${V}", 'T', 'Machine')`,
    [`1: remove + Windows also keeps it in your machine environment: run [Environment]::SetEnvironmentVariable('${V}', $null, 'Machine') once, or remove it under System Properties > Environment Variables.`],
  ],
  [`[Environment]::SetEnvironmentVariable('${V}', 'T')`, ['1: remove']],
  [`$env:${V} == 'T'\n$env:${V}_X = 'T'\n$env:${V} = $null\n$env:${V} = ''\n[Environment]::SetEnvironmentVariable('${V}', $null, 'User')`, []],
];

describe('where a start-up file sets the variable, and whether its line can go on its own', function () {
  for (const [dialect, text, expected] of SHELL_CASES) {
    it(`${dialect}: ${JSON.stringify(text)}`, function () {
      assert.deepEqual(describe1(scanShellText(text, dialect, V)), expected);
    });
  }
  for (const [text, expected] of POWERSHELL_CASES) {
    it(`PowerShell: ${JSON.stringify(text)}`, function () {
      assert.deepEqual(describe1(scanPowerShellText(text, V)), expected);
    });
  }
});
