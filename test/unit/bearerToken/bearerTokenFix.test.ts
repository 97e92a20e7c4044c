import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { activeFindings } from '../../../src/core/bearerToken/bearerTokenFinding';
import { CHANGED_SINCE_SCAN_CODE, FIX_FAILED_CODE, FIX_NOT_AUTOMATIC_CODE, applyBearerTokenFix, applyBearerTokenFixes, bearerTokenBackupPath } from '../../../src/core/bearerToken/bearerTokenFix';
import { removeBearerTokens, type BearerTokenRemovalPlan } from '../../../src/core/bearerToken/bearerTokenRemoval';
import { scanForBearerToken } from '../../../src/core/bearerToken/bearerTokenScanner';
import { contentDigest } from '../../../src/core/bearerToken/contentDigest';
import { UserFacingError } from '../../../src/core/runtime/userFacingError';
import { makeTempHome, testEnvironment } from '../../support/tempHome';
import { FAKE_TOKEN, assertNoToken, recordingLogger, writeFiles } from './bearerTokenFixtures';

const V = 'AWS_BEARER_TOKEN_BEDROCK';
const T = FAKE_TOKEN;
const NOW = new Date('2025-03-14T09:30:00Z');
const marker = (file: string) =>
  `# Claude Code on Bedrock removed a line that set ${V} on 2025-03-14: a Bedrock API key overrides your SSO identity in Claude Code. The old line is in ${file}.bedrock-onboarding.bak until you delete it.`;
const MARKER = marker('.bashrc');

describe('bearer token removal (temp home)', function () {
  let home: string;
  let removeHome: () => Promise<void>;

  beforeEach(async function () {
    ({ home, remove: removeHome } = await makeTempHome());
  });
  afterEach(async function () {
    await removeHome();
  });

  const environment = () => testEnvironment(home, { now: () => NOW });
  const scan = (workspaceFolders: string[] = []) =>
    scanForBearerToken({ environment: environment(), processOrigin: 'terminal', workspaceFolders, managedSettingsDirectory: path.join(home, 'managed') });
  const read = (relative: string) => fs.readFile(path.join(home, relative), 'utf8');
  const agree = () => Promise.resolve(true);

  it('removes the key from a JSON settings file, keeping comments, indentation and every other byte', async function () {
    const before = [
      '{',
      '    // my settings',
      '    "env": {',
      '        "AWS_REGION": "us-west-2",',
      `        "${V}": "${T}",`,
      '        "AWS_PROFILE": "claude-code"',
      '    },',
      '    "model": "sonnet"',
      '}',
      '',
    ].join('\n');
    await writeFiles(home, { '.claude/settings.json': before });
    const logger = recordingLogger();
    const outcome = await removeBearerTokens((await scan()).findings, environment(), { confirm: agree, logger });

    assert.equal(outcome.status, 'done');
    assert.deepEqual(outcome.failures, []);
    const after = await read('.claude/settings.json');
    assert.equal(after, before.replace(`        "${V}": "${T}",\n`, ''));
    const backup = bearerTokenBackupPath(path.join(home, '.claude/settings.json'));
    assert.equal(await fs.readFile(backup, 'utf8'), before);
    assert.equal((await fs.stat(backup)).mode & 0o777, 0o600, 'the backup still holds the key, so only the user may read it');
    assert.deepEqual(outcome.fixed, [{ file: path.join(home, '.claude/settings.json'), backupPath: backup, fixed: 1, lines: [5] }]);
    assert.deepEqual((await scan()).findings, []);
    assertNoToken(`${JSON.stringify(outcome)}\n${logger.lines.join('\n')}`, 'the removal outcome or log');
  });

  it('removes the last member of an env object and of terminal.integrated.env, leaving valid JSON', async function () {
    const ws = path.join(home, 'ws');
    const vscodeBefore = `{\n\t"terminal.integrated.env.linux": {\n\t\t"FOO": "1",\n\t\t"${V}": "${T}"\n\t},\n\t"editor.tabSize": 2\n}`;
    const localBefore = `\uFEFF{"env":{"${V}":"${T}"},"x":1}`;
    await writeFiles(ws, { '.vscode/settings.json': vscodeBefore, '.claude/settings.local.json': localBefore });
    const outcome = await removeBearerTokens((await scan([ws])).findings, environment(), { confirm: agree });
    assert.equal(outcome.fixed.length, 2);
    assert.equal(await fs.readFile(path.join(ws, '.vscode/settings.json'), 'utf8'), `{\n\t"terminal.integrated.env.linux": {\n\t\t"FOO": "1"\n\t},\n\t"editor.tabSize": 2\n}`);
    assert.equal(await fs.readFile(path.join(ws, '.claude/settings.local.json'), 'utf8'), '\uFEFF{"env":{},"x":1}');
    assert.deepEqual((await scan([ws])).findings, []);
  });

  it('removes shell lines, and a commented-out one that still holds the key (a marker without the value takes their place), keeps a block valid, and changes nothing else', async function () {
    const before = [
      '# ~/.bashrc',
      'export PATH="$HOME/bin:$PATH"',
      `export ${V}=${T}`,
      'if [ -n "$WORK" ]; then',
      `    export ${V}="${T}"`,
      'fi',
      `# export ${V}=old`,
      'alias ll="ls -l"',
      `# export ${V}=`,
    ].join('\n');
    await writeFiles(home, { '.bashrc': before });
    // A world-readable start-up file: its backup must still be private.
    await fs.chmod(path.join(home, '.bashrc'), 0o644);
    const { findings } = await scan();
    const plans: BearerTokenRemovalPlan[] = [];
    const outcome = await removeBearerTokens(findings, environment(), {
      confirm: (plan) => {
        plans.push(plan);
        return Promise.resolve(true);
      },
    });

    assert.deepEqual(plans, [
      { edits: [{ file: path.join(home, '.bashrc'), action: 'remove-line', lines: [3, 5, 7], backupPath: bearerTokenBackupPath(path.join(home, '.bashrc')) }], instructions: [] },
    ]);
    assert.deepEqual(outcome.fixed, [{ file: path.join(home, '.bashrc'), backupPath: bearerTokenBackupPath(path.join(home, '.bashrc')), fixed: 3, lines: [3, 5, 7] }]);
    const after = await read('.bashrc');
    assert.equal(
      after,
      [
        '# ~/.bashrc',
        'export PATH="$HOME/bin:$PATH"',
        MARKER,
        'if [ -n "$WORK" ]; then',
        `    ${MARKER}`,
        '    :',
        'fi',
        MARKER,
        'alias ll="ls -l"',
        `# export ${V}=`,
      ].join('\n'),
    );
    // The shell itself agrees the file is still valid (an empty then-block is a syntax error).
    execFileSync('bash', ['-n', path.join(home, '.bashrc')]);
    assert.ok(!after.includes(T) && !after.includes('=old'), 'the keys are gone from the file, not commented out');
    assert.equal((await fs.stat(path.join(home, '.bashrc'))).mode & 0o777, 0o644);
    assert.equal(await read('.bashrc.bedrock-onboarding.bak'), before);
    assert.equal((await fs.stat(path.join(home, '.bashrc.bedrock-onboarding.bak'))).mode & 0o777, 0o600);
    assert.deepEqual(activeFindings((await scan()).findings), []);
  });

  it('keeps CRLF line endings, the file mode, and a symlink as a symlink', async function () {
    await writeFiles(home, { 'dotfiles/zshrc': `setopt autocd\r\nexport ${V}=${T}\r\nbindkey -e\r\n` });
    await fs.chmod(path.join(home, 'dotfiles/zshrc'), 0o600);
    await fs.symlink(path.join(home, 'dotfiles/zshrc'), path.join(home, '.zshrc'));
    await removeBearerTokens((await scan()).findings, environment(), { confirm: agree });

    assert.ok((await fs.lstat(path.join(home, '.zshrc'))).isSymbolicLink());
    assert.equal(await read('dotfiles/zshrc'), `setopt autocd\r\n${marker('zshrc')}\r\nbindkey -e\r\n`);
    assert.equal((await fs.stat(path.join(home, 'dotfiles/zshrc'))).mode & 0o777, 0o600);
    assert.equal(await read('dotfiles/zshrc.bedrock-onboarding.bak'), `setopt autocd\r\nexport ${V}=${T}\r\nbindkey -e\r\n`);
  });

  it('removes fish, PowerShell and .env lines, the last one even without a final newline', async function () {
    const ws = path.join(home, 'ws');
    await writeFiles(home, {
      '.config/fish/config.fish': `if status is-login\n    set -gx ${V} ${T}\nend\n`,
      '.config/powershell/profile.ps1': `$env:${V} = '${T}'\n`,
      'ws/.env': `A=1\n${V}=${T}`,
    });
    const outcome = await removeBearerTokens((await scan([ws])).findings, environment(), { confirm: agree });
    assert.equal(outcome.fixed.length, 3);
    assert.equal(await read('.config/fish/config.fish'), `if status is-login\n    ${marker('config.fish')}\nend\n`);
    assert.equal(await read('.config/powershell/profile.ps1'), `${marker('profile.ps1')}\n`);
    assert.equal(await read('ws/.env'), `A=1\n${marker('.env')}`);
    assert.deepEqual(activeFindings((await scan([ws])).findings), []);
  });

  it('writes nothing when the user declines, and asks nothing when there is nothing to edit', async function () {
    await writeFiles(home, { '.profile': `export ${V}=${T}\n` });
    const declined = await removeBearerTokens((await scan()).findings, environment(), { confirm: () => Promise.resolve(false) });
    assert.equal(declined.status, 'cancelled');
    assert.equal(await read('.profile'), `export ${V}=${T}\n`);
    await assert.rejects(fs.access(path.join(home, '.profile.bedrock-onboarding.bak')));

    await writeFiles(home, { '.profile': 'export OTHER=1\n', 'managed/managed-settings.json': `{"env":{"${V}":"${T}"}}` });
    let asked = false;
    const onlyInstructions = await removeBearerTokens(
      (await scanForBearerToken({ environment: testEnvironment(home, { env: { [V]: T } }), processOrigin: 'terminal', managedSettingsDirectory: path.join(home, 'managed') })).findings,
      environment(),
      {
        confirm: () => {
          asked = true;
          return Promise.resolve(true);
        },
      },
    );
    assert.equal(asked, false);
    assert.equal(onlyInstructions.status, 'nothing-to-edit');
    assert.equal(onlyInstructions.plan.instructions.length, 2);
    assert.match(onlyInstructions.plan.instructions[0] ?? '', /this terminal session/);
    assert.match(onlyInstructions.plan.instructions[1] ?? '', /only an administrator can change/);
  });

  it('refuses to edit a file that changed after the scan, and still fixes the other files', async function () {
    await writeFiles(home, { '.bashrc': `export ${V}=${T}\n`, '.zshrc': `export ${V}=${T}\n` });
    const { findings } = await scan();
    await fs.appendFile(path.join(home, '.bashrc'), 'echo changed\n');
    const logger = recordingLogger();
    const outcome = await removeBearerTokens(findings, environment(), { confirm: agree, logger });

    assert.equal(outcome.status, 'done');
    assert.deepEqual(outcome.fixed.map((fixed) => path.basename(fixed.file)), ['.zshrc']);
    assert.equal(outcome.failures.length, 1);
    assert.deepEqual(outcome.failures, [
      {
        file: path.join(home, '.bashrc'),
        message: `${path.join(home, '.bashrc')} changed after it was checked, so it was left as it is. Check again for ${V}, then remove it.`,
      },
    ]);
    assert.ok(logger.lines.includes(`warn: ${outcome.failures[0]?.message ?? ''}`), 'the failure is logged too');
    assert.ok(logger.lines.some((line) => line.startsWith(`info: Removed ${V} from ${path.join(home, '.zshrc')} (line 1); backup at `)), logger.lines.join('\n'));
    assert.equal(await read('.bashrc'), `export ${V}=${T}\necho changed\n`);
    await assert.rejects(fs.access(path.join(home, '.bashrc.bedrock-onboarding.bak')));

    const bashrc = findings.find((finding) => finding.file === path.join(home, '.bashrc'));
    assert.ok(bashrc);
    await assert.rejects(applyBearerTokenFix(bashrc, environment()), (error: unknown) => error instanceof UserFacingError && error.code === CHANGED_SINCE_SCAN_CODE);
  });

  it('writes nothing when the edited file would still set the variable, or keep a key or a new note in a comment', async function () {
    // A fix that removes the wrong line (here: the start of a here-document) would turn the
    // document's text into commands; the re-scan of the result catches it before any write.
    const cases = {
      '.bashrc': `cat <<EOF >/dev/null\nexport ${V}=${T}\nEOF\nexport ${V}=${T}\n`,
      '.zshrc': `cat <<EOF >/dev/null\n# export ${V}=${T}\nEOF\nexport ${V}=${T}\n`,
      '.profile': `cat <<EOF >/dev/null\n# export ${V}=\nEOF\nexport ${V}=${T}\n`,
    };
    await writeFiles(home, cases);
    const { findings } = await scan();
    for (const [file, before] of Object.entries(cases)) {
      const finding = findings.find((candidate) => candidate.file === path.join(home, file));
      assert.ok(finding?.fix?.action === 'remove-line' && finding.line === 4, file);
      const wrongLine = { ...finding, fix: { ...finding.fix, line: 1, span: { first: 1, last: 1 } } };
      await assert.rejects(
        applyBearerTokenFix(wrongLine, environment()),
        (error: unknown) => error instanceof UserFacingError && error.code === FIX_FAILED_CODE && error.message.startsWith(`Could not change ${path.join(home, file)}: `) && !error.message.includes(T),
        file,
      );
      assert.equal(await read(file), before, `${file} is left as it was`);
      await assert.rejects(fs.access(path.join(home, `${file}.bedrock-onboarding.bak`)), `${file} has no backup`);
      const pastTheEnd = { ...finding, fix: { ...finding.fix, line: 9, span: { first: 9, last: 9 } } };
      await assert.rejects(applyBearerTokenFix(pastTheEnd, environment()), (error: unknown) => error instanceof UserFacingError && error.code === FIX_FAILED_CODE);
      assert.equal(await read(file), before);
      // The right line is removed as usual.
      await applyBearerTokenFix(finding, environment());
      const expected = before.split('\n');
      expected[3] = marker(file);
      assert.equal(await read(file), expected.join('\n'));
    }
  });

  it('refuses, with the instruction as its sentence, a fix that cannot be automatic', async function () {
    await writeFiles(home, { '.zshenv': `${V}=${T} claude\n`, '.bashrc': `# export ${V}=\n` });
    const { findings } = await scan();
    const prefix = findings.find((finding) => finding.file?.endsWith('.zshenv'));
    const commented = findings.find((finding) => finding.file?.endsWith('.bashrc'));
    assert.ok(prefix && commented);
    await assert.rejects(applyBearerTokenFixes([prefix], environment()), (error: unknown) => error instanceof UserFacingError && error.code === FIX_NOT_AUTOMATIC_CODE && /by hand/.test(error.message));
    await assert.rejects(applyBearerTokenFixes([commented], environment()), (error: unknown) => error instanceof UserFacingError && error.code === FIX_NOT_AUTOMATIC_CODE && error.message === `The ${V} line 1 in ${path.join(home, '.bashrc')} is commented out and holds no value; there is nothing to remove.`);
    assert.equal(await read('.zshenv'), `${V}=${T} claude\n`);
  });

  /** The refusal a failed fix throws, with the internal reason it wraps. */
  const failedWith = (file: string, cause: string) => (error: unknown) =>
    error instanceof UserFacingError &&
    error.code === FIX_FAILED_CODE &&
    error.message.startsWith(`Could not change ${path.join(home, file)}: `) &&
    error.cause instanceof Error &&
    error.cause.message === cause;

  it('names its refusals with codes callers match on', function () {
    assert.equal(FIX_NOT_AUTOMATIC_CODE, 'bearer-token.fix-not-automatic');
    assert.equal(CHANGED_SINCE_SCAN_CODE, 'bearer-token.changed-since-scan');
    assert.equal(FIX_FAILED_CODE, 'bearer-token.fix-failed');
  });

  it('reports and logs the removed lines in order, whatever order the findings came in', async function () {
    await writeFiles(home, { '.bashrc': `export ${V}=${T}\necho hi\nexport ${V}=${T}\n` });
    const findings = activeFindings((await scan()).findings);
    assert.equal(findings.length, 2);
    const logger = recordingLogger();
    const [result] = await applyBearerTokenFixes([...findings].reverse(), environment(), { logger });
    assert.deepEqual(result?.lines, [1, 3]);
    assert.deepEqual(logger.lines, [`info: Removed ${V} from ${path.join(home, '.bashrc')} (line 1, 3); backup at ${bearerTokenBackupPath(path.join(home, '.bashrc'))}.`]);
  });

  it('refuses when any one finding of a file comes from an older scan of it', async function () {
    await writeFiles(home, { '.bashrc': `export ${V}=${T}\n` });
    const [old] = (await scan()).findings;
    await fs.appendFile(path.join(home, '.bashrc'), `export ${V}=${T}\n`);
    const [, fresh] = (await scan()).findings;
    assert.ok(old && fresh);
    await assert.rejects(applyBearerTokenFixes([fresh, old], environment()), (error: unknown) => error instanceof UserFacingError && error.code === CHANGED_SINCE_SCAN_CODE);
    assert.equal(await read('.bashrc'), `export ${V}=${T}\nexport ${V}=${T}\n`);
  });

  it('refuses a file deleted after the scan as changed, and one replaced by a folder as a failed write', async function () {
    await writeFiles(home, { '.bashrc': `export ${V}=${T}\n`, '.zshrc': `export ${V}=${T}\n` });
    const { findings } = await scan();
    const bashrc = findings.find((finding) => finding.file === path.join(home, '.bashrc'));
    const zshrc = findings.find((finding) => finding.file === path.join(home, '.zshrc'));
    assert.ok(bashrc && zshrc);
    await fs.rm(path.join(home, '.bashrc'));
    await assert.rejects(applyBearerTokenFix(bashrc, environment()), (error: unknown) => error instanceof UserFacingError && error.code === CHANGED_SINCE_SCAN_CODE);
    await assert.rejects(fs.access(path.join(home, '.bashrc')), 'nothing is created in its place');
    await fs.rm(path.join(home, '.zshrc'));
    await fs.mkdir(path.join(home, '.zshrc'));
    await assert.rejects(
      applyBearerTokenFix(zshrc, environment()),
      (error: unknown) => error instanceof UserFacingError && error.code === FIX_FAILED_CODE && error.message.startsWith(`Could not change ${path.join(home, '.zshrc')}: a folder is in the way`),
    );
  });

  it('removes both of two duplicate JSON members, and writes nothing when asked to remove only one of them', async function () {
    // JSON.parse keeps the last duplicate, so removing the first alone would leave the variable set.
    const before = `{"env":{"${V}":"${T}","${V}":"${T}"}}`;
    await writeFiles(home, { '.claude/settings.json': before });
    const findings = (await scan()).findings;
    assert.equal(findings.length, 2);
    const [first] = findings;
    assert.ok(first);
    await assert.rejects(applyBearerTokenFix(first, environment()), failedWith('.claude/settings.json', `Internal error: removing ${V} from ${path.join(home, '.claude/settings.json')} did not work.`));
    assert.equal(await read('.claude/settings.json'), before);
    await applyBearerTokenFixes(findings, environment());
    assert.equal(await read('.claude/settings.json'), '{"env":{}}');
  });

  it('writes nothing when a JSON removal would leave a file that does not parse', async function () {
    // The scan offers no such fix for a broken file; a fix made by a caller must not write one either.
    const before = `{"env":{"${V}":"${T}"}`;
    await writeFiles(home, { '.claude/settings.json': before });
    const file = path.join(home, '.claude/settings.json');
    const fix = { action: 'remove-json-key', file, jsonPath: ['env', V], contentDigest: contentDigest(before), summary: 'remove it' } as const;
    const finding = { kind: 'claude-settings', file, line: 1, source: 'Claude Code user settings', commented: false, fix } as const;
    await assert.rejects(applyBearerTokenFix(finding, environment()), failedWith('.claude/settings.json', `Internal error: removing ${V} from ${file} did not work.`));
    assert.equal(await read('.claude/settings.json'), before);
  });

  it('writes nothing when a JSON key fix and a line fix name the same file', async function () {
    const before = `{"env":{"${V}":"${T}"}}`;
    await writeFiles(home, { '.claude/settings.json': before });
    const [json] = (await scan()).findings;
    assert.ok(json?.fix?.action === 'remove-json-key');
    const line = { ...json, fix: { action: 'remove-line', file: json.fix.file, line: 1, span: { first: 1, last: 1 }, syntax: 'dotenv', addNoOp: false, contentDigest: json.fix.contentDigest, summary: 'remove it' } } as const;
    await assert.rejects(applyBearerTokenFixes([json, line], environment()), failedWith('.claude/settings.json', `Internal error: mixed fix kinds for ${path.join(home, '.claude/settings.json')}.`));
    assert.equal(await read('.claude/settings.json'), before);
  });

  it('leaves no shell no-op in a PowerShell block it empties', async function () {
    await writeFiles(home, { '.config/powershell/profile.ps1': `if ($work) {\n  $env:${V} = '${T}'\n}\n` });
    await removeBearerTokens((await scan()).findings, environment(), { confirm: agree });
    assert.equal(await read('.config/powershell/profile.ps1'), `if ($work) {\n  ${marker('profile.ps1')}\n}\n`);
  });

  it('writes nothing when a wrong line removal would hide a key inside a here-document, or turn a note into a key', async function () {
    const cases = {
      // Removing the terminator swallows the export below it: the key is no longer seen, but still on disk.
      '.bashrc': [`cat <<EOF >/dev/null`, 'EOF', `export ${V}=${T}`, ''].join('\n'),
      // Removing the terminator hides the note on line 3 and brings the export on line 7 to life: as many findings as before.
      '.zshrc': [`cat <<EOF >/dev/null`, 'EOF', `# export ${V}=`, 'cat <<END >/dev/null', 'EOF', `export ${V}=${T}`, 'END', `export ${V}=${T}`, ''].join('\n'),
    };
    await writeFiles(home, cases);
    const { findings } = await scan();
    for (const [file, before] of Object.entries(cases)) {
      const finding = findings.find((candidate) => candidate.file === path.join(home, file) && !candidate.commented);
      assert.ok(finding?.fix?.action === 'remove-line', file);
      const wrongLine = { ...finding, fix: { ...finding.fix, line: 2, span: { first: 2, last: 2 } } };
      await assert.rejects(applyBearerTokenFix(wrongLine, environment()), failedWith(file, `Internal error: removing ${V} from ${path.join(home, file)} did not work.`), file);
      assert.equal(await read(file), before, `${file} is left as it was`);
    }
  });
});
