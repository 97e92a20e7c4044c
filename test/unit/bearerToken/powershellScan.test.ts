import assert from 'node:assert/strict';
import { scanPowerShellText } from '../../../src/core/bearerToken/powershellScan';

const V = 'AWS_BEARER_TOKEN_BEDROCK';

const REMOVE = 'remove';
const OTHERS = 'the line also runs other commands';
const SPANS = 'it has text that spans more than one line';
const CONTINUES_FROM = 'it continues a command that starts on an earlier line';
const CONTINUES_ON = 'the command continues on the next line';
const COMMENT_SPANS = 'the comment spans more than one line; delete just that part of it';
const COMMENT_SHARES = 'the comment shares its line with a command; delete just the comment';
const COMMENT_CONTINUED = 'a command continues into the comment; delete just the comment';

/** `line fix`, with `#` after the line for a commented-out assignment and `note` when there is nothing to fix. */
function summary(text: string): string[] {
  return scanPowerShellText(text, V).map((found) => {
    const fix = found.fix?.kind === 'remove-line' ? REMOVE : (found.fix?.reason ?? 'note');
    return `${String(found.line)}${found.commented ? '#' : ''} ${fix}`;
  });
}

const CASES: readonly [string, string, readonly string[]][] = [
  // A backtick at the end of a line joins the next line to it; one inside a line does not.
  ['a blank line ends a continued command', `Write-Host \`\n\n$env:${V} = 'T'`, ['3 remove']],
  ['a continued line with Windows line endings', `Write-Host \`\r\n$env:${V} = 'T'\r\n`, [`2 ${CONTINUES_FROM}`]],
  ['only the line right before counts as continued', `Write-Host \`\n$env:${V} = 'T'\nx\ny\nz`, [`2 ${CONTINUES_FROM}`]],
  ['an escape inside the line before is no continuation', `Write-Host a\`tb\n$env:${V} = 'T'`, ['2 remove']],
  ['an escape inside the line itself is no continuation', `$env:${V} = Get-Content token\`.txt`, ['1 remove']],
  ['a backtick followed by blanks is left to the user', `$env:${V} = 'T' \`  `, [`1 ${CONTINUES_ON}`]],
  ['a comment after a continued line', `Write-Host \`\n# $env:${V} = 'T'\nWrite-Host x`, [`2# ${COMMENT_CONTINUED}`]],
  ['a comment after a blank line that ends a continued command', `Write-Host \`\n\n# $env:${V} = 'T'`, ['3# remove']],
  ['a comment right after a continued line, with more lines below', `Write-Host \`\n# $env:${V} = 'T'\nx\ny\nz`, [`2# ${COMMENT_CONTINUED}`]],
  ['a comment after a line with an escape inside it', `Write-Host a\`tb\n# $env:${V} = 'T'`, ['2# remove']],
  // Where a comment sits on its line.
  ['an indented comment is all its line holds', `  # $env:${V} = 'T'`, ['1# remove']],
  ['a command after a block comment keeps the line', `<# $env:${V} = 'T' #> Write-Host hi`, [`1# ${COMMENT_SHARES}`]],
  ['# starts a comment at the start of the text even before a $', `#$env:${V} = 'T'`, ['1# remove']],
  ['# inside a word is part of the word', `Write-Host a#b; $env:${V} = 'T'`, [`1 ${OTHERS}`]],
  // Block comments.
  ['<#> does not close itself', `<#> $env:${V} = 'T'\n#>\n$env:${V} = 'T'`, [`1# ${COMMENT_SPANS}`, '3 remove']],
  ['an unclosed block comment runs to the end', `<# $env:${V} = 'T'`, ['1# remove']],
  ['a one-line block comment after the assignment', `$env:${V} = 'T' <# note #>\n`, ['1 remove']],
  ['a block comment after the assignment that goes on below', `$env:${V} = 'T' <# a\nb #>`, [`1 ${SPANS}`]],
  ['a < without # opens no comment', `Write-Host 1 <2\n$env:${V} = 'T'`, ['2 remove']],
  // Text that spans lines is judged by the line the assignment is on, not by what comes later.
  ['a string that spans lines further down', `$env:${V} = 'T'\n$x = "a\nb"`, ['1 remove']],
  ['a single-quoted value that ends on the next line', `$env:${V} = 'T\n'`, [`1 ${SPANS}`]],
  ['a double-quoted value that ends on the next line', `$env:${V} = "T\n"`, [`1 ${SPANS}`]],
  ['a string that spans lines, then a backtick', `$env:${V} = "a\nb" \``, [`1 ${SPANS}`]],
  ['an unclosed single-quoted value', `$env:${V} = 'T`, ['1 remove']],
  ['an unclosed double-quoted value', `$env:${V} = "T`, ['1 remove']],
  // A doubled quote is a quote inside the string: 'Env:X''' names another variable (X').
  ['a doubled quote inside single quotes', `Set-Item 'Env:${V}''' T`, []],
  // Here-strings start only with @' or @" at the end of a line; their content may hold lone quotes.
  ['a here-string with a lone single quote', `$x = @'\nit's\n'@\n$env:${V} = 'T'`, ['4 remove']],
  ['a here-string with a lone double quote', `$x = @"\nsay "hi\n"@\n$env:${V} = 'T'`, ['4 remove']],
  ['blanks after the here-string header', `$x = @'  \nit's\n'@\n$env:${V} = 'T'`, ['4 remove']],
  ['a here-string as the value', `$env:${V} = @'\nT\n'@`, [`1 ${SPANS}`]],
  ['two here-strings', `$a = @'\nx\n'@\n$b = @'\nit's\n'@\n$env:${V} = 'T'`, ['7 remove']],
  ['a hashtable over several lines is no here-string', `$h = @{\n  a = 1\n}\n$env:${V} = 'T'`, ['4 remove']],
  ['a quote at the end of a line without @ is an ordinary string', `$x = '\nabc'\n$env:${V} = 'T'`, ['3 remove']],
  ['@ before a string that does not end the line', `Write-Host @'a'\n$env:${V} = 'T'`, ['2 remove']],
  // Values: '' or $null alone removes the variable; '' as part of a longer value does not.
  ['a value ending in an empty string', `$env:${V} = $x + ''`, ['1 remove']],
  ['Windows line endings after a ;', `$env:${V} = 'T';\r\n`, ['1 remove']],
  // A comment on an assignment's line goes with that line only when the assignment's own fix removes it.
  ['a comment on a line left to the user', `Write-Host hi; $env:${V} = 'T' # $env:${V} = 'U'`, [`1 ${OTHERS}`, `1# ${COMMENT_SHARES}`]],
  ['a comment without a value on a removed line', `$env:${V} = 'T' # $env:${V} =`, ['1 remove', '1# note']],
];

describe('PowerShell profiles: which lines set the variable and how each can be fixed', function () {
  for (const [title, text, expected] of CASES) {
    it(`${title}: ${JSON.stringify(text)}`, function () {
      assert.deepEqual(summary(text), expected);
    });
  }

  it('lists two assignments on one line from left to right', function () {
    const text = `[Environment]::SetEnvironmentVariable('${V}', 'T'); $env:${V} = 'T'`;
    assert.deepEqual(
      scanPowerShellText(text, V).map((found) => [found.line, found.column]),
      [[1, 40], [1, 78]],
    );
  });
});
