import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { repairAwsAuthRefresh } from '../../../src/core/claudeSettings/awsAuthRefreshRepair';
import { installRefreshLauncher, refreshLauncherPath, refreshLauncherScript, type RefreshLauncherTarget } from '../../../src/core/claudeSettings/refreshLauncher';
import { readWrittenValues, saveWrittenValues } from '../../../src/core/claudeSettings/writtenValuesRecord';
import { awsAuthRefreshCheck } from '../../../src/core/doctor/awsAuthRefreshCheck';
import { resolveSetupTarget } from '../../../src/core/doctor/setupTarget';
import { DEFAULT_SETUP_CHECK_TIMEOUTS } from '../../../src/core/doctor/setupCheckOptions';
import { silentLogger } from '../../../src/core/runtime/logger';
import { makeTempHome, testEnvironment } from '../../support/tempHome';

const run = promisify(execFile);
const ID = 'bedrock-onboarding.bedrock-onboarding';
const REPO = path.join(__dirname, '..', '..', '..');

/** One installed version of the extension, as VS Code unpacks it: the bundled CLI and the manifest. */
async function installVersion(extensionsDir: string, version: string): Promise<string> {
  const folder = path.join(extensionsDir, `${ID}-${version}`);
  await fs.mkdir(path.join(folder, 'dist'), { recursive: true });
  for (const file of ['cli.js', 'aws.js']) await fs.copyFile(path.join(REPO, 'dist', file), path.join(folder, 'dist', file));
  await fs.writeFile(path.join(folder, 'package.json'), JSON.stringify({ name: 'bedrock-onboarding', publisher: 'bedrock-onboarding', version }));
  return folder;
}

/** A shell as Claude Code runs awsAuthRefresh: no input, and a PATH on which there is no node. */
async function runLikeClaudeCode(command: string, home: string, emptyBin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('/bin/sh', ['-c', command], { env: { HOME: home, PATH: emptyBin } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('the awsAuthRefresh launcher, its repair at start-up and its check', function () {
  this.timeout(30_000);
  let home: string;
  let remove: () => Promise<void>;
  let extensionsDir: string;
  let emptyBin: string;

  before(async () => {
    await fs.access(path.join(REPO, 'dist', 'cli.js')); // built by `node scripts/build.mjs`
  });
  beforeEach(async () => {
    ({ home, remove } = await makeTempHome('refresh-launcher-'));
    extensionsDir = path.join(home, '.vscode', 'extensions');
    emptyBin = path.join(home, 'empty-bin');
    await fs.mkdir(emptyBin, { recursive: true });
  });
  afterEach(async () => {
    await remove();
  });

  function target(folder: string): RefreshLauncherTarget {
    return { runtime: process.execPath, cliPath: path.join(folder, 'dist', 'cli.js'), extensionsDir, extensionId: ID };
  }

  it('runs the CLI of the current version with no node on PATH, and the newest copy once that folder is gone', async () => {
    const env = testEnvironment(home);
    const old = await installVersion(extensionsDir, '0.1.0');
    const first = await installRefreshLauncher(env, target(old));
    assert.equal(first.written, true);
    assert.equal(first.path, refreshLauncherPath(env));
    assert.equal((await fs.stat(first.path)).mode & 0o777, 0o755);
    assert.equal((await installRefreshLauncher(env, target(old))).written, false, 'unchanged content is not rewritten');

    const before = await runLikeClaudeCode(`'${first.path}' --version`, home, emptyBin);
    assert.equal(before.code, 0, before.stderr);
    assert.equal(before.stdout, 'bedrock-onboard 0.1.0\n');

    // An update: the new version is unpacked, the old folder removed, and the extension has
    // not started since (so the launcher still names the old folder).
    await installVersion(extensionsDir, '0.2.0');
    await fs.rm(old, { recursive: true });
    const after = await runLikeClaudeCode(`'${first.path}' --version`, home, emptyBin);
    assert.equal(after.code, 0, after.stderr);
    assert.equal(after.stdout, 'bedrock-onboard 0.2.0\n');
  });

  it('repoints our own stale command at the launcher, keeping its arguments, and leaves hand-written commands alone', async () => {
    const env = testEnvironment(home);
    const launcher = (await installRefreshLauncher(env, target(await installVersion(extensionsDir, '0.2.0')))).path;
    const settingsPath = path.join(home, '.claude', 'settings.json');
    await fs.mkdir(path.dirname(settingsPath), { recursive: true });
    const stale = `node ${extensionsDir}/${ID}-0.1.0/dist/cli.js login --profile claude-code --start-url https://d-1234567890.awsapps.com/start --sso-region us-east-1`;
    const text = `{\n  // mine\n  "theme": "dark",\n  "awsAuthRefresh": ${JSON.stringify(stale)},\n  "env": { "AWS_PROFILE": "claude-code" }\n}\n`;
    await fs.writeFile(settingsPath, text);

    const repaired = await repairAwsAuthRefresh(env, { launcher, extensionId: ID, logger: silentLogger });
    assert.equal(repaired.status, 'repaired');
    const expected = `${launcher} login --profile claude-code --start-url https://d-1234567890.awsapps.com/start --sso-region us-east-1`;
    assert.equal(await fs.readFile(settingsPath, 'utf8'), text.replace(JSON.stringify(stale), JSON.stringify(expected)), 'only that value changed');
    assert.equal(await fs.readFile(`${settingsPath}.bedrock-onboarding.bak`, 'utf8'), text);
    assert.equal((await readWrittenValues(settingsPath))['awsAuthRefresh'], expected, 'recorded as ours');
    assert.deepEqual(await repairAwsAuthRefresh(env, { launcher, extensionId: ID, logger: silentLogger }), { status: 'unchanged', reason: 'current' });

    // The repaired command runs as Claude Code would run it.
    const ran = await runLikeClaudeCode(expected.replace(/ login .*$/, ' --version'), home, emptyBin);
    assert.equal(ran.stdout, 'bedrock-onboard 0.2.0\n');

    for (const handWritten of ['aws sso login --profile claude-code', '/usr/local/bin/my-sso-login --profile claude-code', 'node /opt/tools/other-extension-1.0.0/dist/cli.js login --profile claude-code', 'bedrock-onboard login --profile claude-code']) {
      await fs.writeFile(settingsPath, JSON.stringify({ awsAuthRefresh: handWritten }));
      assert.deepEqual(await repairAwsAuthRefresh(env, { launcher, extensionId: ID, logger: silentLogger }), { status: 'unchanged', reason: 'not-ours' }, handWritten);
      assert.equal((JSON.parse(await fs.readFile(settingsPath, 'utf8')) as { awsAuthRefresh?: string }).awsAuthRefresh, handWritten);
    }

    // `bedrock-onboard login …` is ours only when we recorded writing it, and repaired only once it no longer resolves.
    await fs.writeFile(settingsPath, JSON.stringify({ awsAuthRefresh: 'bedrock-onboard login --profile claude-code' }));
    await saveWrittenValues(settingsPath, { awsAuthRefresh: 'bedrock-onboard login --profile claude-code' });
    const fallback = await repairAwsAuthRefresh({ ...env, env: { PATH: emptyBin } }, { launcher, extensionId: ID, logger: silentLogger });
    assert.equal(fallback.status, 'repaired');
    assert.equal((JSON.parse(await fs.readFile(settingsPath, 'utf8')) as { awsAuthRefresh?: string }).awsAuthRefresh, `${launcher} login --profile claude-code`);
  });

  it('the setup check starts the command\'s program: a launcher whose CLI is gone fails, a working one passes with its version', async () => {
    const env = { ...testEnvironment(home), env: { PATH: emptyBin } };
    const folder = await installVersion(extensionsDir, '0.3.0');
    const launcher = (await installRefreshLauncher(env, target(folder))).path;
    const settingsPath = path.join(home, '.claude', 'settings.json');
    await fs.mkdir(path.dirname(settingsPath), { recursive: true });
    await fs.writeFile(settingsPath, JSON.stringify({ awsAuthRefresh: `${launcher} login --profile claude-code`, env: { AWS_PROFILE: 'claude-code' } }));

    const check = async (): Promise<{ status: string; detail: string }> => {
      const options = { environment: env, logger: silentLogger, bearerToken: { processOrigin: 'terminal' as const, workspaceFolders: [], managedSettingsDirectory: path.join(home, 'managed') } };
      const context = { options, target: await resolveSetupTarget(options), timeouts: DEFAULT_SETUP_CHECK_TIMEOUTS };
      return awsAuthRefreshCheck(context).run(new AbortController().signal);
    };
    const passing = await check();
    assert.equal(passing.status, 'pass', passing.detail);
    assert.match(passing.detail, /bedrock-onboard 0\.3\.0/);

    // Every copy of the extension gone (uninstalled): the launcher exists but cannot start the CLI.
    await fs.rm(folder, { recursive: true });
    const failing = await check();
    assert.equal(failing.status, 'fail');
    assert.match(failing.detail, /does not start \(exit code \d+/);
  });
});

describe('installing the refresh launcher where it cannot be read', () => {
  it('reports the obstacle on the launcher\'s path as it is, rather than trying to write past it', async () => {
    const { home, remove } = await makeTempHome('launcher-blocked-');
    try {
      const environment = { homeDir: home, platform: 'linux' as const };
      // ~/.bedrock-onboarding/bin is a file: reading the launcher finds a path through a file.
      await fs.mkdir(path.join(home, '.bedrock-onboarding'));
      await fs.writeFile(path.dirname(refreshLauncherPath(environment)), 'not a folder');
      const target = { runtime: process.execPath, cliPath: '/ext/dist/cli.js', extensionsDir: '/ext', extensionId: ID };
      await assert.rejects(installRefreshLauncher(environment, target), { code: 'ENOTDIR', syscall: 'open' });
      assert.equal(await fs.readFile(path.dirname(refreshLauncherPath(environment)), 'utf8'), 'not a folder');
    } finally {
      await remove();
    }
  });
});

describe('the Windows refresh launcher', () => {
  it('doubles a double quote in the extensions folder, so the folder pattern stays one quoted word', () => {
    const script = refreshLauncherScript({ runtime: 'C:\\Code.exe', cliPath: 'C:\\ext\\dist\\cli.js', extensionsDir: 'C:\\odd"name', extensionId: ID }, 'win32');
    assert.ok(script.includes(`for /d %%d in ("C:\\odd""name\\${ID}-*") do`), script);
  });
});
