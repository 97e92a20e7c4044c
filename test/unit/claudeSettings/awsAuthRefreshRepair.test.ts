import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { repairAwsAuthRefresh, type AwsAuthRefreshRepair } from '../../../src/core/claudeSettings/awsAuthRefreshRepair';
import { installRefreshLauncher, refreshLauncherPath, refreshLauncherScript, type RefreshLauncherTarget } from '../../../src/core/claudeSettings/refreshLauncher';
import { readWrittenValues, saveWrittenValues, writtenValuesRecordPath } from '../../../src/core/claudeSettings/writtenValuesRecord';
import type { CoreEnvironment } from '../../../src/core/runtime/coreEnvironment';
import type { Logger } from '../../../src/core/runtime/logger';
import { silentLogger } from '../../../src/core/runtime/logger';
import { makeTempHome, testEnvironment } from '../../support/tempHome';

const ID = 'bedrock-onboarding.bedrock-onboarding';
const LAUNCHER = '/home/dev/.bedrock-onboarding/bin/bedrock-onboard';

describe('repairing our own awsAuthRefresh command', () => {
  let home: string;
  let remove: () => Promise<void>;
  let environment: CoreEnvironment;
  beforeEach(async () => {
    ({ home, remove } = await makeTempHome('aws-auth-refresh-repair-'));
    environment = { ...testEnvironment(home), env: { PATH: path.join(home, 'no-bin') }, platform: 'linux' };
  });
  afterEach(async () => {
    await remove();
  });
  const settingsPath = (): string => path.join(home, '.claude', 'settings.json');
  async function seed(text: string): Promise<void> {
    await fs.mkdir(path.dirname(settingsPath()), { recursive: true });
    await fs.writeFile(settingsPath(), text);
  }
  async function repairCommand(command: string, options: { launcher?: string; platform?: NodeJS.Platform; recorded?: boolean } = {}): Promise<AwsAuthRefreshRepair> {
    await seed(JSON.stringify({ awsAuthRefresh: command }));
    if (options.recorded) await saveWrittenValues(settingsPath(), { awsAuthRefresh: command });
    return repairAwsAuthRefresh({ ...environment, platform: options.platform ?? 'linux' }, { launcher: options.launcher ?? LAUNCHER, extensionId: ID, logger: silentLogger });
  }
  const repairedTo = (outcome: AwsAuthRefreshRepair): string | undefined => (outcome.status === 'repaired' ? outcome.to : undefined);

  it('says why nothing was done: no file, an unreadable one, no command, or a blank one', async () => {
    const repair = (): Promise<AwsAuthRefreshRepair> => repairAwsAuthRefresh(environment, { launcher: LAUNCHER, extensionId: ID, logger: silentLogger });
    assert.deepEqual(await repair(), { status: 'unchanged', reason: 'no-settings' });
    await seed('{ "awsAuthRefresh": ');
    assert.deepEqual(await repair(), { status: 'unchanged', reason: 'unreadable' });
    await seed('{ "theme": "dark" }');
    assert.deepEqual(await repair(), { status: 'unchanged', reason: 'no-command' });
    await seed('{ "awsAuthRefresh": "  " }');
    assert.deepEqual(await repair(), { status: 'unchanged', reason: 'no-command' });
  });

  it('repoints the CLI of any installed version of this extension, whatever the runtime, letter case or slashes', async () => {
    const versioned = `/home/dev/.vscode/extensions/${ID}-0.1.0/dist/cli.js`;
    assert.equal(repairedTo(await repairCommand(`node ${versioned} login --profile p`)), `${LAUNCHER} login --profile p`);
    assert.equal(repairedTo(await repairCommand(`/usr/share/code/code ${versioned} login --profile p`)), `${LAUNCHER} login --profile p`);
    assert.equal(repairedTo(await repairCommand(`node /x/Bedrock-Onboarding.Bedrock-Onboarding-1.2.3-linux-x64/dist/cli.js login --profile p`)), `${LAUNCHER} login --profile p`);
    assert.equal(repairedTo(await repairCommand(`node 'C:\\Users\\dev\\.vscode\\extensions\\${ID}-0.1.0\\dist\\cli.js' login --profile p`)), `${LAUNCHER} login --profile p`);
  });

  it('matches the extension id in any letter case, as VS Code does', async () => {
    await seed(JSON.stringify({ awsAuthRefresh: `node /x/${ID}-0.1.0/dist/cli.js login --profile p` }));
    const outcome = await repairAwsAuthRefresh(environment, { launcher: LAUNCHER, extensionId: 'Bedrock-Onboarding.Bedrock-Onboarding', logger: silentLogger });
    assert.equal(repairedTo(outcome), `${LAUNCHER} login --profile p`);
  });

  it('keeps every argument, requoted for the platform\'s shell, and quotes the launcher', async () => {
    const command = `node /x/${ID}-0.1.0/dist/cli.js login --profile 'dev team' --session "my org"`;
    assert.equal(repairedTo(await repairCommand(command)), `${LAUNCHER} login --profile 'dev team' --session 'my org'`);
    assert.equal(repairedTo(await repairCommand(command, { launcher: '/home/my name/bedrock-onboard' })), `'/home/my name/bedrock-onboard' login --profile 'dev team' --session 'my org'`);
    assert.equal(
      repairedTo(await repairCommand(command, { launcher: 'C:\\Users\\my name\\bedrock-onboard.cmd', platform: 'win32' })),
      '"C:\\Users\\my name\\bedrock-onboard.cmd" login --profile "dev team" --session "my org"',
    );
  });

  it('leaves alone commands that are not a versioned CLI of this extension', async () => {
    for (const command of [
      `node /x/${ID}-latest/dist/cli.js login --profile p`,
      `node /x/${ID}0.1.0/dist/cli.js login --profile p`,
      `node /x/other.extension-0.1.0/dist/cli.js login --profile p`,
      `node /x/${ID}-0.1.0/dist/main.js login --profile p`,
      `node /x/${ID}-0.1.0/out/cli.js login --profile p`,
      `node --inspect /x/${ID}-0.1.0/dist/cli.js login --profile p`,
      `${ID}-0.1.0/dist/cli.js login --profile p`,
      `login --profile p`,
      `node /x/${ID}-0.1.0/dist/cli.js --profile p`,
      `node /x/${ID}-0.1.0/dist/cli.js --verbose login --profile p`,
      `node '/x/${ID}-0.1.0/dist/cli.js login --profile p`,
      `node /x/${ID}-0.1.0/dist/cli.js status`,
      `node /x/${ID}-0.1.0/dist/cli.jsx login --profile p`,
      `node /x/${ID}-0.1.0/dist/cli.js.orig login --profile p`,
      `node /x/${ID}-next2/dist/cli.js login --profile p`,
      // Another publisher's extension whose id is as long as ours.
      `node /x/acme-onboarding-co.bedrock-onboarding-0.1.0/dist/cli.js login --profile p`,
    ]) {
      assert.deepEqual(await repairCommand(command), { status: 'unchanged', reason: 'not-ours' }, command);
    }
  });

  it('is current when the launcher already runs login', async () => {
    assert.deepEqual(await repairCommand(`${LAUNCHER} login --profile p`), { status: 'unchanged', reason: 'current' });
    assert.deepEqual(await repairCommand(`sh ${LAUNCHER} login --profile p`), { status: 'unchanged', reason: 'not-ours' });
    assert.deepEqual(await repairCommand(`${LAUNCHER} --verbose login --profile p`), { status: 'unchanged', reason: 'not-ours' });
  });

  it('repoints a bare bedrock-onboard only when we recorded writing exactly that and it no longer resolves', async () => {
    assert.equal(repairedTo(await repairCommand('bedrock-onboard login --profile p', { recorded: true })), `${LAUNCHER} login --profile p`);
    assert.equal(repairedTo(await repairCommand('/usr/local/bin/bedrock-onboard login --profile p', { recorded: true })), `${LAUNCHER} login --profile p`);
    assert.equal(repairedTo(await repairCommand('C:/npm/bedrock-onboard.CMD login --profile p', { recorded: true })), `${LAUNCHER} login --profile p`);
    assert.equal(repairedTo(await repairCommand('C:/npm/bedrock-onboard.exe login --profile p', { recorded: true })), `${LAUNCHER} login --profile p`);
    assert.deepEqual(await repairCommand('bedrock-onboard login --profile p'), { status: 'unchanged', reason: 'not-ours' }, 'not recorded');
    assert.deepEqual(await repairCommand('my-login login --profile p', { recorded: true }), { status: 'unchanged', reason: 'not-ours' }, 'another program');
    assert.deepEqual(await repairCommand('bedrock-onboarder login --profile p', { recorded: true }), { status: 'unchanged', reason: 'not-ours' });
    assert.deepEqual(await repairCommand('npx bedrock-onboard login --profile p', { recorded: true }), { status: 'unchanged', reason: 'not-ours' });
    assert.deepEqual(await repairCommand('bedrock-onboard --verbose login --profile p', { recorded: true }), { status: 'unchanged', reason: 'not-ours' }, 'a word the launcher would lose');
    assert.deepEqual(await repairCommand('bedrock-onboard status', { recorded: true }), { status: 'unchanged', reason: 'not-ours' }, 'no login');
    assert.deepEqual(await repairCommand('bedrock.exe-onboard login --profile p', { recorded: true }), { status: 'unchanged', reason: 'not-ours' }, 'only a trailing .exe or .cmd is dropped');

    await seed(JSON.stringify({ awsAuthRefresh: 'bedrock-onboard login --profile p' }));
    await saveWrittenValues(settingsPath(), { awsAuthRefresh: 'bedrock-onboard login --profile other' });
    assert.deepEqual(await repairAwsAuthRefresh(environment, { launcher: LAUNCHER, extensionId: ID, logger: silentLogger }), { status: 'unchanged', reason: 'not-ours' }, 'edited since');

    const bin = path.join(home, 'bin');
    await fs.mkdir(bin);
    await fs.writeFile(path.join(bin, 'bedrock-onboard'), '#!/bin/sh\n', { mode: 0o755 });
    await seed(JSON.stringify({ awsAuthRefresh: 'bedrock-onboard login --profile p' }));
    await saveWrittenValues(settingsPath(), { awsAuthRefresh: 'bedrock-onboard login --profile p' });
    assert.deepEqual(await repairAwsAuthRefresh({ ...environment, env: { PATH: bin } }, { launcher: LAUNCHER, extensionId: ID, logger: silentLogger }), { status: 'unchanged', reason: 'not-ours' }, 'still installed');
  });

  it('edits only that value, keeps a byte order mark, records the new value with the old ones, and logs the change', async () => {
    const stale = `node /x/${ID}-0.1.0/dist/cli.js login --profile p`;
    const text = `\uFEFF{\r\n\t"env": { "AWS_PROFILE": "p" },\r\n\t"awsAuthRefresh": ${JSON.stringify(stale)}\r\n}\r\n`;
    await seed(text);
    await saveWrittenValues(settingsPath(), { 'env.AWS_PROFILE': 'p' });
    const lines: string[] = [];
    const logger: Logger = { ...silentLogger, info: (message) => void lines.push(message) };
    const outcome = await repairAwsAuthRefresh(environment, { launcher: LAUNCHER, extensionId: ID, logger });
    const expected = `${LAUNCHER} login --profile p`;
    assert.deepEqual(outcome, { status: 'repaired', from: stale, to: expected, filePath: settingsPath() });
    assert.equal(await fs.readFile(settingsPath(), 'utf8'), text.replace(JSON.stringify(stale), JSON.stringify(expected)));
    assert.deepEqual(await readWrittenValues(settingsPath()), { 'env.AWS_PROFILE': 'p', awsAuthRefresh: expected });
    assert.equal(lines.at(-1), `awsAuthRefresh in ${settingsPath()} ran ${stale}; it now runs the launcher ${LAUNCHER}, which follows extension updates.`);
    assert.ok(lines.some((line) => line.startsWith(`Updated Claude Code settings ${settingsPath()} (awsAuthRefresh)`)));
  });

  it('leaves the file alone when its command is changed while the repair runs', async () => {
    const stale = `node /x/${ID}-0.1.0/dist/cli.js login --profile p`;
    await seed(JSON.stringify({ awsAuthRefresh: stale }));
    // The record of written values is a pipe: the repair waits on it after reading the command,
    // which gives the test its moment to change the file.
    const record = writtenValuesRecordPath(settingsPath());
    await fs.mkdir(path.dirname(record), { recursive: true });
    execFileSync('mkfifo', [record]);
    const outcome = repairAwsAuthRefresh(environment, { launcher: LAUNCHER, extensionId: ID, logger: silentLogger });
    const writer = await fs.open(record, 'w');
    const edited = JSON.stringify({ awsAuthRefresh: 'aws sso login --profile p' });
    await fs.writeFile(settingsPath(), edited);
    // Gone before the repair gets to the end of it, so a second read of the record cannot wait forever.
    await fs.rm(record);
    await writer.close();
    assert.deepEqual(await outcome, { status: 'unchanged', reason: 'not-ours' });
    assert.equal(await fs.readFile(settingsPath(), 'utf8'), edited);
  });

  it('takes the first of duplicated awsAuthRefresh keys, as the settings reader does', async () => {
    const stale = `node /x/${ID}-0.1.0/dist/cli.js login --profile p`;
    await seed(`{ "awsAuthRefresh": ${JSON.stringify(stale)}, "awsAuthRefresh": "aws sso login --profile p" }`);
    const outcome = await repairAwsAuthRefresh(environment, { launcher: LAUNCHER, extensionId: ID, logger: silentLogger });
    assert.equal(outcome.status, 'repaired');
  });
});

describe('the refresh launcher script', () => {
  const target: RefreshLauncherTarget = { runtime: "/opt/it's/code", cliPath: '/ext/x-1.0.0/dist/cli.js', extensionsDir: '/home/dev/.vscode/extensions', extensionId: ID };

  it('lives in ~/.bedrock-onboarding/bin, as a .cmd on Windows', () => {
    assert.equal(refreshLauncherPath({ homeDir: '/home/dev', platform: 'linux' }), path.join('/home/dev', '.bedrock-onboarding', 'bin', 'bedrock-onboard'));
    assert.equal(refreshLauncherPath({ homeDir: '/home/dev', platform: 'win32' }), path.join('/home/dev', '.bedrock-onboarding', 'bin', 'bedrock-onboard.cmd'));
  });

  it('is an sh script with the runtime and paths quoted, taking the newest copy when the recorded CLI is gone', () => {
    assert.equal(
      refreshLauncherScript(target, 'linux'),
      [
        '#!/bin/sh',
        '# Written by the Claude Code on Bedrock extension at each start; changes are overwritten.',
        '# Runs its bedrock-onboard CLI for Claude Code (awsAuthRefresh in ~/.claude/settings.json).',
        `runtime='/opt/it'\\''s/code'`,
        `cli='/ext/x-1.0.0/dist/cli.js'`,
        'if [ ! -f "$cli" ]; then',
        '  # Updated since the extension last started: the newest installed copy.',
        `  for candidate in '/home/dev/.vscode/extensions'/'${ID}-'*/dist/cli.js; do`,
        '    [ -f "$candidate" ] || continue',
        '    if [ ! -f "$cli" ] || [ "$candidate" -nt "$cli" ]; then cli=$candidate; fi',
        '  done',
        'fi',
        'if [ ! -x "$runtime" ]; then runtime=node; fi',
        "# VS Code's Electron runs as plain Node with this; a Node binary ignores it.",
        'ELECTRON_RUN_AS_NODE=1 exec "$runtime" "$cli" "$@"',
        '',
      ].join('\n'),
    );
  });

  it('is a batch file with CRLF line ends on Windows, taking the newest copy when the recorded CLI is gone', () => {
    const script = refreshLauncherScript({ runtime: 'C:\\VS Code\\Code.exe', cliPath: 'C:\\ext\\x-1.0.0\\dist\\cli.js', extensionsDir: 'C:\\Users\\dev\\.vscode\\extensions', extensionId: ID }, 'win32');
    assert.equal(
      script,
      [
        '@echo off',
        'rem Written by the Claude Code on Bedrock extension at each start; changes are overwritten.',
        'set "BEDROCK_ONBOARD_CLI=C:\\ext\\x-1.0.0\\dist\\cli.js"',
        `if not exist "%BEDROCK_ONBOARD_CLI%" for /d %%d in ("C:\\Users\\dev\\.vscode\\extensions\\${ID}-*") do if exist "%%d\\dist\\cli.js" set "BEDROCK_ONBOARD_CLI=%%d\\dist\\cli.js"`,
        'set "BEDROCK_ONBOARD_RUNTIME=C:\\VS Code\\Code.exe"',
        'if not exist "%BEDROCK_ONBOARD_RUNTIME%" set "BEDROCK_ONBOARD_RUNTIME=node"',
        'set ELECTRON_RUN_AS_NODE=1',
        '"%BEDROCK_ONBOARD_RUNTIME%" "%BEDROCK_ONBOARD_CLI%" %*',
        '',
      ].join('\r\n'),
    );
  });

  it('refuses to install over something it cannot read, such as a folder', async () => {
    const { home, remove } = await makeTempHome('launcher-');
    try {
      await fs.mkdir(refreshLauncherPath({ homeDir: home, platform: 'linux' }), { recursive: true });
      await assert.rejects(installRefreshLauncher({ homeDir: home, platform: 'linux' }, target), { code: 'EISDIR' });
    } finally {
      await remove();
    }
  });
});
