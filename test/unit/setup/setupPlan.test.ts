import assert from 'node:assert/strict';
import { firstPendingStep, planSetup, type SetupFacts } from '../../../src/core/setup/setupPlan';
import { EMPTY_SETUP_STATE, readSetupState, writeSetupState, type SetupState } from '../../../src/core/setup/setupState';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';
import { makeTempHome } from '../../support/tempHome';

const ARN = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/k3v9q2m7x1ab';

function facts(overrides: Partial<SetupFacts> = {}): SetupFacts {
  return {
    profileName: 'claude-code',
    signIn: {
      status: 'signed-in',
      profile: { profileName: 'claude-code', sessionName: 'claude-code', accountId: '111122223333', roleName: 'BedrockDeveloper' } as SetupFacts['signIn']['profile'],
      tokenExpiresAt: new Date(Date.now() + 3_600_000),
      refreshable: true,
    },
    claudeSettings: { status: 'missing', filePath: '/home/x/.claude/settings.json' },
    activeBearerTokenFindings: 0,
    claudeProgram: undefined,
    ...overrides,
  };
}

describe('planSetup: which Set Up steps are already done', () => {
  it('in a fresh home only the bearer-token check is satisfied, and sign-in comes first', () => {
    const plan = planSetup(facts({ signIn: { status: 'not-configured', profile: undefined, tokenExpiresAt: undefined, refreshable: false } }), EMPTY_SETUP_STATE);
    assert.deepEqual(plan.steps.map((step) => [step.id, step.satisfied]), [
      ['sign-in', false],
      ['inference-profile', false],
      ['claude-settings', false],
      ['bearer-token', true],
      ['test-connection', false],
      ['cost', false],
      ['claude-cli', false],
    ]);
    assert.equal(firstPendingStep(plan), 'sign-in');
  });

  it('settings written by hand (or by Configure Claude Code) count as a chosen profile and configured settings', () => {
    const plan = planSetup(facts({ claudeSettings: { status: 'ok', filePath: 's', env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'claude-code', AWS_REGION: 'us-east-1', ANTHROPIC_MODEL: ARN }, withheldEnvNames: [], awsAuthRefresh: undefined } }), EMPTY_SETUP_STATE);
    assert.equal(plan.profiles?.primaryArn, ARN);
    assert.equal(plan.steps[1]?.satisfied, true);
    assert.equal(plan.steps[2]?.satisfied, true);
    assert.equal(firstPendingStep(plan), 'test-connection');
  });

  it('a profile in another account, or settings for another AWS profile, do not count', () => {
    const other = planSetup(facts({ claudeSettings: { status: 'ok', filePath: 's', env: { AWS_PROFILE: 'claude-code', AWS_REGION: 'us-east-1', ANTHROPIC_MODEL: ARN.replace('111122223333', '999999999999') }, withheldEnvNames: [], awsAuthRefresh: undefined } }), EMPTY_SETUP_STATE);
    assert.equal(other.profiles, undefined);
    const elsewhere = planSetup(facts({ claudeSettings: { status: 'ok', filePath: 's', env: { AWS_PROFILE: 'someone-else', AWS_REGION: 'us-east-1', ANTHROPIC_MODEL: ARN }, withheldEnvNames: [], awsAuthRefresh: undefined } }), EMPTY_SETUP_STATE);
    assert.equal(elsewhere.profiles, undefined);
  });

  it('a recorded connection test counts only for the same profile ARN; an expired session makes sign-in pending again', () => {
    const state: SetupState = {
      ...EMPTY_SETUP_STATE,
      inferenceProfile: { awsProfile: 'claude-code', accountId: '111122223333', region: 'us-east-1', primaryArn: ARN, tierArns: { sonnet: ARN } },
      connection: { awsProfile: 'claude-code', primaryArn: ARN, checkedAt: '2026-11-01T00:00:00.000Z' },
    };
    assert.equal(planSetup(facts(), state).steps[4]?.satisfied, true);
    const changed: SetupState = { ...state, connection: { awsProfile: 'claude-code', primaryArn: `${ARN}x`, checkedAt: '2026-11-01T00:00:00.000Z' } };
    assert.equal(planSetup(facts(), changed).steps[4]?.satisfied, false);
    const expired = planSetup(facts({ signIn: { ...facts().signIn, status: 'expired' } }), state);
    assert.equal(firstPendingStep(expired), 'sign-in');
  });

  it('an unparseable progress file is reported and left as it is', async () => {
    const { home, remove } = await makeTempHome();
    try {
      const file = path.join(home, 'state', 'setup-state.json');
      await writeSetupState(file, { ...EMPTY_SETUP_STATE, unfinishedStep: 'cost' });
      assert.equal((await readSetupState(file)).unfinishedStep, 'cost');
      assert.equal((await fs.stat(file)).mode & 0o777, 0o600);
      await fs.writeFile(file, '{ not json');
      await assert.rejects(readSetupState(file), (error: unknown) => isUserFacingError(error) && error.code === 'setup.state-unreadable');
      assert.equal(await fs.readFile(file, 'utf8'), '{ not json');
    } finally {
      await remove();
    }
  });
});
