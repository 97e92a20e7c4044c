import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { runBuiltCli } from '../../support/cliRunner';
import { makeTempHome } from '../../support/tempHome';
import { FAKE_TOKEN, assertNoToken, writeFiles } from './bearerTokenFixtures';

const V = 'AWS_BEARER_TOKEN_BEDROCK';

describe('bedrock-onboard bearer-token (built CLI in its own process)', function () {
  let home: string;
  let removeHome: () => Promise<void>;
  let env: Record<string, string>;

  beforeEach(async function () {
    ({ home, remove: removeHome } = await makeTempHome());
    env = { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') };
    await writeFiles(home, {
      '.zshrc': `bindkey -e\nexport ${V}=${FAKE_TOKEN}\n# export ${V}=${FAKE_TOKEN}\n# export ${V}=\n`,
      'ws/.claude/settings.local.json': `{\n  "env": {\n    "${V}": "${FAKE_TOKEN}"\n  }\n}\n`,
      '.config/Code/User/settings.json': `{ "terminal.integrated.env.linux": { "${V}": "${FAKE_TOKEN}" } }`,
    });
  });
  afterEach(async function () {
    await removeHome();
  });

  const cli = (...args: string[]) => runBuiltCli(['bearer-token', '--workspace', path.join(home, 'ws'), ...args], env);

  it('lists every place with file and line, never the value, and exits 1', async function () {
    const run = await cli();
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /is set in 3 place\(s\)/);
    assert.ok(run.stdout.includes(`${path.join(home, '.zshrc')}:2 (zsh start-up file)`));
    assert.ok(run.stdout.includes(`${path.join(home, 'ws/.claude/settings.local.json')}:3 (Claude Code project settings (local))`));
    assert.ok(run.stdout.includes(`${path.join(home, '.config/Code/User/settings.json')}:1 (VS Code user settings)`));
    assert.match(run.stdout, /Commented out, but still holding a value: the key is on disk there \(1\):\n {2}.*\.zshrc:3 \(zsh start-up file\)\n {4}Remove line 3 of .*\.zshrc: it is commented out but still holds a value/);
    assert.match(run.stdout, /Commented out, harmless \(1\):\n {2}.*\.zshrc:4/);
    assertNoToken(run.stdout + run.stderr, 'the CLI output');

    const withEnv = await runBuiltCli(['bearer-token', '--workspace', path.join(home, 'ws')], { ...env, [V]: FAKE_TOKEN });
    assert.match(withEnv.stdout, /is set in 4 place\(s\)[\s\S]*unset AWS_BEARER_TOKEN_BEDROCK/);
    assertNoToken(withEnv.stdout + withEnv.stderr, 'the CLI output');
  });

  it('--json gives findings with file, line and fix, and no value', async function () {
    const run = await cli('--json');
    assert.equal(run.code, 1, run.stderr);
    const parsed = JSON.parse(run.stdout) as { findings: { file: string; line: number; commented: boolean; fix: { action: string } | null }[]; skipped: unknown[] };
    assert.deepEqual(
      parsed.findings.map((finding) => [path.relative(home, finding.file), finding.line, finding.commented, finding.fix?.action ?? null]),
      [
        ['ws/.claude/settings.local.json', 3, false, 'remove-json-key'],
        ['.zshrc', 2, false, 'remove-line'],
        ['.zshrc', 3, true, 'remove-line'],
        ['.zshrc', 4, true, null],
        ['.config/Code/User/settings.json', 1, false, 'remove-json-key'],
      ],
    );
    assertNoToken(run.stdout, 'the JSON output');
  });

  it('--fix refuses to write without a terminal or --yes; with --yes it removes the lines, keeps private backups, says to revoke a long-term key, then exits 0', async function () {
    const refused = await cli('--fix');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /nothing was changed: run in a terminal .* or add --yes/);
    assert.equal(await fs.readFile(path.join(home, '.zshrc'), 'utf8'), `bindkey -e\nexport ${V}=${FAKE_TOKEN}\n# export ${V}=${FAKE_TOKEN}\n# export ${V}=\n`);

    const fixed = await cli('--fix', '--yes');
    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
    assert.match(fixed.stdout, /Removed lines 2, 3 of .*\.zshrc \(backup: .*\.zshrc\.bedrock-onboarding\.bak\)/);
    assert.match(fixed.stdout, /Removed line 3 of .*settings\.local\.json/);
    assert.match(fixed.stdout, /is not set anywhere Claude Code would read it/);
    assert.match(fixed.stdout, /Kept the backups, readable only by you: .*--fix --delete-backups/);
    assert.match(fixed.stdout, /long-term Bedrock API key, delete it in IAM .* short-term key expires by itself/);
    assertNoToken(fixed.stdout + fixed.stderr, 'the CLI output');
    assert.equal(await fs.readFile(path.join(home, 'ws/.claude/settings.local.json'), 'utf8'), '{\n  "env": {}\n}\n');
    assert.equal(await fs.readFile(path.join(home, '.config/Code/User/settings.json'), 'utf8'), '{ "terminal.integrated.env.linux": {} }');
    // The lines are gone, not commented out: the active one and the user's own comment that kept the key; the comment without a value stays.
    const zshrc = await fs.readFile(path.join(home, '.zshrc'), 'utf8');
    const marker = /# Claude Code on Bedrock removed a line that set AWS_BEARER_TOKEN_BEDROCK on \d{4}-\d\d-\d\d: .*\.zshrc\.bedrock-onboarding\.bak until you delete it\./.source;
    assert.match(zshrc, new RegExp(`^bindkey -e\\n${marker}\\n${marker}\\n# export AWS_BEARER_TOKEN_BEDROCK=\\n$`));
    assert.ok(!zshrc.includes(FAKE_TOKEN), 'no copy of the key is left in the file');
    const backup = path.join(home, '.zshrc.bedrock-onboarding.bak');
    assert.equal(await fs.readFile(backup, 'utf8'), `bindkey -e\nexport ${V}=${FAKE_TOKEN}\n# export ${V}=${FAKE_TOKEN}\n# export ${V}=\n`);
    for (const file of [backup, path.join(home, 'ws/.claude/settings.local.json.bedrock-onboarding.bak'), path.join(home, '.config/Code/User/settings.json.bedrock-onboarding.bak')]) {
      assert.equal((await fs.stat(file)).mode & 0o777, 0o600, `${file} is readable only by the user`);
    }

    assert.equal((await cli()).code, 0);
  });

  it('--fix --delete-backups deletes the backups that still hold the key', async function () {
    const fixed = await cli('--fix', '--yes', '--delete-backups', '--json');
    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
    const removal = (JSON.parse(fixed.stdout) as { removal: { fixed: { file: string; lines: number[] }[]; backupsDeleted: string[]; advice: string } }).removal;
    assert.deepEqual(
      removal.fixed.map((entry) => [path.relative(home, entry.file), entry.lines]),
      [
        ['ws/.claude/settings.local.json', [3]],
        ['.zshrc', [2, 3]],
        ['.config/Code/User/settings.json', [1]],
      ],
    );
    assert.equal(removal.backupsDeleted.length, 3);
    assert.match(removal.advice, /long-term Bedrock API key/);
    for (const file of ['.zshrc', 'ws/.claude/settings.local.json', '.config/Code/User/settings.json']) {
      await assert.rejects(fs.stat(path.join(home, `${file}.bedrock-onboarding.bak`)), { code: 'ENOENT' });
    }
    assertNoToken(fixed.stdout + fixed.stderr, 'the CLI output');
  });

  it('exits 2 on bad usage', async function () {
    assert.equal((await cli('--bogus')).code, 2);
    assert.equal((await cli('--yes')).code, 2);
    assert.equal((await cli('--delete-backups')).code, 2);
  });
});
