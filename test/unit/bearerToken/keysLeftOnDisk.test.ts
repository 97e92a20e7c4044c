import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { harmlessNotes, keysLeftOnDisk, type LineFileSyntax } from '../../../src/core/bearerToken/bearerTokenFinding';
import { applyBearerTokenFixes, bearerTokenBackupPath } from '../../../src/core/bearerToken/bearerTokenFix';
import { removeBearerTokens, type BearerTokenRemovalPlan } from '../../../src/core/bearerToken/bearerTokenRemoval';
import { findingToJson, formatBearerTokenReport } from '../../../src/core/bearerToken/bearerTokenReport';
import { scanForBearerToken } from '../../../src/core/bearerToken/bearerTokenScanner';
import { makeTempHome, testEnvironment } from '../../support/tempHome';
import { FAKE_TOKEN, assertNoToken, recordingLogger, writeFiles } from './bearerTokenFixtures';

const V = 'AWS_BEARER_TOKEN_BEDROCK';
const T = FAKE_TOKEN;
const NOW = new Date('2025-06-01T12:00:00Z');
const marker = (file: string) =>
  `# Claude Code on Bedrock removed a line that set ${V} on 2025-06-01: a Bedrock API key overrides your SSO identity in Claude Code. The old line is in ${file}.bedrock-onboarding.bak until you delete it.`;

/**
 * What earlier versions of the extension wrote when they "removed" the variable
 * (commentOutLines and markerComment of src/core/bearerToken/lineCommenting.ts at 4d683ef,
 * copied as they were): the test files below are that function's real output.
 */
function oldMarkerComment(date: string, variable: string): string {
  return `# Disabled by Claude Code on Bedrock on ${date}: ${variable} (a Bedrock API key) overrides your SSO identity in Claude Code.`;
}
function oldCommentOutLines(text: string, lines: readonly { line: number; addNoOp: boolean }[], marker: string, syntax: LineFileSyntax): string {
  const pieces = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const dominantEol = text.includes('\r\n') ? '\r\n' : '\n';
  for (const entry of [...lines].sort((a, b) => b.line - a.line)) {
    const piece = pieces[entry.line - 1] ?? '';
    const content = piece.replace(/\r?\n$/, '');
    const eol = piece.slice(content.length);
    const indent = /^[ \t]*/.exec(content)?.[0] ?? '';
    const replacement = [`${indent}${marker}${dominantEol}`];
    if (entry.addNoOp && syntax === 'posix-shell') {
      replacement.push(`${indent}# ${content.slice(indent.length)}${dominantEol}`, `${indent}:${eol}`);
    } else {
      replacement.push(`${indent}# ${content.slice(indent.length)}${eol}`);
    }
    pieces[entry.line - 1] = replacement.join('');
  }
  return pieces.join('');
}
const oldVersion = (text: string, lines: readonly { line: number; addNoOp: boolean }[], syntax: LineFileSyntax) =>
  oldCommentOutLines(text, lines, oldMarkerComment('2024-11-05', V), syntax);

describe('keys left on disk in commented-out lines (temp home)', function () {
  let home: string;
  let removeHome: () => Promise<void>;

  beforeEach(async function () {
    ({ home, remove: removeHome } = await makeTempHome());
  });
  afterEach(async function () {
    await removeHome();
  });

  const environment = () => testEnvironment(home, { now: () => NOW });
  const ws = () => path.join(home, 'ws');
  const scan = (logger = recordingLogger()) =>
    scanForBearerToken({ environment: environment(), processOrigin: 'terminal', workspaceFolders: [ws()], managedSettingsDirectory: path.join(home, 'managed'), logger });
  const read = (relative: string) => fs.readFile(path.join(home, relative), 'utf8');
  const mode = async (relative: string) => (await fs.stat(path.join(home, relative))).mode & 0o777;

  it('replaces what earlier versions wrote (their marker, the commented line and its `:`) by one marker, in every line syntax, with a private backup', async function () {
    const bashrc = `alias ll='ls -l'\nif [ -n "$WORK" ]; then\n  export ${V}=${T}\nfi\nexport ${V}="${T}"\nexport EDITOR=vim\nwork() {\n  export ${V}=${T}\n}\n`;
    const originals: Record<string, { text: string; lines: { line: number; addNoOp: boolean }[]; syntax: LineFileSyntax }> = {
      '.bashrc': { text: bashrc, lines: [{ line: 3, addNoOp: true }, { line: 5, addNoOp: false }, { line: 8, addNoOp: true }], syntax: 'posix-shell' },
      '.zshrc': { text: `setopt autocd\r\nexport ${V}=${T}\r\nbindkey -e\r\n`, lines: [{ line: 2, addNoOp: false }], syntax: 'posix-shell' },
      '.tcshrc': { text: `set path = ($path ~/bin)\nsetenv ${V} ${T}\n`, lines: [{ line: 2, addNoOp: false }], syntax: 'csh' },
      '.config/fish/config.fish': { text: `if status is-login\n    set -gx ${V} ${T}\nend\n`, lines: [{ line: 2, addNoOp: false }], syntax: 'fish' },
      '.config/powershell/profile.ps1': { text: `Set-StrictMode -Version Latest\n$env:${V} = '${T}'`, lines: [{ line: 2, addNoOp: false }], syntax: 'powershell' },
      'ws/.env': { text: `A=1\n${V}=${T}\nB=2\n`, lines: [{ line: 2, addNoOp: false }], syntax: 'dotenv' },
    };
    for (const [file, { text, lines, syntax }] of Object.entries(originals)) await writeFiles(home, { [file]: oldVersion(text, lines, syntax) });
    const oldBashrc = await read('.bashrc');
    // What the old version left: the key, commented out, under its marker, and a `:` in the block.
    assert.equal(
      oldBashrc,
      [
        "alias ll='ls -l'",
        'if [ -n "$WORK" ]; then',
        `  # Disabled by Claude Code on Bedrock on 2024-11-05: ${V} (a Bedrock API key) overrides your SSO identity in Claude Code.`,
        `  # export ${V}=${T}`,
        '  :',
        'fi',
        `# Disabled by Claude Code on Bedrock on 2024-11-05: ${V} (a Bedrock API key) overrides your SSO identity in Claude Code.`,
        `# export ${V}="${T}"`,
        'export EDITOR=vim',
        'work() {',
        `  # Disabled by Claude Code on Bedrock on 2024-11-05: ${V} (a Bedrock API key) overrides your SSO identity in Claude Code.`,
        `  # export ${V}=${T}`,
        '  :',
        '}',
        '',
      ].join('\n'),
    );
    // Since then, the developer gave the function a body of its own: its `:` serves nothing any more.
    const editedBashrc = oldBashrc.replace('  :\n}', '  :\n  echo working\n}');
    await writeFiles(home, { '.bashrc': editedBashrc });
    // Earlier versions also left a backup, readable by anyone the file was readable by.
    await writeFiles(home, { '.bashrc.bedrock-onboarding.bak': bashrc });
    await fs.chmod(path.join(home, '.bashrc.bedrock-onboarding.bak'), 0o644);

    const logger = recordingLogger();
    const before = await scan(logger);
    const onDisk = keysLeftOnDisk(before.findings);
    assert.deepEqual(
      onDisk.map((finding) => `${path.relative(home, finding.file ?? '')}:${String(finding.line)}`),
      ['.bashrc:4', '.bashrc:8', '.bashrc:12', '.zshrc:3', '.tcshrc:3', '.config/fish/config.fish:3', '.config/powershell/profile.ps1:3', 'ws/.env:3'],
    );
    assert.equal(before.findings.length, onDisk.length, 'nothing is active, and nothing is a harmless note');
    const bashrcFix = onDisk[0]?.fix;
    assert.equal(bashrcFix?.action, 'remove-line');
    assert.deepEqual(bashrcFix.span, { first: 3, last: 5 });
    assert.equal(
      bashrcFix.summary,
      `An earlier version of this extension commented out line 4 of ${path.join(home, '.bashrc')} instead of removing it, so the key is still on disk there. Remove that line and the version's note above it; a backup only you can read is kept next to the file until you delete it.`,
    );

    const plans: BearerTokenRemovalPlan[] = [];
    const outcome = await removeBearerTokens(before.findings, environment(), {
      confirm: (plan) => {
        plans.push(plan);
        return Promise.resolve(true);
      },
      logger,
    });
    assert.deepEqual(
      plans[0]?.edits.map((edit) => [path.relative(home, edit.file), edit.lines]),
      [['.bashrc', [4, 8, 12]], ['.zshrc', [3]], ['.tcshrc', [3]], ['.config/fish/config.fish', [3]], ['.config/powershell/profile.ps1', [3]], ['ws/.env', [3]]],
    );
    assert.deepEqual(outcome.failures, []);
    assert.equal(outcome.fixed.length, 6);

    assert.equal(
      await read('.bashrc'),
      [
        "alias ll='ls -l'",
        'if [ -n "$WORK" ]; then',
        `  ${marker('.bashrc')}`,
        '  :',
        'fi',
        marker('.bashrc'),
        'export EDITOR=vim',
        'work() {',
        `  ${marker('.bashrc')}`,
        '  echo working',
        '}',
        '',
      ].join('\n'),
    );
    execFileSync('bash', ['-n', path.join(home, '.bashrc')]);
    assert.equal(await read('.zshrc'), `setopt autocd\r\n${marker('.zshrc')}\r\nbindkey -e\r\n`);
    assert.equal(await read('.tcshrc'), `set path = ($path ~/bin)\n${marker('.tcshrc')}\n`);
    assert.equal(await read('.config/fish/config.fish'), `if status is-login\n    ${marker('config.fish')}\nend\n`);
    assert.equal(await read('.config/powershell/profile.ps1'), `Set-StrictMode -Version Latest\n${marker('profile.ps1')}`);
    assert.equal(await read('ws/.env'), `A=1\n${marker('.env')}\nB=2\n`);

    // The backups hold the old files as they were, readable only by the user (the earlier, world-readable one included).
    assert.equal(await read('.bashrc.bedrock-onboarding.bak'), editedBashrc);
    for (const file of Object.keys(originals)) assert.equal(await mode(`${file}.bedrock-onboarding.bak`), 0o600, `${file}'s backup`);

    const after = await scan(logger);
    assert.deepEqual(after.findings, []);
    assertNoToken(
      [formatBearerTokenReport(before), JSON.stringify(before.findings.map(findingToJson)), JSON.stringify(outcome), formatBearerTokenReport(after), logger.lines.join('\n')].join('\n'),
      'a report, the removal outcome or the log',
    );
  });

  it('removes a commented-out assignment that still holds a value in every line syntax, and leaves those without one as notes', async function () {
    const files: Record<string, string> = {
      '.profile': `# export ${V}=${T}\n# export ${V}=\n#${V}=''\nexport PATH="$HOME/bin:$PATH"\n`,
      '.cshrc': `  # setenv ${V} ${T}\n# setenv ${V}\n`,
      '.config/fish/conf.d/keys.fish': `# set -Ux ${V} ${T}\n# set -gx ${V}\n# set -e ${V}\n`,
      '.config/powershell/Microsoft.PowerShell_profile.ps1': [
        `# $env:${V} = "${T}"`,
        `# [Environment]::SetEnvironmentVariable('${V}', '${T}', 'User')`,
        `# Set-Item -Path Env:${V} -Value '${T}'`,
        `<# $env:${V} = '${T}' #>`,
        `# $env:${V} = $null`,
        `# Set-Item -Path Env:${V}`,
        `# $env:${V} =  `,
        `# [Environment]::SetEnvironmentVariable('${V}',)`,
        `# Set-Item -Force -LiteralPath 'Env:${V}'; Write-Host done`,
        '',
      ].join('\r\n'),
      'ws/.env': `# ${V}=${T}\n#${V}=\n# ${V}="" # empty\n# ${V}=#not a value\n# ${V}='' \n`,
    };
    await writeFiles(home, files);
    const logger = recordingLogger();
    const before = await scan(logger);
    const located = (findings: typeof before.findings) => findings.map((finding) => `${path.relative(home, finding.file ?? '')}:${String(finding.line)}`);
    assert.deepEqual(located(keysLeftOnDisk(before.findings)), [
      '.profile:1',
      '.cshrc:1',
      '.config/fish/conf.d/keys.fish:1',
      '.config/powershell/Microsoft.PowerShell_profile.ps1:1',
      '.config/powershell/Microsoft.PowerShell_profile.ps1:2',
      '.config/powershell/Microsoft.PowerShell_profile.ps1:3',
      '.config/powershell/Microsoft.PowerShell_profile.ps1:4',
      'ws/.env:1',
    ]);
    assert.deepEqual(located(harmlessNotes(before.findings)), ['.profile:2', '.profile:3', '.cshrc:2', '.config/fish/conf.d/keys.fish:2', '.config/powershell/Microsoft.PowerShell_profile.ps1:6',
      '.config/powershell/Microsoft.PowerShell_profile.ps1:7',
      '.config/powershell/Microsoft.PowerShell_profile.ps1:8',
      '.config/powershell/Microsoft.PowerShell_profile.ps1:9',
      'ws/.env:2', 'ws/.env:3', 'ws/.env:4', 'ws/.env:5']);
    assert.match(logger.lines.join('\n'), /check: set in 0 places, 8 commented out with a value still on disk, 12 commented out without one, 0 unreadable files\./);

    const outcome = await removeBearerTokens(before.findings, environment(), { confirm: () => Promise.resolve(true), logger });
    assert.deepEqual(outcome.failures, []);
    assert.equal(await read('.profile'), `${marker('.profile')}\n# export ${V}=\n#${V}=''\nexport PATH="$HOME/bin:$PATH"\n`);
    assert.equal(await read('.cshrc'), `  ${marker('.cshrc')}\n# setenv ${V}\n`);
    assert.equal(await read('.config/fish/conf.d/keys.fish'), `${marker('keys.fish')}\n# set -gx ${V}\n# set -e ${V}\n`);
    const ps1 = marker('Microsoft.PowerShell_profile.ps1');
    assert.equal(
      await read('.config/powershell/Microsoft.PowerShell_profile.ps1'),
      [
        ps1,
        ps1,
        ps1,
        ps1,
        `# $env:${V} = $null`,
        `# Set-Item -Path Env:${V}`,
        `# $env:${V} =  `,
        `# [Environment]::SetEnvironmentVariable('${V}',)`,
        `# Set-Item -Force -LiteralPath 'Env:${V}'; Write-Host done`,
        '',
      ].join('\r\n'),
    );
    assert.equal(await read('ws/.env'), `${marker('.env')}\n#${V}=\n# ${V}="" # empty\n# ${V}=#not a value\n# ${V}='' \n`);
    const after = await scan(logger);
    assert.deepEqual(keysLeftOnDisk(after.findings), []);
    assert.equal(harmlessNotes(after.findings).length, 12);
    assertNoToken(`${JSON.stringify(outcome)}\n${formatBearerTokenReport(before)}\n${logger.lines.join('\n')}`, 'the outcome, report or log');
  });

  it('says to remove by hand a comment that shares its line with code or is inside a continued command, unless the line goes anyway', async function () {
    await writeFiles(home, {
      '.bashrc': [`echo hi # export ${V}=${T}`, 'echo a \\', `# export ${V}=${T}`, 'echo b', `export ${V}=${T} # export ${V}=${T}`, ''].join('\n'),
      '.config/powershell/profile.ps1': [`Write-Host hi # $env:${V} = '${T}'`, '<#', `$env:${V} = '${T}'`, '#>', 'Get-Item `', `# $env:${V} = '${T}'`, ''].join('\n'),
    });
    const { findings } = await scan();
    const summaries = findings.map((finding) => [path.basename(finding.file ?? ''), finding.line, finding.commented, finding.fix?.action, finding.fix?.summary]);
    const bashrc = path.join(home, '.bashrc');
    const profile = path.join(home, '.config/powershell/profile.ps1');
    const byHand = (file: string, line: number, reason: string) =>
      `The comment on line ${String(line)} of ${file} still holds a value for ${V}, so the key is on disk there; remove it by hand: ${reason}.`;
    assert.deepEqual(summaries.map((entry) => entry.slice(0, 4)), [
      ['.bashrc', 1, true, 'edit-by-hand'],
      ['.bashrc', 3, true, 'edit-by-hand'],
      ['.bashrc', 5, false, 'remove-line'],
      // The active line's removal takes the comment with it.
      ['.bashrc', 5, true, 'remove-line'],
      ['profile.ps1', 1, true, 'edit-by-hand'],
      ['profile.ps1', 3, true, 'edit-by-hand'],
      ['profile.ps1', 6, true, 'edit-by-hand'],
    ]);
    assert.deepEqual(summaries.filter((entry) => entry[3] === 'edit-by-hand').map((entry) => entry[4]), [
      byHand(bashrc, 1, 'the comment follows a command on that line; delete just the comment'),
      byHand(bashrc, 3, 'the comment is inside a command that spans several lines; delete just the comment'),
      byHand(profile, 1, 'the comment shares its line with a command; delete just the comment'),
      byHand(profile, 3, 'the comment spans more than one line; delete just that part of it'),
      byHand(profile, 6, 'a command continues into the comment; delete just the comment'),
    ]);

    const outcome = await removeBearerTokens(findings, environment(), { confirm: () => Promise.resolve(true) });
    assert.deepEqual(outcome.fixed.map((fixed) => [path.basename(fixed.file), fixed.lines]), [['.bashrc', [5]]]);
    assert.equal(outcome.plan.instructions.length, 5);
    assert.equal(await read('.bashrc'), [`echo hi # export ${V}=${T}`, 'echo a \\', `# export ${V}=${T}`, 'echo b', marker('.bashrc'), ''].join('\n'));
  });

  it('lists keys left on disk in the report between the active places and the harmless notes, by file and line only', async function () {
    await writeFiles(home, {
      '.bashrc': `export ${V}=${T}\n# export ${V}=${T}\n# export ${V}=\n`,
      'ws/.vscode/settings.json': `{\n  // "${V}": "${T}",\n  "terminal.integrated.env.linux": {}\n}\n`,
      'managed/managed-settings.json': `{\n  /* "${V}": "${T}" */\n}\n`,
    });
    const result = await scan();
    const bashrc = path.join(home, '.bashrc');
    const vscodeSettings = path.join(home, 'ws/.vscode/settings.json');
    const managed = path.join(home, 'managed/managed-settings.json');
    assert.equal(
      formatBearerTokenReport(result),
      [
        `${V} is set in 1 place(s); it overrides your SSO identity in Claude Code:`,
        `  ${bashrc}:1 (bash start-up file)`,
        `    Remove line 1 of ${bashrc}, which sets ${V}; a backup only you can read is kept next to the file until you delete it.`,
        'Commented out, but still holding a value: the key is on disk there (3):',
        `  ${managed}:2 (Claude Code managed settings)`,
        `    A comment on line 2 of ${managed} still holds a value for ${V}, so the key is on disk there; ask your administrator to delete that comment.`,
        `  ${bashrc}:2 (bash start-up file)`,
        `    Remove line 2 of ${bashrc}: it is commented out but still holds a value for ${V}, so the key is on disk there; a backup only you can read is kept next to the file until you delete it.`,
        `  ${vscodeSettings}:2 (VS Code workspace settings)`,
        `    A comment on line 2 of ${vscodeSettings} still holds a value for ${V}, so the key is on disk there; delete that comment by hand.`,
        'Commented out, harmless (1):',
        `  ${bashrc}:3 (bash start-up file)`,
        '',
      ].join('\n'),
    );
    assert.deepEqual(findingToJson(keysLeftOnDisk(result.findings)[2] ?? assert.fail()), {
      kind: 'vscode-terminal-env',
      source: 'VS Code workspace settings',
      file: vscodeSettings,
      line: 2,
      column: 7,
      commented: true,
      fix: { action: 'edit-by-hand', summary: `A comment on line 2 of ${vscodeSettings} still holds a value for ${V}, so the key is on disk there; delete that comment by hand.` },
    });
    await applyBearerTokenFixes(result.findings.filter((finding) => finding.file === bashrc && finding.fix !== undefined), environment());
    assert.equal(await read('.bashrc'), `${marker('.bashrc')}\n${marker('.bashrc')}\n# export ${V}=\n`);
    assert.equal(await mode('.bashrc.bedrock-onboarding.bak'), 0o600);
    assert.equal(await read('.bashrc.bedrock-onboarding.bak'), `export ${V}=${T}\n# export ${V}=${T}\n# export ${V}=\n`);
    assert.ok(bearerTokenBackupPath(bashrc).endsWith('.bashrc.bedrock-onboarding.bak'));
  });
});
