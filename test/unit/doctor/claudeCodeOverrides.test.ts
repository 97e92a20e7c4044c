import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DEFAULT_MINIMUM_CLAUDE_CODE_VERSION } from '../../../src/core/doctor/claudeCodeVersion';
import { runSetupChecks } from '../../../src/core/doctor/runSetupChecks';
import type { SetupCheck, SetupCheckId } from '../../../src/core/doctor/setupCheck';
import { PROFILE } from '../discovery/signedInHome';
import { configuredHome, writeClaudeSettings, writeExecutable, type ConfiguredHome } from './configuredHome';

async function check(setup: ConfiguredHome, id: SetupCheckId, options: Partial<ConfiguredHome['options']> = {}): Promise<SetupCheck> {
  const workspaceFolders = [path.join(setup.home, 'project')];
  const checks = await runSetupChecks({ ...setup.options, bearerToken: { ...setup.options.bearerToken, workspaceFolders }, ...options });
  const found = checks.find((c) => c.id === id);
  assert.ok(found, id);
  return found;
}

describe('doctor: what overrides or breaks the setup in Claude Code\'s own terms', function () {
  this.timeout(30_000);
  let setup: ConfiguredHome;
  let workspace: string;
  beforeEach(async () => {
    setup = await configuredHome();
    workspace = path.join(setup.home, 'project');
  });
  afterEach(async () => {
    await setup.close();
  });

  it('passes when no other settings file sets our keys, and when one sets the same value', async () => {
    await writeClaudeSettings(path.join(workspace, '.claude', 'settings.json'), { env: { AWS_PROFILE: PROFILE, EDITOR: 'vim' } });
    const result = await check(setup, 'claude-settings-precedence');
    assert.equal(result.status, 'pass', result.detail);
  });

  it('names the project file whose AWS_PROFILE beats the user file, and the local file over the project file', async () => {
    await writeClaudeSettings(path.join(workspace, '.claude', 'settings.json'), { env: { AWS_PROFILE: 'team-shared' } });
    let result = await check(setup, 'claude-settings-precedence');
    assert.equal(result.status, 'fail');
    assert.match(result.detail, /env\.AWS_PROFILE is "team-shared" from project settings .*project\/\.claude\/settings\.json/);
    assert.match(result.fix?.title ?? '', /^Remove env\.AWS_PROFILE from /);

    await writeClaudeSettings(path.join(workspace, '.claude', 'settings.local.json'), { env: { AWS_PROFILE: 'my-local' } });
    result = await check(setup, 'claude-settings-precedence');
    assert.match(result.detail, /env\.AWS_PROFILE is "my-local" from local project settings .*settings\.local\.json/);
  });

  it('managed settings win over everything, and the fix is to ask the administrator', async () => {
    await writeClaudeSettings(path.join(workspace, '.claude', 'settings.local.json'), { env: { ANTHROPIC_MODEL: 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/l0c4l0000000' } });
    await writeClaudeSettings(path.join(setup.home, 'managed', 'managed-settings.json'), { env: { ANTHROPIC_MODEL: 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/m4n4g3d00000' }, awsAuthRefresh: 'corp-login' });
    const result = await check(setup, 'claude-settings-precedence');
    assert.equal(result.status, 'fail');
    assert.match(result.detail, /env\.ANTHROPIC_MODEL is "[^"]*m4n4g3d00000" from managed settings .*managed-settings\.json/);
    assert.match(result.detail, /awsAuthRefresh is "corp-login" from managed settings/);
    assert.match(result.fix?.title ?? '', /administrator/);
  });

  it('fails when CLAUDE_CODE_USE_MANTLE is set together with application inference profile ARNs', async () => {
    await writeClaudeSettings(path.join(workspace, '.claude', 'settings.json'), { env: { CLAUDE_CODE_USE_MANTLE: '1' } });
    const result = await check(setup, 'claude-model-pins');
    assert.equal(result.status, 'fail');
    assert.match(result.detail, /CLAUDE_CODE_USE_MANTLE is set in .*project\/\.claude\/settings\.json.*Mantle endpoint, where application inference profiles \(ANTHROPIC_MODEL\) do not apply/);
    assert.equal(result.fix?.title, `Remove CLAUDE_CODE_USE_MANTLE from ${path.join(workspace, '.claude', 'settings.json')}`);
  });

  it('warns when ANTHROPIC_MODEL or a tier key names a system profile (as /setup-bedrock writes), with the configure fix', async () => {
    await writeClaudeSettings(setup.settingsPath, {
      env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', AWS_PROFILE: PROFILE, ANTHROPIC_MODEL: setup.arn, ANTHROPIC_DEFAULT_OPUS_MODEL: 'us.anthropic.claude-opus-5-5', ANTHROPIC_DEFAULT_FABLE_MODEL: 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/global.anthropic.claude-fable-5-2' },
      awsAuthRefresh: `aws sso login --profile ${PROFILE}`,
    });
    const result = await check(setup, 'claude-model-pins');
    assert.equal(result.status, 'warn');
    assert.match(result.detail, /ANTHROPIC_DEFAULT_OPUS_MODEL in .*settings\.json names us\.anthropic\.claude-opus-5-5, a system-defined model or profile/);
    assert.match(result.detail, /ANTHROPIC_DEFAULT_FABLE_MODEL .* names arn:aws:bedrock:us-east-1:111122223333:inference-profile\/global\.anthropic\.claude-fable-5-2/);
    assert.deepEqual(result.fix?.cliArgs, ['configure']);
  });

  it('warns about the old manual\'s CLAUDE_CODE_BEDROCK_PROFILE_ARN, which Claude Code ignores', async () => {
    await writeClaudeSettings(path.join(workspace, '.claude', 'settings.json'), { env: { CLAUDE_CODE_BEDROCK_PROFILE_ARN: setup.arn } });
    const result = await check(setup, 'claude-model-pins');
    assert.equal(result.status, 'warn');
    assert.match(result.detail, /CLAUDE_CODE_BEDROCK_PROFILE_ARN is set in .*, but Claude Code ignores it/);
    assert.match(result.fix?.title ?? '', /^Remove CLAUDE_CODE_BEDROCK_PROFILE_ARN from /);
  });

  it('reports Claude Code VS Code extension settings that override the Bedrock environment, never showing a value', async () => {
    const vscodeSettings = path.join(setup.home, '.config', 'Code', 'User', 'settings.json');
    await writeClaudeSettings(vscodeSettings, {
      'claudeCode.environmentVariables': [
        { name: 'AWS_BEARER_TOKEN_BEDROCK', value: 'ABSKsecretvalue1234' },
        { name: 'AWS_REGION', value: 'us-east-1' },
      ],
      'claudeCode.selectedModel': 'claude-opus-4-8',
    });
    const bearerToken = { ...setup.options.bearerToken, workspaceFolders: [workspace], vscodeSettingsFiles: [vscodeSettings] };
    let result = await check(setup, 'claude-model-pins', { bearerToken });
    assert.equal(result.status, 'fail');
    assert.match(result.detail, /VS Code extension sets AWS_BEARER_TOKEN_BEDROCK in claudeCode\.environmentVariables .*a Bedrock API key replaces your SSO identity/);
    assert.match(result.detail, /claudeCode\.selectedModel "claude-opus-4-8" .* beats ANTHROPIC_MODEL/);
    assert.doesNotMatch(result.detail, /AWS_REGION/, 'a variable our settings file also sets is overridden by it, so it is no finding');
    assert.doesNotMatch(JSON.stringify(result), /ABSKsecretvalue1234/);

    await writeClaudeSettings(vscodeSettings, { 'claudeCode.selectedModel': 'fable' });
    result = await check(setup, 'claude-model-pins', { bearerToken });
    assert.equal(result.status, 'pass', 'a tier alias follows the pins Set Up wrote');
  });

  it(`fails for a Claude Code older than the organisation's minimum (default ${DEFAULT_MINIMUM_CLAUDE_CODE_VERSION}), with the update command`, async () => {
    await writeExecutable(path.join(setup.bin, 'claude'), '#!/bin/sh\necho "2.1.207 (Claude Code)"\n');
    let result = await check(setup, 'claude-cli');
    assert.equal(result.status, 'fail');
    assert.match(result.detail, /Claude Code 2\.1\.207 at .* is older than 2\.1\.208/);
    assert.equal(result.fix?.cli, 'claude update');

    result = await check(setup, 'claude-cli', { minimumClaudeCodeVersion: '2.1.200' });
    assert.equal(result.status, 'pass', result.detail);
    result = await check(setup, 'claude-cli', { minimumClaudeCodeVersion: '2.2.0' });
    assert.equal(result.status, 'fail');
  });
});
