import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { runBuiltCli } from '../../support/cliRunner';
import { makeTempHome } from '../../support/tempHome';
import { invokeLikeClaudeCode } from './claudeCodeChain';
import { profileId, threeDevelopersWorld } from './worldBuilders';


function shell(command: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

describe('login + configure + test-connection (built CLI, emulator), then the chain Claude Code uses', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let home: string;
  let removeHome: () => Promise<void>;

  beforeEach(async () => {
    emulator = await startEmulator(threeDevelopersWorld(), { deviceFlow: { mode: 'autoApprove', userName: 'alice', afterPolls: 1, interval: 1 } });
    ({ home, remove: removeHome } = await makeTempHome('bedrock-configure-e2e-'));
  });
  afterEach(async () => {
    await emulator.close();
    await removeHome();
  });

  it('writes settings with which a process holding only HOME, AWS_PROFILE and AWS_REGION reads and invokes the chosen AIP', async () => {
    const world = threeDevelopersWorld();
    const env = { HOME: home, ...emulatorEndpointEnv(emulator.url) };
    const login = await runBuiltCli(['login', '--start-url', world.identityCenter.startUrl, '--sso-region', world.identityCenter.region, '--account-id', '111122223333', '--role-name', 'BedrockDeveloper', '--region', 'us-east-1', '--no-browser'], env);
    assert.equal(login.code, 0, login.stderr);

    emulator.resetRequests();
    const configure = await runBuiltCli(['configure', '--yes'], env);
    assert.equal(configure.code, 0, configure.stderr);
    assert.match(configure.stdout, /^\+\s+"ANTHROPIC_MODEL"/m, 'the diff is shown before writing');
    const settings = JSON.parse(await fs.readFile(path.join(home, '.claude', 'settings.json'), 'utf8')) as { env: Record<string, string>; awsAuthRefresh: string };
    assert.equal(settings.env['AWS_PROFILE'], 'claude-code');
    assert.equal(settings.env['ANTHROPIC_MODEL'], profileId(world, 'claude-sonnet-alice'));
    assert.equal(settings.env['ANTHROPIC_DEFAULT_HAIKU_MODEL'], profileId(world, 'claude-haiku-alice'));
    assert.match(settings.awsAuthRefresh, /^aws sso login --profile claude-code$|cli\.js'? login --profile claude-code --start-url \S+ --sso-region us-east-1 --session claude-code --account-id 111122223333 --role-name BedrockDeveloper --region us-east-1$/);
    assert.equal(emulator.requestCount('Converse'), 0, 'no billed call without --probe');

    const test = await runBuiltCli(['test-connection', '--probe'], env);
    assert.equal(test.code, 0, test.stderr + test.stdout);
    assert.match(test.stdout, /ok\s+invoke\s+Converse \(\d+ ms\)/);
    assert.equal(emulator.requestCount('Converse'), 1);

    assert.deepEqual(await invokeLikeClaudeCode({ ...env, AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: settings.env['AWS_PROFILE'], AWS_REGION: settings.env['AWS_REGION'], ANTHROPIC_MODEL: settings.env['ANTHROPIC_MODEL'] }), { name: 'claude-sonnet-alice', outputTokens: 1 });

    // Claude Code runs awsAuthRefresh through a shell, without input, when it has no valid
    // token; here the token cache is gone (as after `aws sso logout`), and the command
    // signs in again by itself and leaves ~/.aws/config as it was.
    const configBefore = await fs.readFile(path.join(home, '.aws', 'config'), 'utf8');
    await fs.rm(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
    const refresh = await shell(settings.awsAuthRefresh, env);
    assert.equal(refresh.code, 0, refresh.stderr + refresh.stdout);
    assert.equal(await fs.readFile(path.join(home, '.aws', 'config'), 'utf8'), configBefore);
    assert.ok((await fs.readdir(path.join(home, '.aws', 'sso', 'cache'))).length > 0, 'a new token was cached');

    const again = await runBuiltCli(['configure', '--yes'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /already has these settings/);
  });
});
