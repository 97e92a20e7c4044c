import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { SetupCheck, SetupCheckId } from '../../../src/core/doctor/setupCheck';
import { runSetupChecks } from '../../../src/core/doctor/runSetupChecks';
import { formatSetupReportText, setupReportJson } from '../../../src/core/doctor/setupReportText';
import { tokenCachePath } from '../../../src/core/ssoCache/ssoCachePaths';
import { defaultWorld } from '../../emulator/world';
import { PROFILE, SESSION } from '../discovery/signedInHome';
import { profileId } from '../discovery/worldBuilders';
import { configuredHome, writeClaudeSettings, writeExecutable, type ConfiguredHome } from './configuredHome';

function byId(checks: readonly SetupCheck[]): Record<SetupCheckId, SetupCheck> {
  return Object.fromEntries(checks.map((c) => [c.id, c])) as Record<SetupCheckId, SetupCheck>;
}

function statuses(checks: readonly SetupCheck[]): Record<string, string> {
  return Object.fromEntries(checks.map((c) => [c.id, c.status]));
}

const ALL_PASS = {
  'aws-profile': 'pass',
  'sso-token': 'pass',
  credentials: 'pass',
  identity: 'pass',
  'bedrock-region': 'pass',
  'inference-profile': 'pass',
  'claude-settings': 'pass',
  'bearer-token': 'pass',
  'claude-cli': 'pass',
  'aws-auth-refresh': 'pass',
  'claude-settings-precedence': 'pass',
  'claude-model-pins': 'pass',
};

describe('runSetupChecks against the emulator', function () {
  this.timeout(30_000);
  let setup: ConfiguredHome | undefined;
  afterEach(async () => {
    await setup?.close();
    setup = undefined;
  });

  it('is green from a fully configured home, in three AWS requests', async () => {
    setup = await configuredHome();
    setup.signedIn.emulator.resetRequests();
    const checks = await runSetupChecks(setup.options);
    assert.deepEqual(statuses(checks), ALL_PASS, formatSetupReportText(checks));
    const emulator = setup.signedIn.emulator;
    assert.equal(emulator.requestCount('GetRoleCredentials'), 1);
    assert.equal(emulator.requestCount('GetCallerIdentity'), 1);
    assert.equal(emulator.requestCount('GetInferenceProfile'), 1);
    assert.equal(emulator.requestCount(), 3);
    const found = byId(checks);
    assert.match(found.identity.detail, /assumed-role\/AWSReservedSSO_BedrockDeveloper_[0-9a-f]+\/alice/);
    assert.match(found['claude-cli'].detail, /Claude Code 2\.1\.332 at .*\/bin\/claude/);
    assert.match(found['sso-token'].detail, /expires at .*\d{4}.* \(in \d+ h/);
    assert.match(found['inference-profile'].detail, /claude-sonnet-alice \(sonnet, us-east-1\) is reachable and ACTIVE/);
  });

  it('aws-profile fails when the profile is missing, and every check that needs it is skipped', async () => {
    setup = await configuredHome();
    await fs.writeFile(path.join(setup.home, '.aws', 'config'), '[profile someone-else]\nregion = us-east-1\n');
    const checks = byId(await runSetupChecks(setup.options));
    assert.equal(checks['aws-profile'].status, 'fail');
    assert.match(checks['aws-profile'].detail, new RegExp(`no profile "${PROFILE}"`));
    assert.equal(checks['aws-profile'].fix?.command, 'bedrockOnboarding.signIn');
    for (const id of ['sso-token', 'credentials', 'identity', 'inference-profile'] as const) assert.equal(checks[id].status, 'skip', id);
    assert.match(checks['sso-token'].detail, /"AWS profile and SSO session" failed/);
    assert.match(checks.identity.detail, /"AWS credentials" was skipped/);
    assert.equal(checks['claude-settings'].status, 'pass');
    assert.equal(setup.signedIn.emulator.requestCount(), 0);
  });

  it('aws-profile fails when the profile disagrees with its sso-session', async () => {
    setup = await configuredHome();
    const config = path.join(setup.home, '.aws', 'config');
    const text = await fs.readFile(config, 'utf8');
    await fs.writeFile(config, text.replace(`sso_session = ${SESSION}`, `sso_session = ${SESSION}\nsso_region = eu-west-1`));
    const checks = byId(await runSetupChecks(setup.options));
    assert.equal(checks['aws-profile'].status, 'fail');
    assert.match(checks['aws-profile'].detail, /sso_region is "eu-west-1" in the profile but "us-east-1" in the session/);
  });

  it('sso-token fails for an expired token that cannot be renewed, and credentials are skipped', async () => {
    setup = await configuredHome();
    const file = tokenCachePath({ homeDir: setup.home }, SESSION);
    const token = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
    delete token['refreshToken'];
    token['expiresAt'] = '2020-01-01T00:00:00Z';
    await fs.writeFile(file, JSON.stringify(token));
    const checks = byId(await runSetupChecks(setup.options));
    assert.equal(checks['sso-token'].status, 'fail');
    assert.match(checks['sso-token'].detail, /expired at .*2020.* and cannot be renewed/);
    assert.doesNotMatch(checks['sso-token'].detail, /T00:00:00/);
    assert.equal(checks.credentials.status, 'skip');
    assert.equal(checks['claude-cli'].status, 'pass');
  });

  it('sso-token fails when there is no cached token', async () => {
    setup = await configuredHome();
    await fs.rm(tokenCachePath({ homeDir: setup.home }, SESSION));
    const checks = byId(await runSetupChecks(setup.options));
    assert.equal(checks['sso-token'].status, 'fail');
    assert.match(checks['sso-token'].detail, /not signed in/);
    assert.equal(checks['sso-token'].fix?.cli, `bedrock-onboard login --profile ${PROFILE}`);
  });

  it('credentials fail when Identity Center no longer accepts the token; identity and the inference profile are skipped', async () => {
    setup = await configuredHome();
    setup.signedIn.emulator.expireAccessTokens();
    const checks = byId(await runSetupChecks(setup.options));
    assert.equal(checks['sso-token'].status, 'pass', 'the cached token still looks valid locally');
    assert.equal(checks.credentials.status, 'fail');
    assert.match(checks.credentials.detail, new RegExp(`sign-in for profile "${PROFILE}" has expired`));
    assert.equal(checks.identity.status, 'skip');
    assert.equal(checks['inference-profile'].status, 'skip');
    assert.equal(setup.signedIn.emulator.requestCount('GetCallerIdentity'), 0);
  });

  it('bedrock-region fails when the region is not allowed', async () => {
    setup = await configuredHome();
    const checks = byId(await runSetupChecks({ ...setup.options, allowedRegions: ['eu-west-1'] }));
    assert.equal(checks['bedrock-region'].status, 'fail');
    assert.match(checks['bedrock-region'].detail, /us-east-1, which your organisation does not allow \(allowed: eu-west-1\)/);
    assert.equal(checks['bedrock-region'].fix?.cli, 'bedrock-onboard configure');
    assert.equal(checks['inference-profile'].status, 'pass');
  });

  it('inference-profile fails when ABAC denies the profile (another developer\'s)', async () => {
    const world = defaultWorld();
    setup = await configuredHome(world);
    const bobs = profileId(world, 'claude-sonnet-bob');
    await writeClaudeSettings(setup.settingsPath, {
      env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', AWS_PROFILE: PROFILE, ANTHROPIC_MODEL: bobs },
      awsAuthRefresh: `aws sso login --profile ${PROFILE}`,
    });
    const checks = byId(await runSetupChecks({ ...setup.options, inferenceProfileArn: bobs }));
    assert.equal(checks['inference-profile'].status, 'fail');
    assert.match(checks['inference-profile'].detail, /denied GetInferenceProfile: your role lacks bedrock:GetInferenceProfile/);
    assert.equal(checks['inference-profile'].fix?.title, 'Choose another inference profile');
    assert.equal(checks['claude-settings'].status, 'pass');
    assert.equal(checks.identity.status, 'pass');
  });

  it('inference-profile fails when none is chosen', async () => {
    setup = await configuredHome();
    await writeClaudeSettings(setup.settingsPath, { env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', AWS_PROFILE: PROFILE } });
    const { inferenceProfileArn: _ignored, ...options } = setup.options;
    const checks = byId(await runSetupChecks(options));
    assert.equal(checks['inference-profile'].status, 'fail');
    assert.match(checks['inference-profile'].detail, /No inference profile is chosen/);
    assert.equal(setup.signedIn.emulator.requestCount('GetInferenceProfile'), 0);
  });

  it('claude-settings fails when AWS_REGION is not the inference profile\'s region', async () => {
    setup = await configuredHome();
    await writeClaudeSettings(setup.settingsPath, {
      env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-west-2', AWS_PROFILE: PROFILE, ANTHROPIC_MODEL: setup.arn },
      awsAuthRefresh: `aws sso login --profile ${PROFILE}`,
    });
    const checks = byId(await runSetupChecks(setup.options));
    assert.equal(checks['claude-settings'].status, 'fail');
    assert.match(checks['claude-settings'].detail, /AWS_REGION is us-west-2 but the inference profile is in us-east-1/);
    assert.deepEqual(checks['claude-settings'].locations, [{ file: setup.settingsPath }]);
    assert.equal(checks['bedrock-region'].status, 'pass', 'us-west-2 is allowed');
  });

  it('claude-settings fails when the file is missing or names another profile', async () => {
    setup = await configuredHome();
    await writeClaudeSettings(setup.settingsPath, {
      env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', AWS_PROFILE: 'default', ANTHROPIC_MODEL: setup.arn },
      awsAuthRefresh: `aws sso login --profile ${PROFILE}`,
    });
    let checks = byId(await runSetupChecks(setup.options));
    assert.match(checks['claude-settings'].detail, new RegExp(`AWS_PROFILE is "default" but you sign in with the profile "${PROFILE}"`));
    await fs.rm(setup.settingsPath);
    checks = byId(await runSetupChecks(setup.options));
    assert.equal(checks['claude-settings'].status, 'fail');
    assert.match(checks['claude-settings'].detail, /has no settings file/);
    assert.equal(checks['aws-auth-refresh'].status, 'skip');
  });

  it('bearer-token fails with the file and line when a start-up file sets it, and never shows the value', async () => {
    setup = await configuredHome();
    const secret = 'ABSKbmV2ZXItcHJpbnQtbWU';
    await fs.writeFile(path.join(setup.home, '.bashrc'), `alias ll='ls -l'\nexport AWS_BEARER_TOKEN_BEDROCK=${secret}\n`);
    const checks = await runSetupChecks(setup.options);
    const bearer = byId(checks)['bearer-token'];
    assert.equal(bearer.status, 'fail');
    assert.deepEqual(bearer.locations, [{ file: path.join(setup.home, '.bashrc'), line: 2 }]);
    assert.ok(!JSON.stringify(checks).includes(secret));
    assert.ok(!formatSetupReportText(checks).includes(secret));
    assert.ok(!setupReportJson(checks).includes(secret));
  });

  it('bearer-token warns about a commented-out line that still holds the key, and passes over one without a value as harmless', async () => {
    setup = await configuredHome();
    const secret = 'ABSKY29tbWVudGVkLW91dC1idXQtdGhlcmU';
    const bashrc = path.join(setup.home, '.bashrc');
    await fs.writeFile(bashrc, `alias ll='ls -l'\n# export AWS_BEARER_TOKEN_BEDROCK=${secret}\n# export AWS_BEARER_TOKEN_BEDROCK=\n`);
    const checks = await runSetupChecks(setup.options);
    const bearer = byId(checks)['bearer-token'];
    assert.equal(bearer.status, 'warn');
    assert.equal(
      bearer.detail,
      `AWS_BEARER_TOKEN_BEDROCK is not set anywhere Claude Code reads it, but a commented-out line still holds its value, so the key is on disk there (bash start-up file, ${bashrc} line 2); remove it.`,
    );
    assert.deepEqual(bearer.locations, [{ file: bashrc, line: 2 }]);
    assert.deepEqual(bearer.fix?.cliArgs, ['bearer-token', '--fix']);
    assert.ok(!JSON.stringify(checks).includes(secret));

    await fs.writeFile(bashrc, `alias ll='ls -l'\n# export AWS_BEARER_TOKEN_BEDROCK=\n`);
    const passed = byId(await runSetupChecks(setup.options))['bearer-token'];
    assert.equal(passed.status, 'pass');
    assert.equal(passed.detail, 'AWS_BEARER_TOKEN_BEDROCK is not set anywhere Claude Code reads it (1 commented-out line mentions it, which is harmless).');
  });

  it('bearer-token fails when the process environment has it', async () => {
    setup = await configuredHome();
    const environment = { ...setup.environment, env: { ...setup.environment.env, AWS_BEARER_TOKEN_BEDROCK: 'x' } };
    const bearer = byId(await runSetupChecks({ ...setup.options, environment }))['bearer-token'];
    assert.equal(bearer.status, 'fail');
    assert.match(bearer.detail, /environment of this terminal session/);
  });

  it('claude-cli fails when claude is not on PATH, and warns when --version fails', async () => {
    setup = await configuredHome();
    await fs.rm(path.join(setup.bin, 'claude'));
    let cli = byId(await runSetupChecks(setup.options))['claude-cli'];
    assert.equal(cli.status, 'fail');
    assert.match(cli.detail, /not on your PATH/);
    await writeExecutable(path.join(setup.bin, 'claude'), '#!/bin/sh\necho broken >&2\nexit 3\n');
    cli = byId(await runSetupChecks(setup.options))['claude-cli'];
    assert.equal(cli.status, 'warn');
    assert.match(cli.detail, /exited with code 3/);
  });

  it('claude-cli fails within its time limit when claude --version hangs', async () => {
    setup = await configuredHome();
    // PATH holds only the fake bin folder, so the shell needs sleep's full path.
    const sleep = ['/bin/sleep', '/usr/bin/sleep'].find((file) => existsSync(file)) ?? 'sleep';
    // It would leave a mark once its 30 s are over: the report must come back before that.
    const mark = path.join(setup.home, 'claude-answered');
    await writeExecutable(path.join(setup.bin, 'claude'), `#!/bin/sh\n${sleep} 30\necho 2.0.14 > '${mark}'\n`);
    const checks = byId(await runSetupChecks({ ...setup.options, timeouts: { processMs: 400 } }));
    assert.equal(existsSync(mark), false, 'the report waited for the hung claude --version');
    assert.equal(checks['claude-cli'].status, 'fail');
    assert.match(checks['claude-cli'].detail, /no answer within 0\.4 s/);
  });

  it('aws-auth-refresh fails when its program is not on PATH, and warns when it is not set', async () => {
    setup = await configuredHome();
    await fs.rm(path.join(setup.bin, 'aws'));
    let refresh = byId(await runSetupChecks(setup.options))['aws-auth-refresh'];
    assert.equal(refresh.status, 'fail');
    assert.match(refresh.detail, /runs "aws", which is not on your PATH/);
    await writeClaudeSettings(setup.settingsPath, { env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', AWS_PROFILE: PROFILE, ANTHROPIC_MODEL: setup.arn } });
    refresh = byId(await runSetupChecks(setup.options))['aws-auth-refresh'];
    assert.equal(refresh.status, 'warn');
    assert.match(refresh.detail, /no awsAuthRefresh command/);
  });

  it('a hung Bedrock endpoint fails only the inference profile check, within its time limit', async () => {
    setup = await configuredHome();
    // The emulator logs a request once it has answered it: none logged means the report did not wait.
    setup.signedIn.emulator.injectFault({ operation: 'GetInferenceProfile', kind: 'latency', ms: 15_000 });
    const checks = await runSetupChecks({ ...setup.options, timeouts: { networkMs: 800 } });
    assert.equal(setup.signedIn.emulator.requestCount('GetInferenceProfile'), 0, 'the report waited for the hung Bedrock answer');
    assert.deepEqual(statuses(checks), { ...ALL_PASS, 'inference-profile': 'fail' });
    assert.match(byId(checks)['inference-profile'].detail, /no answer within 0\.8 s, so the check was stopped; Amazon Bedrock did not answer/);
    setup.signedIn.emulator.clearFaults();
  });

  it('a hung Identity Center fails the credentials check in time and skips what needs it', async () => {
    setup = await configuredHome();
    setup.signedIn.emulator.injectFault({ operation: 'GetRoleCredentials', kind: 'latency', ms: 15_000 });
    const checks = byId(await runSetupChecks({ ...setup.options, timeouts: { networkMs: 500 } }));
    assert.equal(setup.signedIn.emulator.requestCount('GetRoleCredentials'), 0, 'the report waited for the hung Identity Center answer');
    assert.equal(checks.credentials.status, 'fail');
    assert.match(checks.credentials.detail, /no answer within 0\.5 s/);
    assert.equal(checks.identity.status, 'skip');
    assert.equal(checks['inference-profile'].status, 'skip');
    assert.equal(checks['bearer-token'].status, 'pass');
    setup.signedIn.emulator.clearFaults();
  });
});
