import assert from 'node:assert/strict';
import { geographyOf, modelVersionKey, selectSourceProfiles, type SystemProfileSummary } from '../../../src/core/admin/sourceProfileSelection';

const system = (id: string, status = 'ACTIVE'): SystemProfileSummary => ({
  id,
  arn: `arn:aws:bedrock:us-east-1:111122223333:inference-profile/${id}`,
  modelArns: [`arn:aws:bedrock:us-east-1::foundation-model/${id.slice(id.indexOf('.') + 1)}`],
  status,
});

const LISTED = [
  system('us.anthropic.claude-3-5-haiku-20241022-v1:0'),
  system('us.anthropic.claude-haiku-4-5-20251001-v1:0'),
  system('us.anthropic.claude-sonnet-4-20250514-v1:0'),
  system('us.anthropic.claude-sonnet-4-5-20250929-v1:0'),
  system('us.anthropic.claude-sonnet-4-6'),
  system('us.anthropic.claude-opus-4-1-20250805-v1:0'),
  system('us.anthropic.claude-opus-4-9-20300101-v1:0', 'LEGACY'),
  system('eu.anthropic.claude-sonnet-4-5-20250929-v1:0'),
  system('global.anthropic.claude-opus-4-5-20251101-v1:0'),
  system('us.meta.llama3-70b-instruct-v1:0'),
];

describe('admin: which system profile each tier copies from', () => {
  it('orders Claude model ids by version, then release date', () => {
    assert.deepEqual(modelVersionKey('us.anthropic.claude-opus-4-1-20250805-v1:0'), [4, 1, 20250805, 1]);
    assert.deepEqual(modelVersionKey('us.anthropic.claude-3-5-haiku-20241022-v1:0'), [3, 5, 20241022, 1]);
    assert.deepEqual(modelVersionKey('us.anthropic.claude-sonnet-4-20250514-v1:0'), [4, 0, 20250514, 1]);
    assert.deepEqual(modelVersionKey('us.anthropic.claude-sonnet-4-6'), [4, 6, 0, 0]);
  });

  it('picks the newest active profile of the region’s geography per tier', () => {
    const { sources, problems } = selectSourceProfiles(LISTED, { region: 'us-east-1', tiers: ['opus', 'sonnet', 'haiku'] });
    assert.deepEqual(problems, []);
    assert.equal(sources.opus?.id, 'us.anthropic.claude-opus-4-1-20250805-v1:0', 'the LEGACY one is skipped');
    assert.equal(sources.sonnet?.id, 'us.anthropic.claude-sonnet-4-6');
    assert.equal(sources.haiku?.id, 'us.anthropic.claude-haiku-4-5-20251001-v1:0');
  });

  it('uses another geography when asked, and says which tiers it cannot serve', () => {
    assert.equal(geographyOf('eu-central-1'), 'eu');
    assert.equal(geographyOf('ap-northeast-1'), 'apac');
    assert.equal(geographyOf('us-gov-west-1'), 'us-gov');
    const eu = selectSourceProfiles(LISTED, { region: 'eu-west-1', tiers: ['sonnet', 'haiku'] });
    assert.equal(eu.sources.sonnet?.id, 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0');
    assert.deepEqual(eu.problems, ['no active eu. Claude haiku system-defined inference profile was found in eu-west-1; name one with --source-profile haiku=<id>']);
    const global = selectSourceProfiles(LISTED, { region: 'us-east-1', tiers: ['opus'], geography: 'global' });
    assert.equal(global.sources.opus?.id, 'global.anthropic.claude-opus-4-5-20251101-v1:0');
  });

  it('takes explicit ids, ARNs and foundation-model ARNs, and refuses unknown ones', () => {
    const older = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
    const fm = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0';
    const result = selectSourceProfiles(LISTED, {
      region: 'us-east-1',
      tiers: ['opus', 'sonnet', 'haiku'],
      explicit: { sonnet: older, haiku: fm, opus: 'us.anthropic.claude-opus-9' },
    });
    assert.equal(result.sources.sonnet?.id, older);
    assert.deepEqual(result.sources.haiku, { id: 'anthropic.claude-3-5-haiku-20241022-v1:0', arn: fm, modelArns: [fm] });
    assert.deepEqual(result.problems, ['the opus source "us.anthropic.claude-opus-9" is not a system-defined inference profile in us-east-1 (nor a foundation-model ARN)']);
    const byArn = selectSourceProfiles(LISTED, { region: 'us-east-1', tiers: ['sonnet'], explicit: { sonnet: system(older).arn } });
    assert.equal(byArn.sources.sonnet?.id, older);
  });
});
