import assert from 'node:assert/strict';
import { scanDotenvText } from '../../../src/core/bearerToken/dotenvScan';
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
  // Every kind of sh block: a body left empty needs a `:`.
  ['posix', `until false; do\n  export ${V}=T\ndone`, ['2: remove+noop']],
  ['posix', `for x in a b; do\n  export ${V}=T\ndone`, ['2: remove+noop']],
  ['posix', `select x in a; do\n  export ${V}=T\ndone`, ['2: remove+noop']],
  ['posix', `(\n  export ${V}=T\n)`, ['2: remove+noop']],
  ['posix', `{\n  export ${V}=T\n}`, ['2: remove+noop']],
  ['posix', `f() {\n  export ${V}=T\n}`, ['2: remove+noop']],
  ['posix', `function f {\n  export ${V}=T\n}`, ['2: remove+noop']],
  ['posix', `if a; then\n  x\nelif b; then\n  export ${V}=T\nelse\n  y\nfi`, ['4: remove+noop']],
  ['posix', `if a; then\n  x\nelse\n  export ${V}=T\nfi`, ['4: remove+noop']],
  ['posix', `if a; then\n  export ${V}=T\n  export ${V}=U\nfi`, ['2: remove', '3: remove']],
  ['posix', `time export ${V}=T\nbuiltin export ${V}=T\ncommand export ${V}=T\n! export ${V}=T`, ['1: remove', '2: remove', '3: remove', '4: remove']],
  ['posix', `case $x in\n  a)\n    echo a\n    ;;\nesac\nexport ${V}=T`, ['6: remove']],
  ['posix', `( export ${V}=T )\n{ export ${V}=T; }`, ['1: remove', '2: remove']],
  // After a case or switch has ended, its arms no longer hold the lines that follow.
  ['fish', `switch $x\n  case a\n    set -x ${V} T\nend`, ['3: it is inside a case statement']],
  ['fish', `switch $x\n  case a\n    if a\n    else if b\n    end\nend\nset -x ${V} T`, ['7: remove']],
  ['fish', `begin\n  set -x ${V} T\nend\nfunction f\n  set -x ${V} T\nend\nwhile true\n  set -x ${V} T\nend\nfor x in a\n  set -x ${V} T\nend`, ['2: remove', '5: remove', '8: remove', '11: remove']],
  ['fish', `and set -x ${V} T\nor set -x ${V} T\nnot set -x ${V} T`, ['1: remove', '2: remove', '3: remove']],
  ['fish', `if test 1; set -x ${V} T; end\nif test 1; set -x ${V} T\nend`, ['1: remove', `2: ${BLOCK}`]],
  ['csh', `switch ($x)\n  case a:\n    setenv ${V} T\n    breaksw\nendsw`, ['3: it is inside a case statement']],
  ['csh', `switch ($x)\n  case a:\n    if ($y) then\n      echo\n    else if ($z) then\n      echo\n    endif\n    breaksw\nendsw\nsetenv ${V} T`, ['10: remove']],
  ['csh', `foreach f (a b)\n  setenv ${V} T\nend\nwhile (1)\n  setenv ${V} T\nend\nif ($x) then\n  setenv ${V} T\nendif`, ['2: remove', '5: remove', '8: remove']],
  ['csh', `if ($x) setenv ${V} T`, [`1: ${OTHERS}`]],
  ['csh', `setenv ${V} T\nset ${V}=T\nunsetenv ${V}`, ['1: remove']],
  ['csh', `(setenv ${V} T)`, ['1: remove']],
  // Text that is not a command: strings, substitutions and here-documents hide an assignment; a here-string does not.
  ['posix', `echo 'x\nexport ${V}=T\n'\necho "a\nexport ${V}=T\n"`, []],
  ['posix', `x=$(\nexport ${V}=T\n)\nx=\`\nexport ${V}=T\n\`\nx=\${Y:-\nexport ${V}=T\n}`, []],
  ['posix', `cat <<EOF\nexport ${V}=T\nEOF\nexport ${V}=T`, ['4: remove']],
  ['posix', `cat <<-EOF\n\texport ${V}=T\n\tEOF\nexport ${V}=T`, ['4: remove']],
  ['posix', `cat <<'E F'\nexport ${V}=T\nE F\nexport ${V}=T`, ['4: remove']],
  ['posix', `cat <<\\EOF\nexport ${V}=T\nEOF\nexport ${V}=T`, ['4: remove']],
  ['posix', `cat <<A <<B\nexport ${V}=T\nA\nexport ${V}=T\nB\nexport ${V}=T`, ['6: remove']],
  ['posix', `cat <<EOF\r\nexport ${V}=T\r\nEOF\r\nexport ${V}=T\r\n`, ['4: remove']],
  ['posix', `cat << EOF;\nexport ${V}=T\nEOF\nexport ${V}=T`, ['4: remove']],
  ['posix', `cat <<EOF\nexport ${V}=T`, []],
  ['posix', `cat <<<"s"\nexport ${V}=T\ncat <<< s\nexport ${V}=T`, ['2: remove', '4: remove']],
  ['posix', `echo \\# export ${V}=T`, []],
  ['posix', `export ${V}=T#x`, ['1: remove']],
  ['posix', `echo "# x"; export ${V}=T`, [`1: ${OTHERS}`]],
  ['posix', `true && export ${V}=T\n[ -n "$A" ] || export ${V}=T\ntrue | export ${V}=T\nsleep 1 & export ${V}=T`, ['1: remove', '2: remove', '3: remove', `4: ${OTHERS}`]],
  ['posix', `export \\\r\n${V}=T`, ['2: it continues a command that starts on an earlier line']],
  ['posix', `x=$'it\\'s'; export ${V}=T`, [`1: ${OTHERS}`]],
  ['posix', `echo "$(echo ")")"; export ${V}=T\necho "\\"" ; export ${V}=T\necho "\`echo \\"\`"; export ${V}=T`, [`1: ${OTHERS}`, `2: ${OTHERS}`, `3: ${OTHERS}`]],
  ['posix', `x=$(echo "(" \\) ) ; export ${V}=T`, [`1: ${OTHERS}`]],
  ['posix', `export ${V}=T 2>&1\nexport ${V}=T &>/dev/null`, [`1: ${OTHERS}`, `2: ${OTHERS}`]],
  ['fish', `set x (echo\nset -x ${V} T)`, []],
  ['fish', `echo 'it\\'s'; set -x ${V} T\necho (echo ')'); set -x ${V} T`, [`1: ${OTHERS}`, `2: ${OTHERS}`]],
  ['fish', `set x (echo 'it\\'s')\nset -x ${V} T`, ['2: remove']],
  ['csh', `cat <<EOF\nsetenv ${V} T\nEOF\nsetenv ${V} T`, ['4: remove']],
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
  // Strings, here-strings and comments hide an assignment; only code counts.
  [`@'\n$env:${V} = 'T'\n'@\n$env:${V} = 'T'`, ['4: remove']],
  [`@"\n$env:${V} = 'T'\n"@\n$env:${V} = 'T'`, ['4: remove']],
  [`$x = @'\n'@\n$env:${V} = 'T'`, ['3: remove']],
  [`Write-Host 'it''s'; $env:${V} = 'T'\nWrite-Host "a\`"b"; $env:${V} = 'T'`, [`1: ${OTHERS}`, `2: ${OTHERS}`]],
  [`Write-Host '$env:${V} = x'\nWrite-Host "$env:${V} = x"\nRemove-Item Env:${V}\nSet-Item Env:${V}_X T\n$env:${V}:x = 1`, []],
  [`<# $env:${V} = 'T'\n#>\n$env:${V} = 'T'`, ['1: the comment spans more than one line; delete just that part of it', '3: remove']],
  [`x;# $env:${V} = 'T'\nx{# $env:${V} = 'T' }`, ['1: the comment shares its line with a command; delete just the comment', '2: the comment shares its line with a command; delete just the comment']],
  [`[Environment]::SetEnvironmentVariable("${V}", 'T', 'Process')\n[environment]::setenvironmentvariable('${V}', '')`, ['1: remove']],
  [
    `[Environment]::SetEnvironmentVariable('${V}', "T", "User")`,
    [`1: remove + Windows also keeps it in your user environment: run [Environment]::SetEnvironmentVariable('${V}', $null, 'User') once, or remove it under System Properties > Environment Variables.`],
  ],
  [`New-Item -Path "env:\\${V}" -Value T\nSet-Content env:${V} T\nni Env:${V} -Value T\nsc Env:${V} T`, ['1: remove', '2: remove', '3: remove', '4: remove']],
  [`$ENV:${V} = 'T'\n$env:${V}= 'T'\n$env:${V} = 'T' # note\n$env:${V} = '' + 'x'\n$env:${V} = 'T' ;  ; `, ['1: remove', '2: remove', '3: remove', '4: remove', '5: remove']],
  [`$env:${V} = ''  # removes\n$env:${V} = $NULL;\n$env:${V} = ""\nif ($x) { $env:${V} = $null }`, []],
  [`$env:${V} = (\n'T')`, ['1: the line also opens a block']],
];

const DOTENV_CASES: readonly [string, readonly string[]][] = [
  [`${V}=T\nexport ${V}=T\n  ${V} = T\nexport  ${V}=T\r\n`, ['1:1 remove', '2:8 remove', '3:3 remove', '4:9 remove']],
  [`${V}="a\nb"\n${V}='a\nb'\n${V}=\`a\nb\`\n${V}=T`, ['1:1 its quoted value spans more than one line', '3:1 its quoted value spans more than one line', '5:1 its quoted value spans more than one line', '7:1 remove']],
  // A quoted value that goes on hides what looks like an entry; a backslash escapes only in double quotes.
  [`X="a\\"\n${V}=T\n"\nX="\n# ${V}=T\n"`, []],
  [`X='a\\'\n${V}=T\nX="a\\"b"\n${V}=T\nX="a"\n${V}=T`, ['2:1 remove', '4:1 remove', '6:1 remove']],
  [`${V}_X=T\nA.B-C=1\n${V}\n${V}="a"b`, ['4:1 remove']],
  [`# ${V}=T\n## ${V}=T\n#${V}=`, ['1#:3 remove', '2#:4 remove', '3#:2 note']],
];

describe('where a start-up file sets the variable, and whether its line can go on its own', function () {
  for (const [text, expected] of DOTENV_CASES) {
    it(`.env: ${JSON.stringify(text)}`, function () {
      const found = scanDotenvText(text, V).map((entry) => `${String(entry.line)}${entry.commented ? '#' : ''}:${String(entry.column)} ${entry.fix?.kind === 'remove-line' ? 'remove' : (entry.fix?.reason ?? 'note')}`);
      assert.deepEqual(found, expected);
    });
  }
  it('PowerShell: the column of the name in each form', function () {
    const text = [`\${env:${V}} = 'T'`, `[Environment]::SetEnvironmentVariable('${V}', 'T')`, `Set-Item -Path 'Env:${V}' -Value T`, `  $env:${V} = 'T'`, `# $env:${V} = 'T'`].join('\n');
    assert.deepEqual(
      scanPowerShellText(text, V).map((found) => [found.line, found.column]),
      [[1, 7], [2, 40], [3, 21], [4, 8], [5, 8]],
    );
  });

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
