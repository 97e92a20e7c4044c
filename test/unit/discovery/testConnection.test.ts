import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { runConfigure } from '../../../src/cli/commands/configure';
import { runTestConnection } from '../../../src/cli/commands/testConnection';
import { testConnection, type ConnectionReport } from '../../../src/core/connection/testConnection';
import { profileCredentials } from '../../../src/core/identity/profileCredentials';
import { silentLogger } from '../../../src/core/runtime/logger';
import { capturedIo, harness, readJson } from './cliHarness';
import { PROFILE, signedInHome, type SignedInHome } from './signedInHome';
import { invokeLikeClaudeCode } from './claudeCodeChain';
import { profileId, threeDevelopersWorld } from './worldBuilders';


function step(report: ConnectionReport, name: string): ConnectionReport['steps'][number] {
  const found = report.steps.find((s) => s.name === name);
  assert.ok(found, `no ${name} step in ${JSON.stringify(report.steps)}`);
  return found;
}

describe('Test Connection against the emulator', function () {
  this.timeout(30_000);
  let home: SignedInHome | undefined;
  afterEach(async () => {
    await home?.close();
    home = undefined;
  });

  it('reports identity, profile and latency, and makes exactly one 1-token Converse when asked', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice' });
    const arn = profileId(world, 'claude-sonnet-alice');
    const report = await testConnection({ credentials: profileCredentials(PROFILE), region: 'us-east-1', inferenceProfileArn: arn, profileName: PROFILE, probe: true, logger: silentLogger });
    assert.equal(report.ok, true, JSON.stringify(report.steps));
    assert.match(report.identity?.arn ?? '', /assumed-role\/AWSReservedSSO_BedrockDeveloper_[0-9a-f]+\/alice$/);
    assert.equal(report.profile?.name, 'claude-sonnet-alice');
    assert.equal(report.profile.tier, 'sonnet');
    assert.deepEqual(report.steps.map((s) => `${s.name}:${s.status}`), ['identity:ok', 'region:ok', 'inference-profile:ok', 'invoke:ok']);
    for (const name of ['identity', 'inference-profile', 'invoke']) assert.equal(typeof step(report, name).latencyMs, 'number');
    assert.equal(home.emulator.requestCount('Converse'), 1);
    const converse = home.emulator.requests().find((r) => r.operation === 'Converse');
    assert.ok(converse);
  });

  it('without the probe makes no billed call', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice' });
    const report = await testConnection({ credentials: profileCredentials(PROFILE), region: 'us-east-1', inferenceProfileArn: profileId(world, 'claude-opus-alice'), logger: silentLogger });
    assert.equal(report.ok, true);
    assert.equal(report.steps.some((s) => s.name === 'invoke'), false);
    assert.equal(home.emulator.requestCount('Converse'), 0);
    assert.equal(home.emulator.requestCount('GetInferenceProfile'), 1);
  });

  it("someone else's profile fails at GetInferenceProfile with the sentence naming the IAM action", async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice' });
    const bob = profileId(world, 'claude-sonnet-bob');
    const report = await testConnection({ credentials: profileCredentials(PROFILE), region: 'us-east-1', inferenceProfileArn: bob, profileName: PROFILE, logger: silentLogger });
    assert.equal(report.ok, false);
    const failed = step(report, 'inference-profile');
    assert.equal(failed.status, 'failed');
    assert.ok((failed.message ?? '').includes(`denied GetInferenceProfile: your role lacks bedrock:GetInferenceProfile on ${bob}`), failed.message);
  });

  it('invoke allowed but GetInferenceProfile denied still fails, because Claude Code reads the profile first', async () => {
    const world = threeDevelopersWorld();
    const alice = world.users.find((u) => u.userName === 'alice');
    assert.ok(alice);
    alice.policy = { getInferenceProfile: 'deny', invoke: 'abac' };
    home = await signedInHome(world, { userName: 'alice' });
    const report = await testConnection({ credentials: profileCredentials(PROFILE), region: 'us-east-1', inferenceProfileArn: profileId(world, 'claude-sonnet-alice'), probe: true, logger: silentLogger });
    assert.equal(step(report, 'invoke').status, 'ok');
    assert.equal(step(report, 'inference-profile').status, 'failed');
    assert.equal(report.ok, false);
  });

  it('a role that may read but not invoke fails the probe with bedrock:InvokeModel named', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice', roleName: 'ReadOnlyAccess' });
    const report = await testConnection({ credentials: profileCredentials(PROFILE), region: 'us-east-1', inferenceProfileArn: profileId(world, 'claude-sonnet-alice'), probe: true, logger: silentLogger });
    assert.equal(step(report, 'inference-profile').status, 'ok');
    const invoke = step(report, 'invoke');
    assert.equal(invoke.status, 'failed');
    assert.match(invoke.message ?? '', /bedrock:InvokeModel/);
  });

  it('a region that differs from the profile is a failure with the region to set', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice' });
    const report = await testConnection({ credentials: profileCredentials(PROFILE), region: 'us-west-2', inferenceProfileArn: profileId(world, 'claude-sonnet-alice'), logger: silentLogger });
    const region = step(report, 'region');
    assert.equal(region.status, 'failed');
    assert.match(region.message ?? '', /set it to us-east-1/);
    assert.equal(report.ok, false);
  });

  it('without a cached sign-in: the identity step says to sign in, and no Bedrock call is made', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice' });
    await fs.rm(path.join(home.home, '.aws', 'sso'), { recursive: true });
    const report = await testConnection({ credentials: profileCredentials(PROFILE), region: 'us-east-1', inferenceProfileArn: profileId(world, 'claude-sonnet-alice'), profileName: PROFILE, probe: true, logger: silentLogger });
    assert.equal(report.ok, false);
    assert.equal(step(report, 'identity').status, 'failed');
    assert.match(step(report, 'identity').message ?? '', /sso login --profile claude-code|Sign In/);
    assert.equal(step(report, 'invoke').status, 'skipped');
    assert.equal(home.emulator.requestCount('GetInferenceProfile') + home.emulator.requestCount('Converse'), 0);
  });

  it('throttling is retried; a network failure that outlasts the retries gets the network sentence', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice' });
    const arn = profileId(world, 'claude-sonnet-alice');
    home.emulator.injectFault({ operation: 'Converse', kind: 'throttle', times: 1 });
    const retried = await testConnection({ credentials: profileCredentials(PROFILE), region: 'us-east-1', inferenceProfileArn: arn, probe: true, logger: silentLogger });
    assert.equal(step(retried, 'invoke').status, 'ok');
    assert.equal(home.emulator.requestCount('Converse'), 2);

    home.emulator.injectFault({ operation: 'GetInferenceProfile', kind: 'reset' });
    const cut = await testConnection({ credentials: profileCredentials(PROFILE), region: 'us-east-1', inferenceProfileArn: arn, maxAttempts: 1, logger: silentLogger });
    const failed = step(cut, 'inference-profile');
    assert.equal(failed.status, 'failed');
    assert.match(failed.message ?? '', /network|connection/i);
  });

  it('after configure, a process with only HOME, AWS_PROFILE and AWS_REGION from the settings invokes the AIP through the default chain', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice', via: 'device-flow' });
    const { deps, settingsPath, environment } = await harness(home, { awsOnPath: true });
    assert.equal(await runConfigure(['--yes'], capturedIo(false), deps), 0);
    const env = (await readJson(settingsPath))['env'] as Record<string, string>;

    assert.deepEqual(await invokeLikeClaudeCode({ HOME: home.home, ...home.env, AWS_PROFILE: env['AWS_PROFILE'], AWS_REGION: env['AWS_REGION'], ANTHROPIC_MODEL: env['ANTHROPIC_MODEL'] }), { name: 'claude-sonnet-alice', outputTokens: 1 });

    const io = capturedIo(false);
    assert.equal(await runTestConnection(['--probe'], io, { environment, logger: silentLogger }), 0, io.stderrText());
    assert.match(io.stdoutText(), /ok\s+identity\s+GetCallerIdentity \(\d+ ms\) arn:aws:sts::111122223333:assumed-role\/.*\/alice/);
    assert.match(io.stdoutText(), /ok\s+inference-profile GetInferenceProfile \(\d+ ms\) claude-sonnet-alice \(sonnet, ACTIVE\)/);
    assert.match(io.stdoutText(), /Claude Code should be able to use this inference profile/);
  });

  it('test-connection without settings says to run configure', async () => {
    home = await signedInHome(threeDevelopersWorld(), { userName: 'alice' });
    const { environment } = await harness(home);
    const io = capturedIo(false);
    assert.equal(await runTestConnection([], io, { environment, logger: silentLogger }), 1);
    assert.match(io.stderrText(), /No inference profile is set in .*settings\.json .*run bedrock-onboard configure/);
  });
});
