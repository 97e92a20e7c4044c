import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as aws from '../../../src/core/awsOperations';
import { readCostReport } from '../../../src/core/cost/costReport';
import { costReportOptions, developerCostPlan, readDeveloperCostHints, type CostSettingsInput } from '../../../src/core/cost/costReportOptions';
import { BUILT_IN_SETTINGS } from '../../../src/core/orgDefaults/builtInSettings';
import { resolveEffectiveSettings } from '../../../src/core/orgDefaults/effectiveSettings';
import type { ChosenInferenceProfiles } from '../../../src/core/setup/setupState';
import { testEnvironment } from '../../support/tempHome';
import { costSettings, requestsByOperation, setupHome, type SetupHome } from '../setup/setupHarness';

const ARN = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc123';
const OTHER_ARN = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/zzz999';
const chosen: ChosenInferenceProfiles = { awsProfile: 'claude-code', accountId: '111122223333', region: 'us-east-1', primaryArn: ARN, tierArns: {}, developerId: 'alice' };

function settingsWith(user: Record<string, unknown>, personal: Omit<CostSettingsInput, 'effective'> = {}): CostSettingsInput {
  return { effective: resolveEffectiveSettings({ builtIn: BUILT_IN_SETTINGS, org: {}, user }), ...personal };
}

describe('cost: one plan (query, cache key, report options) from settings for the status bar, Set Up and the CLI', () => {
  it('reads source, prices, budget and refresh interval from the settings', () => {
    const plan = developerCostPlan(settingsWith({ costSource: 'local', monthlyBudget: 50, costRefreshHours: 12, priceOverrides: { 'my-model': { input: 1, output: 2, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 } } }), {});
    assert.equal(plan.source, 'local');
    assert.equal(plan.budget, 50);
    assert.equal(plan.refreshIntervalMs, 12 * 3_600_000);
    assert.ok(plan.prices.has('my-model'));
    assert.deepEqual(plan.query, { profile: 'claude-code', tagKey: 'DeveloperId', configuredTagValue: undefined, inferenceProfileArn: undefined, metric: 'UnblendedCost', region: 'us-east-1' });
    assert.equal(developerCostPlan(settingsWith({ monthlyBudget: 0 }), {}).budget, undefined);
  });

  it('falls back to the claude-code profile, DeveloperId and us-east-1 when not even a built-in default names them', () => {
    const plan = developerCostPlan({ effective: resolveEffectiveSettings({ builtIn: {}, org: {}, user: {} }) }, {});
    assert.deepEqual(plan.query, { profile: 'claude-code', tagKey: 'DeveloperId', configuredTagValue: undefined, inferenceProfileArn: undefined, metric: 'UnblendedCost', region: 'us-east-1' });
  });

  it('asks for the metric setting without its surrounding spaces', () => {
    assert.equal(developerCostPlan(settingsWith({}, { metric: ' NetUnblendedCost ' }), {}).query.metric, 'NetUnblendedCost');
  });

  it('has no budget for a zero or negative one, whatever let it through', () => {
    const { effective } = settingsWith({});
    for (const value of [0, -5]) {
      const plan = developerCostPlan({ effective: { ...effective, monthlyBudget: { value, source: 'user', locked: false } } }, {});
      assert.equal(plan.budget, undefined, String(value));
    }
  });

  it('hands the plan\'s budget and the caller\'s logger on to the report', () => {
    const environment = { homeDir: '/nowhere', env: {}, now: () => new Date() };
    const logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    const fetchBilled = () => Promise.reject(new Error('not asked'));
    const withBudget = costReportOptions(developerCostPlan(settingsWith({ monthlyBudget: 50 }), {}), { cacheDir: '/nowhere/cache', environment, fetchBilled, logger });
    assert.equal(withBudget.budget, 50);
    assert.equal(withBudget.logger, logger);
    assert.equal(costReportOptions(developerCostPlan(settingsWith({}), {}), { cacheDir: '/nowhere/cache', environment, fetchBilled }).budget, undefined);
  });

  it('keys the cache by the tag value Set Up read, whether or not ANTHROPIC_MODEL is written yet', () => {
    const beforeSettings = developerCostPlan(costSettings, { chosen });
    const afterSettings = developerCostPlan(costSettings, { claudeModel: ARN, chosen });
    assert.equal(beforeSettings.queryKey, afterSettings.queryKey);
    assert.equal(afterSettings.query.configuredTagValue, 'alice');
    assert.equal(afterSettings.query.inferenceProfileArn, ARN);
  });

  it('ignores a chosen profile that is no longer the one in use, or belongs to another AWS profile', () => {
    const switched = developerCostPlan(costSettings, { claudeModel: OTHER_ARN, chosen });
    assert.equal(switched.query.configuredTagValue, undefined, 'the other profile’s tag must be read again');
    assert.equal(switched.query.inferenceProfileArn, OTHER_ARN);
    const otherProfile = developerCostPlan({ ...costSettings, profileName: 'work' }, { chosen });
    assert.equal(otherProfile.query.inferenceProfileArn, undefined);
    assert.equal(otherProfile.query.configuredTagValue, undefined);
    assert.notEqual(otherProfile.queryKey, developerCostPlan(costSettings, { chosen }).queryKey);
  });

  it('lets the developerId and inferenceProfileArn settings win over what Set Up found', () => {
    const plan = developerCostPlan(settingsWith({}, { developerId: ' bob ', inferenceProfileArn: OTHER_ARN, metric: 'NetUnblendedCost' }), { claudeModel: ARN, chosen });
    assert.equal(plan.query.configuredTagValue, 'bob');
    assert.equal(plan.query.inferenceProfileArn, OTHER_ARN);
    assert.equal(plan.query.metric, 'NetUnblendedCost');
  });

  describe('against the emulator', function () {
    this.timeout(60_000);
    let setup: SetupHome | undefined;
    afterEach(async () => {
      await setup?.close();
      setup = undefined;
    });

    it('a Set Up resumed after the status bar read the cost (no ANTHROPIC_MODEL yet) makes no second Cost Explorer request', async () => {
      setup = await setupHome();
      const cancelled = await setup.run({ cancelAt: 'claude-settings' });
      assert.equal(cancelled.outcome, 'cancelled');
      const environment = testEnvironment(setup.home);
      assert.equal((await readDeveloperCostHints(environment)).claudeModel, undefined, 'Claude Code’s settings are not written yet');
      setup.emulator.resetRequests();

      // What the status bar does (src/vscode/cost/costService.ts): the plan from the settings and the hints on disk.
      const statusBar = developerCostPlan(costSettings, await readDeveloperCostHints(environment, setup.statePath));
      const withoutSetupState = developerCostPlan(costSettings, await readDeveloperCostHints(environment));
      assert.notEqual(statusBar.queryKey, withoutSetupState.queryKey, 'without Set Up’s state the status bar would ask for a different key');
      const report = await readCostReport(costReportOptions(statusBar, { cacheDir: setup.costCacheDir, environment, fetchBilled: (query) => aws.fetchDeveloperBilledCost({ query, now: new Date() }) }));
      assert.ok(report.billed?.refreshed, 'the status bar asked Cost Explorer');
      assert.equal(requestsByOperation(setup.emulator)['GetCostAndUsage'], 1);

      const resumed = await setup.run();
      assert.equal(resumed.outcome, 'completed', JSON.stringify(resumed));
      const counts = requestsByOperation(setup.emulator);
      console.log(`      AWS requests after the status bar's read and the resumed Set Up: ${JSON.stringify(counts)}`);
      assert.equal(counts['GetCostAndUsage'], 1, 'Set Up reused the status bar’s cached answer');
      const settingsFile = await fs.readFile(path.join(setup.home, '.claude', 'settings.json'), 'utf8');
      assert.match(settingsFile, /ANTHROPIC_MODEL/);
      assert.equal(developerCostPlan(costSettings, await readDeveloperCostHints(environment, setup.statePath)).queryKey, statusBar.queryKey, 'and the status bar keeps that key after Set Up');
    });

    it('a Set Up cancelled before the profile choice, then resumed, reuses the answer the status bar fetched under the identity’s tag', async () => {
      setup = await setupHome();
      const cancelled = await setup.run({ cancelAt: 'inference-profile' });
      assert.equal(cancelled.outcome, 'cancelled');
      const environment = testEnvironment(setup.home);
      setup.emulator.resetRequests();

      // Nothing chosen yet: the status bar's key names the identity, not a tag value.
      const statusBar = developerCostPlan(costSettings, await readDeveloperCostHints(environment, setup.statePath));
      assert.equal(statusBar.query.configuredTagValue, undefined);
      assert.equal(statusBar.query.inferenceProfileArn, undefined);
      const read = await readCostReport(costReportOptions(statusBar, { cacheDir: setup.costCacheDir, environment, fetchBilled: (query) => aws.fetchDeveloperBilledCost({ query, now: new Date() }) }));
      assert.ok(read.billed?.refreshed, 'the status bar asked Cost Explorer');
      assert.equal(requestsByOperation(setup.emulator)['GetCostAndUsage'], 1);

      const resumed = await setup.run();
      assert.equal(resumed.outcome, 'completed', JSON.stringify(resumed));
      const after = developerCostPlan(costSettings, await readDeveloperCostHints(environment, setup.statePath));
      assert.notEqual(after.queryKey, statusBar.queryKey, 'Set Up asks under the chosen profile’s tag value, another key');
      assert.equal(requestsByOperation(setup.emulator)['GetCostAndUsage'], 1, 'the answer filed under the tag value it resolved to was reused');
    });
  });
});
