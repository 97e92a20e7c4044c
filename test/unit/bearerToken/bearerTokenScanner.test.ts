import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { activeFindings, harmlessNotes, keysLeftOnDisk, type BearerTokenFinding } from '../../../src/core/bearerToken/bearerTokenFinding';
import { removeBearerTokens } from '../../../src/core/bearerToken/bearerTokenRemoval';
import { findingToJson, formatBearerTokenReport } from '../../../src/core/bearerToken/bearerTokenReport';
import { scanForBearerToken } from '../../../src/core/bearerToken/bearerTokenScanner';
import { makeTempHome, testEnvironment } from '../../support/tempHome';
import { FAKE_TOKEN, assertNoToken, recordingLogger, writeFiles } from './bearerTokenFixtures';

const V = 'AWS_BEARER_TOKEN_BEDROCK';
const T = FAKE_TOKEN;
const lines = (...all: string[]): string => `${all.join('\n')}\n`;

/** Every place the issue lists, each in its own syntax, with decoys around the real ones. */
function syntheticHome(): Record<string, string> {
  return {
    '.bashrc': lines(
      '# ~/.bashrc',
      `export ${V}=${T}`,
      `# export ${V}=${T}`,
      `export ${V}_X=${T}`,
      `echo "${V}=${T} would be bad"`,
      `alias bedrock='export ${V}=${T}'`,
      `unset ${V}`,
      `export MY_${V}=${T}`,
      `# export ${V}=""`,
    ),
    '.bash_profile': lines('if [ -f ~/.bashrc ]; then . ~/.bashrc; fi', `declare -x ${V}="${T}"`),
    // bash reads .bash_login only without .bash_profile, but a developer may switch: every listed file is read.
    '.bash_login': lines('umask 022', `export ${V}=${T}`),
    '.bash_aliases': lines(`alias k=kubectl`, `export ${V}=${T}`),
    '.zlogin': lines(`export ${V}=${T}`),
    '.tcshrc': lines(`setenv ${V} ${T}`, `#setenv ${V}`),
    '.login': lines('set path = ($path ~/bin)', `setenv ${V} ${T}`),
    '.profile': lines('PATH="$HOME/bin:$PATH"', `${V}='${T}'; export ${V}`),
    '.zshrc': lines('cat <<EOF >/dev/null', `export ${V}=${T}`, 'EOF', `typeset -x ${V}=${T}`, `  #export ${V}=${T}`),
    '.zprofile': lines(`export ${V}=`),
    '.zshenv': lines(`${V}=${T} claude --version`),
    '.cshrc': lines(`set ${V}=${T}`, `setenv ${V} ${T}`),
    '.config/fish/config.fish': lines('if status is-interactive', `    set -gx ${V} ${T}`, 'end', `set -e ${V}`, `set -q ${V}; and echo set`),
    '.config/fish/conf.d/bedrock.fish': lines(`# set -Ux ${V} ${T}`, `set -x ${V} ${T}`, `# set -gx ${V}`),
    '.config/fish/conf.d/notes.txt': lines(`set -x ${V} ${T}`),
    '.config/fish/fish_variables': lines('# This file contains fish universal variable definitions.', `SETUVAR --export ${V}:${T}`, `SETUVAR ${V}_X:${T}`),
    '.config/powershell/Microsoft.PowerShell_profile.ps1': lines(
      `$env:${V} = "${T}"`,
      `# $env:${V} = "${T}"`,
      `Write-Host '$env:${V} = ${T}'`,
      `$env:${V} = $null`,
      `$env:${V}_X = "${T}"`,
      `# $env:${V} = ''`,
    ),
    'Documents/PowerShell/profile.ps1': lines('Set-StrictMode -Version Latest', `[Environment]::SetEnvironmentVariable('${V}', '${T}', 'User')`),
    '.claude/settings.json': lines(
      '{',
      '  "env": {',
      '    "AWS_REGION": "us-west-2",',
      `    "${V}": "${T}",`,
      `    "${V}_X": "${T}"`,
      '  },',
      `  "note": "${V}",`,
      `  "permissions": { "${V}": "${T}" }`,
      '}',
    ),
    'ws/.claude/settings.json': lines('{', '  // shared', `  // "${V}": "${T}",`, '  "env": {', `    "${V}": "${T}"`, '  }', `  // "${V}": "",`, '}'),
    'ws/.claude/settings.local.json': lines('{', `  "env": { "CLAUDE_CODE_USE_BEDROCK": "1", "${V}": "${T}" }`, '}'),
    'ws/.vscode/settings.json': lines(
      '{',
      '  "terminal.integrated.env.linux": {',
      `    // "${V}": "${T}",`,
      `    "${V}": "${T}"`,
      '  },',
      `  "terminal.integrated.env.osx": { "${V}": null },`,
      `  "files.exclude": { "${V}": true }`,
      '}',
    ),
    'ws/.env': lines('# tokens', `# ${V}=${T}`, `${V}_X=${T}`, `${V}=${T}`, 'OTHER=1', `# ${V}=`),
    'ws2/.env.local': lines(`export ${V}="${T}"`),
    'vscode-user/settings.json': lines('{', '  "editor.fontSize": 14,', `  "terminal.integrated.env.windows": { "${V}": "${T}" }`, '}'),
    'managed/managed-settings.json': lines('{', `  "env": { "${V}": "${T}" }`, '}'),
    'managed/managed-settings.d/20-team.json': lines('{', '  "env": {', `    "${V}": "${T}"`, '  }', '}'),
  };
}

/**
 * `file:line` for active findings, `file:line#key` for commented-out lines that still hold
 * a value, `file:line#` for harmless commented-out notes, `env` for the process.
 */
function keysOf(home: string, findings: readonly BearerTokenFinding[]): string[] {
  const mark = (finding: BearerTokenFinding): string => (!finding.commented ? '' : finding.fix ? '#key' : '#');
  return findings.map((finding) => (finding.file === undefined ? 'env' : `${path.relative(home, finding.file)}:${String(finding.line)}${mark(finding)}`)).sort();
}

describe('scanForBearerToken (synthetic home, every place, decoys)', function () {
  let home: string;
  let removeHome: () => Promise<void>;

  beforeEach(async function () {
    ({ home, remove: removeHome } = await makeTempHome());
  });
  afterEach(async function () {
    await removeHome();
  });

  async function scanHome(env: Record<string, string> = {}, logger = recordingLogger()) {
    return scanForBearerToken({
      environment: testEnvironment(home, { env }),
      processOrigin: 'vscode-extension-host',
      workspaceFolders: [path.join(home, 'ws'), path.join(home, 'ws2')],
      vscodeSettingsFiles: [path.join(home, 'vscode-user', 'settings.json')],
      managedSettingsDirectory: path.join(home, 'managed'),
      logger,
    });
  }

  it('reports every real place with its file and line, commented-out lines with their value still there, harmless notes, and no decoy', async function () {
    await writeFiles(home, syntheticHome());
    const logger = recordingLogger();
    const result = await scanHome({ [V]: T, [`${V}_X`]: T }, logger);

    assert.deepEqual(
      keysOf(home, result.findings),
      [
        '.bash_aliases:2',
        '.bash_login:2',
        '.bash_profile:2',
        '.bashrc:2',
        '.bashrc:3#key',
        '.bashrc:9#',
        '.claude/settings.json:4',
        '.config/fish/conf.d/bedrock.fish:1#key',
        '.config/fish/conf.d/bedrock.fish:2',
        '.config/fish/conf.d/bedrock.fish:3#',
        '.config/fish/config.fish:2',
        '.config/fish/fish_variables:2',
        '.config/powershell/Microsoft.PowerShell_profile.ps1:1',
        '.config/powershell/Microsoft.PowerShell_profile.ps1:2#key',
        '.cshrc:2',
        '.login:2',
        '.profile:2',
        '.tcshrc:1',
        '.tcshrc:2#',
        '.zlogin:1',
        '.zprofile:1',
        '.zshenv:1',
        '.zshrc:4',
        '.zshrc:5#key',
        'Documents/PowerShell/profile.ps1:2',
        'env',
        'managed/managed-settings.d/20-team.json:3',
        'managed/managed-settings.json:2',
        'vscode-user/settings.json:3',
        'ws/.claude/settings.json:3#key',
        'ws/.claude/settings.json:5',
        'ws/.claude/settings.json:7#',
        'ws/.claude/settings.local.json:2',
        'ws/.env:2#key',
        'ws/.env:4',
        'ws/.env:6#',
        'ws/.vscode/settings.json:3#key',
        'ws/.vscode/settings.json:4',
        'ws2/.env.local:1',
      ].sort(),
    );
    assert.deepEqual(result.skipped, []);

    const serialized = JSON.stringify(result);
    assertNoToken(serialized, 'the scan result');
    assertNoToken(logger.lines.join('\n'), 'the log');
    assert.match(logger.lines.join('\n'), /AWS_BEARER_TOKEN_BEDROCK check: set in 27 places, 7 commented out with a value still on disk, 5 commented out without one, 0 unreadable files\./);
  });

  it('gives each place its kind, column and fix', async function () {
    await writeFiles(home, syntheticHome());
    const { findings } = await scanHome();
    const at = (relative: string, line: number): BearerTokenFinding => {
      const found = findings.find((finding) => finding.file === path.join(home, relative) && finding.line === line);
      assert.ok(found, `${relative}:${String(line)} not reported`);
      return found;
    };

    const claude = at('.claude/settings.json', 4);
    assert.equal(claude.kind, 'claude-settings');
    assert.equal(claude.column, 6);
    assert.equal(claude.fix?.action, 'remove-json-key');
    assert.deepEqual(claude.fix.jsonPath, ['env', V]);
    assert.equal(claude.fix.summary, `Remove "${V}" from "env" in ${path.join(home, '.claude/settings.json')} (line 4); a backup only you can read is kept next to the file until you delete it.`);

    const terminal = at('ws/.vscode/settings.json', 4);
    assert.equal(terminal.kind, 'vscode-terminal-env');
    assert.deepEqual(terminal.fix?.action === 'remove-json-key' ? terminal.fix.jsonPath : undefined, ['terminal.integrated.env.linux', V]);

    assert.equal(at('managed/managed-settings.json', 2).kind, 'managed-settings');
    assert.deepEqual(at('managed/managed-settings.json', 2).fix, {
      action: 'ask-admin',
      file: path.join(home, 'managed/managed-settings.json'),
      summary: `${V} comes from Claude Code managed settings (${path.join(home, 'managed/managed-settings.json')}), which only an administrator can change. Ask your administrator to remove it from that file's "env".`,
    });
    assert.equal(at('.bashrc', 2).fix?.action, 'remove-line');
    assert.equal(at('.bashrc', 2).column, 8);
    // Commented out but still holding the key: removed like an active line, and the summary says why.
    const onDisk = at('.bashrc', 3);
    assert.equal(onDisk.commented, true);
    assert.equal(onDisk.fix?.action, 'remove-line');
    assert.equal(onDisk.fix.summary, `Remove line 3 of ${path.join(home, '.bashrc')}: it is commented out but still holds a value for ${V}, so the key is on disk there; a backup only you can read is kept next to the file until you delete it.`);
    assert.equal(at('.bashrc', 9).fix, undefined, 'no value, nothing on disk: a harmless note');
    // A JSON(C) comment is the user's own text and may share its line: removed by hand.
    const jsonComment = at('ws/.claude/settings.json', 3);
    assert.equal(jsonComment.fix?.action, 'edit-by-hand');
    assert.equal(jsonComment.fix.summary, `A comment on line 3 of ${path.join(home, 'ws/.claude/settings.json')} still holds a value for ${V}, so the key is on disk there; delete that comment by hand.`);
    assert.equal(at('ws/.claude/settings.json', 7).fix, undefined);
    assert.equal(at('.cshrc', 2).fix?.action, 'remove-line');
    assert.equal(at('ws/.env', 4).kind, 'dotenv');
    assert.equal(at('.config/fish/config.fish', 2).fix?.action, 'remove-line');
    assert.equal(at('.config/powershell/Microsoft.PowerShell_profile.ps1', 1).fix?.action, 'remove-line');

    // The command on the line has to stay, so it is not removed automatically.
    const prefix = at('.zshenv', 1);
    assert.equal(prefix.fix?.action, 'edit-by-hand');
    assert.equal(
      prefix.fix.summary,
      `Remove ${V} from line 1 of ${path.join(home, '.zshenv')} by hand: it sets ${V} only for the command on that line, which has to stay; remove just the ${V}=… part.`,
    );

    // fish rewrites its own variable store; the fix is a command.
    const universal = at('.config/fish/fish_variables', 2);
    assert.equal(universal.kind, 'fish-universal-variables');
    assert.equal(universal.fix?.summary, `Remove ${V} from line 2 of ${path.join(home, '.config/fish/fish_variables')} by hand: fish rewrites this file itself; run "set -e -U ${V}" in a fish shell instead.`);

    // Windows keeps a User-scope value in the registry too: the summary says so.
    assert.equal(
      at('Documents/PowerShell/profile.ps1', 2).fix?.summary,
      `Remove line 2 of ${path.join(home, 'Documents/PowerShell/profile.ps1')}, which sets ${V}; a backup only you can read is kept next to the file until you delete it. Windows also keeps it in your user environment: run [Environment]::SetEnvironmentVariable('${V}', $null, 'User') once, or remove it under System Properties > Environment Variables.`,
    );

    assert.equal(activeFindings(findings).length + keysLeftOnDisk(findings).length, findings.filter((finding) => finding.fix !== undefined).length);
    assert.equal(harmlessNotes(findings).length, 5);
  });

  it('describes every place in words, and reads only the files each place is made of', async function () {
    const posix = `export ${V}=${T}\n`;
    await writeFiles(home, {
      ...Object.fromEntries(['.profile', '.bashrc', '.bash_profile', '.bash_login', '.bash_aliases', '.zshenv', '.zprofile', '.zshrc', '.zlogin'].map((file) => [file, posix])),
      ...Object.fromEntries(['zdot/.zshenv', 'zdot/.zprofile', 'zdot/.zshrc', 'zdot/.zlogin'].map((file) => [file, posix])),
      '.cshrc': `setenv ${V} ${T}\n`,
      '.tcshrc': `setenv ${V} ${T}\n`,
      '.login': `setenv ${V} ${T}\n`,
      'xdg/fish/config.fish': `set -x ${V} ${T}\n`,
      'xdg/fish/conf.d/a.fish': `set -x ${V} ${T}\n`,
      'xdg/fish/conf.d/b.fish.txt': `set -x ${V} ${T}\n`,
      'xdg/fish/fish_variables': `SETUVAR --export ${V}:${T}\n`,
      'xdg/powershell/Microsoft.PowerShell_profile.ps1': `$env:${V} = '${T}'\n`,
      'Documents/PowerShell/Profile.PS1': `$env:${V} = '${T}'\n`,
      'Documents/WindowsPowerShell/profile.ps1': `$env:${V} = '${T}'\n`,
      'Documents/WindowsPowerShell/script.ps1': `$env:${V} = '${T}'\n`,
      'OneDrive/Documents/PowerShell/profile.ps1': `$env:${V} = '${T}'\n`,
      'OneDrive/Documents/WindowsPowerShell/profile.ps1': `$env:${V} = '${T}'\n`,
      'claude-config/settings.json': `{"env":{"${V}":"${T}"}}`,
      '.claude/settings.json': `{"env":{"${V}":"${T}"}}`,
      'ws/.claude/settings.json': `{"env":{"${V}":"${T}"}}`,
      'ws/.claude/settings.local.json': `{"env":{"${V}":"${T}"}}`,
      'ws/.vscode/settings.json': `{"terminal.integrated.env.osx":{"${V}":"${T}"}}`,
      'ws/.env': `${V}=${T}\n`,
      'ws/.env.local': `${V}=${T}\n`,
      'vscode-user/settings.json': `{"terminal.integrated.env.windows":{"${V}":"${T}"}}`,
      'managed/managed-settings.json': `{"env":{"${V}":"${T}"}}`,
      'managed/managed-settings.d/10-a.json': `{"env":{"${V}":"${T}"}}`,
      'managed/managed-settings.d/.20-hidden.json': `{"env":{"${V}":"${T}"}}`,
      'managed/managed-settings.d/30-notes.txt': `{"env":{"${V}":"${T}"}}`,
    });
    const result = await scanForBearerToken({
      environment: testEnvironment(home, {
        env: { CLAUDE_CONFIG_DIR: path.join(home, 'claude-config'), ZDOTDIR: path.join(home, 'zdot'), XDG_CONFIG_HOME: path.join(home, 'xdg'), OneDrive: path.join(home, 'OneDrive') },
      }),
      processOrigin: 'terminal',
      workspaceFolders: [path.join(home, 'ws')],
      vscodeSettingsFiles: [path.join(home, 'vscode-user', 'settings.json')],
      managedSettingsDirectory: path.join(home, 'managed'),
    });
    assert.deepEqual(
      result.findings.map((finding) => [path.relative(home, finding.file ?? ''), finding.kind, finding.source]),
      [
        ['claude-config/settings.json', 'claude-settings', 'Claude Code user settings'],
        ['.claude/settings.json', 'claude-settings', 'Claude Code user settings'],
        ['ws/.claude/settings.json', 'claude-settings', 'Claude Code project settings (shared with the team)'],
        ['ws/.claude/settings.local.json', 'claude-settings', 'Claude Code project settings (local)'],
        ['managed/managed-settings.json', 'managed-settings', 'Claude Code managed settings'],
        ['managed/managed-settings.d/10-a.json', 'managed-settings', 'Claude Code managed settings (drop-in)'],
        ['.profile', 'shell-startup', 'login shell start-up file'],
        ['.bashrc', 'shell-startup', 'bash start-up file'],
        ['.bash_profile', 'shell-startup', 'bash login start-up file'],
        ['.bash_login', 'shell-startup', 'bash login start-up file'],
        ['.bash_aliases', 'shell-startup', 'bash start-up file (sourced by .bashrc)'],
        ['.zshenv', 'shell-startup', 'zsh start-up file'],
        ['.zprofile', 'shell-startup', 'zsh login start-up file'],
        ['.zshrc', 'shell-startup', 'zsh start-up file'],
        ['.zlogin', 'shell-startup', 'zsh login start-up file'],
        ['zdot/.zshenv', 'shell-startup', 'zsh start-up file'],
        ['zdot/.zprofile', 'shell-startup', 'zsh login start-up file'],
        ['zdot/.zshrc', 'shell-startup', 'zsh start-up file'],
        ['zdot/.zlogin', 'shell-startup', 'zsh login start-up file'],
        ['.cshrc', 'shell-startup', 'csh/tcsh start-up file'],
        ['.tcshrc', 'shell-startup', 'tcsh start-up file'],
        ['.login', 'shell-startup', 'csh/tcsh login start-up file'],
        ['xdg/fish/config.fish', 'shell-startup', 'fish configuration'],
        ['xdg/fish/conf.d/a.fish', 'shell-startup', 'fish configuration snippet'],
        ['xdg/fish/fish_variables', 'fish-universal-variables', 'fish universal variables'],
        ['xdg/powershell/Microsoft.PowerShell_profile.ps1', 'shell-startup', 'PowerShell profile'],
        ['Documents/PowerShell/Profile.PS1', 'shell-startup', 'PowerShell profile'],
        ['Documents/WindowsPowerShell/profile.ps1', 'shell-startup', 'PowerShell profile'],
        ['OneDrive/Documents/PowerShell/profile.ps1', 'shell-startup', 'PowerShell profile'],
        ['OneDrive/Documents/WindowsPowerShell/profile.ps1', 'shell-startup', 'PowerShell profile'],
        ['vscode-user/settings.json', 'vscode-terminal-env', 'VS Code user settings'],
        ['ws/.vscode/settings.json', 'vscode-terminal-env', 'VS Code workspace settings'],
        ['ws/.env', 'dotenv', 'workspace .env file'],
        ['ws/.env.local', 'dotenv', 'workspace .env file'],
      ],
    );
  });

  it('says which process to restart for the environment, depending on where the scan runs', async function () {
    const inVsCode = await scanHome({ [V]: '' });
    assert.equal(inVsCode.findings.length, 1, 'an empty value still switches Claude Code to bearer authentication');
    const [finding] = inVsCode.findings;
    assert.equal(finding?.kind, 'process-environment');
    assert.equal(finding.source, 'environment VS Code was started with');
    assert.deepEqual(finding.fix, {
      action: 'restart',
      summary: `${V} is set in the environment VS Code was started with. Remove it where it is set (the other places listed here, or your system's environment settings), then quit VS Code completely and start it again: reloading the window keeps the old environment. When working on a remote machine, also restart the VS Code server there.`,
    });

    assert.deepEqual(findingToJson(finding), {
      kind: 'process-environment',
      source: 'environment VS Code was started with',
      file: null,
      line: null,
      column: null,
      commented: false,
      fix: { action: 'restart', summary: finding.fix.summary },
    });
    assert.equal(formatBearerTokenReport(inVsCode).split('\n')[1], '  environment VS Code was started with');

    const inTerminal = await scanForBearerToken({ environment: testEnvironment(home, { env: { [V]: T } }), processOrigin: 'terminal' });
    assert.equal(inTerminal.findings[0]?.source, 'environment of this terminal session');
    assert.equal(
      inTerminal.findings[0].fix?.summary,
      `${V} is set in this terminal session. Run "unset ${V}" here (PowerShell: "Remove-Item Env:${V}"), and open new terminals once it is removed from your start-up files.`,
    );
    assertNoToken(JSON.stringify(inTerminal), 'the scan result');

    const windows = await scanForBearerToken({ environment: { ...testEnvironment(home, { env: { aws_bearer_token_bedrock: T } }), platform: 'win32' }, processOrigin: 'terminal' });
    assert.equal(windows.findings.length, 1, 'Windows environment names are case-insensitive');
    const linux = await scanForBearerToken({ environment: { ...testEnvironment(home, { env: { aws_bearer_token_bedrock: T } }), platform: 'linux' }, processOrigin: 'terminal' });
    assert.equal(linux.findings.length, 0);
  });

  it('finds nothing in a clean home full of decoys', async function () {
    const decoys = Object.fromEntries(
      Object.entries(syntheticHome()).map(([file, text]) => [file, text.split(V).join(`${V}_X`)]),
    );
    await writeFiles(home, decoys);
    const result = await scanHome({ [`${V}_X`]: T, PATH: '/usr/bin' });
    assert.deepEqual(result.findings, []);
  });

  it('follows CLAUDE_CONFIG_DIR, ZDOTDIR and XDG_CONFIG_HOME, and still checks the default places', async function () {
    await writeFiles(home, {
      'claude-config/settings.json': `{ "env": { "${V}": "${T}" } }\n`,
      '.claude/settings.json': `{\n  "env": { "${V}": "${T}" }\n}\n`,
      'zdot/.zshrc': `\nexport ${V}=${T}\n`,
      'xdg/fish/config.fish': `set -x ${V} ${T}\n`,
    });
    const result = await scanForBearerToken({
      environment: testEnvironment(home, { env: { CLAUDE_CONFIG_DIR: path.join(home, 'claude-config'), ZDOTDIR: path.join(home, 'zdot'), XDG_CONFIG_HOME: path.join(home, 'xdg') } }),
      processOrigin: 'terminal',
      managedSettingsDirectory: path.join(home, 'managed'),
    });
    assert.deepEqual(keysOf(home, result.findings), ['.claude/settings.json:2', 'claude-config/settings.json:1', 'xdg/fish/config.fish:1', 'zdot/.zshrc:2']);
  });

  it('reports a settings file it cannot parse without offering to rewrite it', async function () {
    await writeFiles(home, { '.claude/settings.json': `{\n  "env": {\n    "${V}": "${T}"\n  \n` });
    const { findings } = await scanHome();
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.line, 3);
    assert.equal(findings[0].fix?.action, 'edit-by-hand');
    assert.equal(
      findings[0].fix.summary,
      `Remove "${V}" from "env" in ${path.join(home, '.claude/settings.json')} (line 3) by hand: the file has a JSON syntax error at line 5, column 1, so it is not edited automatically.`,
    );
    assertNoToken(JSON.stringify(findings), 'the scan result');
  });

  it('lists a file too large to be a start-up file as skipped instead of reading it', async function () {
    await writeFiles(home, { '.bashrc': `export ${V}=${T}\n${'#'.repeat(6 * 1024 * 1024)}\n` });
    const logger = recordingLogger();
    const result = await scanHome({}, logger);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.skipped, [{ file: path.join(home, '.bashrc'), reason: 'it is too large to be a settings or start-up file' }]);
    assert.match(logger.lines.join('\n'), /Could not check .*\.bashrc/);
  });

  it('still reads a start-up file of exactly the size limit', async function () {
    const head = `export ${V}=${T}\n#`;
    await writeFiles(home, { '.bashrc': `${head}${'#'.repeat(5 * 1024 * 1024 - head.length - 1)}\n` });
    assert.equal((await fs.stat(path.join(home, '.bashrc'))).size, 5 * 1024 * 1024);
    const result = await scanHome();
    assert.deepEqual(result.skipped, []);
    assert.deepEqual(keysOf(home, result.findings), ['.bashrc:1']);
  });

  it('on Windows, takes only the variable itself (in any case) from the environment, not other names', async function () {
    const windows = await scanForBearerToken({ environment: { ...testEnvironment(home, { env: { PATH: 'C:\\bin', [`${V}_X`]: T } }), platform: 'win32' }, processOrigin: 'terminal' });
    assert.deepEqual(windows.findings, []);
  });

  it('follows source and . lines of start-up files inside the home, three levels deep, and fixes what it finds there', async function () {
    const outside = await makeTempHome('bedrock-onboarding-outside-');
    try {
      await writeFiles(outside.home, { 'team.sh': `export ${V}=${T}\n` });
      await writeFiles(home, {
        '.bashrc': lines('[ -f ~/.bash_env ] && . ~/.bash_env', 'source "$HOME/.config/sh/loop.sh"', '. "$DIR/ignored.sh"', 'source ~/linked-outside.sh', 'source ~/missing.sh'),
        '.bash_env': lines(`export ${V}=${T}`, '. .config/sh/level2.sh'),
        '.config/sh/level2.sh': lines('if true; then', `  export ${V}=${T}`, '  source ${HOME}/.config/sh/level3.sh', 'fi'),
        '.config/sh/level3.sh': lines(`export ${V}=${T}`, 'source ~/.config/sh/level4.sh'),
        '.config/sh/level4.sh': lines(`export ${V}=${T}`),
        // Sources the file that sourced it: read once.
        '.config/sh/loop.sh': lines('. ~/.bashrc', `export ${V}=${T}`),
        'ignored.sh': lines(`export ${V}=${T}`),
        '.cshrc': lines('source ~/.csh_secrets'),
        '.csh_secrets': lines(`setenv ${V} ${T}`),
        '.config/fish/config.fish': lines('source ~/.config/fish/secrets.fish'),
        '.config/fish/secrets.fish': lines(`set -gx ${V} ${T}`),
      });
      await fs.symlink(path.join(outside.home, 'team.sh'), path.join(home, 'linked-outside.sh'));
      const result = await scanHome();
      assert.deepEqual(keysOf(home, result.findings), [
        '.bash_env:1',
        '.config/fish/secrets.fish:1',
        '.config/sh/level2.sh:2',
        '.config/sh/level3.sh:1',
        '.config/sh/loop.sh:2',
        '.csh_secrets:1',
      ]);
      const level3 = result.findings.find((finding) => finding.file?.endsWith('level3.sh'));
      assert.equal(level3?.kind, 'shell-startup');
      assert.equal(level3.source, `file sourced by ${path.join(home, '.config/sh/level2.sh')}`);
      assert.equal(result.findings.find((finding) => finding.file?.endsWith('.csh_secrets'))?.fix?.action, 'remove-line');

      const outcome = await removeBearerTokens(result.findings, testEnvironment(home), { confirm: () => Promise.resolve(true) });
      assert.deepEqual(outcome.failures, []);
      assert.equal(outcome.fixed.length, 6);
      assert.deepEqual(activeFindings((await scanHome()).findings), []);
      assert.ok(!(await fs.readFile(path.join(home, '.config/sh/level2.sh'), 'utf8')).includes(T));
      assert.ok((await fs.readFile(path.join(outside.home, 'team.sh'), 'utf8')).includes(T), 'a file outside the home is never read or edited');
    } finally {
      await outside.remove();
    }
  });

  it('lists a file it cannot read as skipped with the system\'s reason, and a path through a file as absent', async function () {
    await fs.symlink(path.join(home, '.bashrc'), path.join(home, '.bashrc'));
    // XDG_CONFIG_HOME is a file here, so nothing below it can exist.
    await writeFiles(home, { '.config': 'not a folder', '.profile': `export ${V}=${T}\n` });
    const logger = recordingLogger();
    const result = await scanHome({}, logger);
    assert.deepEqual(keysOf(home, result.findings), ['.profile:1']);
    assert.deepEqual(result.skipped, [{ file: path.join(home, '.bashrc'), reason: 'the system reported ELOOP' }]);
    assert.ok(logger.lines.includes(`warn: Could not check ${path.join(home, '.bashrc')} for ${V}: the system reported ELOOP.`), logger.lines.join('\n'));
    assert.ok(logger.lines.includes(`info: ${V} check: set in 1 place, 0 commented out with a value still on disk, 0 commented out without one, 1 unreadable file.`), logger.lines.join('\n'));
    assert.equal(
      formatBearerTokenReport(result),
      [
        `${V} is set in 1 place(s); it overrides your SSO identity in Claude Code:`,
        `  ${path.join(home, '.profile')}:1 (login shell start-up file)`,
        `    Remove line 1 of ${path.join(home, '.profile')}, which sets ${V}; a backup only you can read is kept next to the file until you delete it.`,
        `Could not check ${path.join(home, '.bashrc')}: the system reported ELOOP.`,
        '',
      ].join('\n'),
    );
    assert.equal(formatBearerTokenReport({ findings: [], skipped: [] }), `${V} is not set anywhere Claude Code would read it.\n`);
  });

  it('follows at most 64 sourced files, so a huge include tree cannot hold the scan up', async function () {
    const names = Array.from({ length: 66 }, (_, index) => `inc/f${String(index).padStart(2, '0')}.sh`);
    await writeFiles(home, {
      '.bashrc': lines(...names.map((name) => `. ~/${name}`)),
      ...Object.fromEntries(names.map((name) => [name, lines(`export ${V}=${T}`)])),
    });
    const result = await scanHome();
    assert.deepEqual(
      result.findings.map((finding) => path.relative(home, finding.file ?? '')),
      names.slice(0, 64),
    );
  });

  it('treats a folder where a file is expected as absent', async function () {
    await fs.mkdir(path.join(home, '.bashrc'));
    const result = await scanHome();
    assert.deepEqual(result, { findings: [], skipped: [] });
  });
});
