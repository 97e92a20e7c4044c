import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { configuredClaudeModel } from '../../../src/core/cost/claudeModelSetting';
import { costSourceFromSetting, DEFAULT_COST_REFRESH_HOURS, refreshIntervalMs } from '../../../src/core/cost/costSettings';
import { identifyModel } from '../../../src/core/cost/modelIdentity';
import { formatMoney } from '../../../src/core/cost/money';
import { transcriptProjectsDir } from '../../../src/core/cost/transcriptLocation';
import { firstDayOfNextUtcMonth, firstDayOfUtcMonth, nextUtcDay, utcDay, utcDaysBetween, utcMonth } from '../../../src/core/cost/utcCalendar';
import { makeTempHome } from '../../support/tempHome';

const HOUR = 60 * 60 * 1000;

describe('cost: small helpers (calendar, settings, money, model names, where transcripts are)', () => {
  it('counts days and months in UTC', () => {
    const lateEvening = new Date('2026-03-31T23:59:59.999Z');
    assert.deepEqual([utcDay(lateEvening), utcMonth(lateEvening), firstDayOfUtcMonth(lateEvening)], ['2026-03-31', '2026-03', '2026-03-01']);
    assert.deepEqual([nextUtcDay('2026-02-28'), nextUtcDay('2028-02-28'), nextUtcDay('2026-12-31')], ['2026-03-01', '2028-02-29', '2027-01-01']);
    assert.deepEqual([firstDayOfNextUtcMonth('2026-01-31'), firstDayOfNextUtcMonth('2026-12-15')], ['2026-02-01', '2027-01-01']);
    assert.deepEqual(utcDaysBetween('2026-02-27', '2026-03-02'), ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    assert.deepEqual(utcDaysBetween('2026-03-02', '2026-03-02'), ['2026-03-02']);
    assert.deepEqual(utcDaysBetween('2026-03-03', '2026-03-02'), []);
  });

  it('reads the cost source and refresh interval settings', () => {
    assert.deepEqual([costSourceFromSetting('costExplorer'), costSourceFromSetting('local'), costSourceFromSetting('off'), costSourceFromSetting('auto'), costSourceFromSetting(undefined)], ['cost-explorer', 'local', 'off', 'auto', 'auto']);
    assert.equal(DEFAULT_COST_REFRESH_HOURS, 6);
    assert.deepEqual([refreshIntervalMs(undefined), refreshIntervalMs(Number.NaN), refreshIntervalMs(Number.POSITIVE_INFINITY)], [6 * HOUR, 6 * HOUR, 6 * HOUR]);
    assert.deepEqual([refreshIntervalMs(0.25), refreshIntervalMs(1), refreshIntervalMs(12)], [HOUR, HOUR, 12 * HOUR], 'never more often than hourly');
  });

  it('prints dollars with a sign and other currencies by code', () => {
    assert.deepEqual([formatMoney(42.174, 'USD'), formatMoney(3, 'EUR')], ['$42.17', '3.00 EUR']);
  });

  it('names the price of every spelling of a model Bedrock records', () => {
    const aip = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc123';
    const cases: [string, ReturnType<typeof identifyModel>, ReadonlyMap<string, string>?][] = [
      ['claude-sonnet-4-5-20250929', { priceKey: 'claude-sonnet-4-5', geographic: false }],
      [' Claude-Sonnet-4-5[1m] ', { priceKey: 'claude-sonnet-4-5', geographic: false }],
      ['anthropic.claude-sonnet-4-5-20250929-v1:0', { priceKey: 'claude-sonnet-4-5', geographic: false }],
      ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', { priceKey: 'claude-sonnet-4-5', geographic: true }],
      ['eu.anthropic.claude-haiku-4-5-20251001-v1', { priceKey: 'claude-haiku-4-5', geographic: true }],
      ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', { priceKey: 'claude-sonnet-4-5', geographic: false }],
      ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0', { priceKey: 'claude-sonnet-4-5', geographic: false }],
      ['arn:aws:bedrock:us-east-1:111122223333:inference-profile/apac.anthropic.claude-sonnet-4-5-20250929-v1:0', { priceKey: 'claude-sonnet-4-5', geographic: true }],
      ['amazon.nova-pro-v1:0', { priceKey: undefined, geographic: false }],
      [aip, { priceKey: undefined, geographic: false }],
      [aip, { priceKey: 'claude-sonnet-4-5', geographic: true }, new Map([[aip, 'us.anthropic.claude-sonnet-4-5-20250929-v1:0']])],
      [aip, { priceKey: 'claude-opus-4-5', geographic: false }, new Map([['abc123', 'anthropic.claude-opus-4-5-20251101-v1:0']])],
      [aip, { priceKey: undefined, geographic: false }, new Map([[aip, 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/other']])],
    ];
    for (const [recorded, expected, profiles] of cases) assert.deepEqual(identifyModel(recorded, profiles), expected, recorded);
  });

  it('finds the transcripts under the Claude config dir Claude Code itself uses', () => {
    assert.equal(transcriptProjectsDir({ homeDir: '/home/dev', env: {} }), path.join('/home/dev', '.claude', 'projects'));
    assert.equal(transcriptProjectsDir({ homeDir: '/home/dev', env: { CLAUDE_CONFIG_DIR: ' /opt/claude ' } }), path.join('/opt/claude', 'projects'));
    assert.equal(transcriptProjectsDir({ homeDir: '/home/dev', env: { CLAUDE_CONFIG_DIR: '~/cc' } }), path.join('/home/dev', 'cc', 'projects'));
    assert.equal(transcriptProjectsDir({ homeDir: '/home/dev', env: { CLAUDE_CONFIG_DIR: '~' } }), path.join('/home/dev', 'projects'));
    assert.equal(transcriptProjectsDir({ homeDir: '/home/dev', env: { CLAUDE_CONFIG_DIR: '/srv/~x' } }), path.join('/srv/~x', 'projects'));
    assert.equal(transcriptProjectsDir({ homeDir: '/home/dev', env: { CLAUDE_CONFIG_DIR: '~other/cc' } }), path.join('~other/cc', 'projects'));
    assert.equal(transcriptProjectsDir({ homeDir: '/home/dev', env: { CLAUDE_CONFIG_DIR: '  ' } }), path.join('/home/dev', '.claude', 'projects'));
  });

  describe('the model Claude Code is set to use', () => {
    let home: { home: string; remove: () => Promise<void> };
    beforeEach(async () => {
      home = await makeTempHome();
      await fs.mkdir(path.join(home.home, '.claude'), { recursive: true });
    });
    afterEach(async () => {
      await home.remove();
    });
    const withSettings = async (text: string | undefined): Promise<string | undefined> => {
      if (text !== undefined) await fs.writeFile(path.join(home.home, '.claude', 'settings.json'), text);
      return configuredClaudeModel({ homeDir: home.home, env: {} });
    };

    it('is env.ANTHROPIC_MODEL, trimmed, comments allowed', async () => {
      assert.equal(await withSettings('{\n  // set by configure\n  "env": { "ANTHROPIC_MODEL": "  arn:aip/abc " }\n}'), 'arn:aip/abc');
    });
    it('is nothing when the settings are missing, not an object, or have no usable model', async () => {
      assert.equal(await withSettings(undefined), undefined);
      for (const text of ['null', '"text"', '{}', '{"env": null}', '{"env": "x"}', '{"env": {"ANTHROPIC_MODEL": 5}}', '{"env": {"ANTHROPIC_MODEL": "   "}}']) assert.equal(await withSettings(text), undefined, text);
    });
  });
});
