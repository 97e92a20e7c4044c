import assert from 'node:assert/strict';
import { CLAUDE_TIERS, isClaudeTier, tierModelDescriptionEnvName, tierModelEnvName, tierModelNameEnvName } from '../../../src/core/claudeTiers/claudeTiers';
import { modelDisplayName, tierModelLabel } from '../../../src/core/claudeSettings/tierModelLabels';
import { tierOfModel, tierOfProfile } from '../../../src/core/discovery/modelTier';
import { CURRENT_CLAUDE_SYSTEM_PROFILES } from '../../emulator/catalog';

/** Every model id Claude Code 2.1.332 can use as a tier, with the tier and `/model` name it must get. */
const MODELS: readonly (readonly [id: string, tier: string, display: string])[] = [
  ['claude-fable-5', 'fable', 'Fable 5'],
  ['claude-fable-5-1', 'fable', 'Fable 5.1'],
  ['claude-fable-5-2', 'fable', 'Fable 5.2'],
  ['claude-opus-5', 'opus', 'Opus 5'],
  ['claude-opus-5-5', 'opus', 'Opus 5.5'],
  ['claude-sonnet-5', 'sonnet', 'Sonnet 5'],
  ['claude-sonnet-5-5', 'sonnet', 'Sonnet 5.5'],
  ['claude-haiku-5-5', 'haiku', 'Haiku 5.5'],
  ['claude-opus-4-8', 'opus', 'Opus 4.8'],
  ['claude-opus-4-7', 'opus', 'Opus 4.7'],
  ['claude-opus-4-6', 'opus', 'Opus 4.6'],
  ['claude-opus-4-5-20251101', 'opus', 'Opus 4.5'],
  ['claude-opus-4-1-20250805', 'opus', 'Opus 4.1'],
  ['claude-opus-4-20250514', 'opus', 'Opus 4'],
  ['claude-sonnet-4-6', 'sonnet', 'Sonnet 4.6'],
  ['claude-sonnet-4-5-20250929', 'sonnet', 'Sonnet 4.5'],
  ['claude-sonnet-4-20250514', 'sonnet', 'Sonnet 4'],
  ['claude-haiku-4-5-20251001', 'haiku', 'Haiku 4.5'],
  ['claude-3-7-sonnet-20250219', 'sonnet', 'Sonnet 3.7'],
  ['claude-3-5-haiku-20241022', 'haiku', 'Haiku 3.5'],
];

/** The spellings Bedrock and Claude Code use for one model: bare, provider-prefixed, region-prefixed, versioned, as ARNs. */
function spellings(id: string): string[] {
  const bedrock = [`anthropic.${id}`, `anthropic.${id}-v1:0`, `anthropic.${id}-v1`, `anthropic.${id}-v2:0`];
  const prefixed = ['us.', 'eu.', 'apac.', 'jp.', 'global.'].flatMap((geo) => bedrock.map((b) => `${geo}${b}`));
  return [
    id,
    `${id}[1m]`,
    ...bedrock,
    ...prefixed,
    ...bedrock.map((b) => `arn:aws:bedrock:us-east-1::foundation-model/${b}`),
    ...prefixed.map((p) => `arn:aws:bedrock:eu-west-1:111122223333:inference-profile/${p}`),
  ];
}

describe('Claude tiers (as data) and tier parsing of every model id Claude Code 2.1.332 knows', () => {
  it('has the four tiers Claude Code knows, with its variable names', () => {
    assert.deepEqual(CLAUDE_TIERS, ['opus', 'sonnet', 'haiku', 'fable']);
    assert.equal(tierModelEnvName('fable'), 'ANTHROPIC_DEFAULT_FABLE_MODEL');
    assert.equal(tierModelNameEnvName('fable'), 'ANTHROPIC_DEFAULT_FABLE_MODEL_NAME');
    assert.equal(tierModelDescriptionEnvName('haiku'), 'ANTHROPIC_DEFAULT_HAIKU_MODEL_DESCRIPTION');
    assert.ok(isClaudeTier('fable'));
    assert.ok(!isClaudeTier('mythos'), 'Claude Code has no ANTHROPIC_DEFAULT_MYTHOS_MODEL');
  });

  for (const [id, tier, display] of MODELS) {
    it(`${id}: ${tier} under every region prefix and Bedrock suffix, shown as "${display}"`, () => {
      for (const spelling of spellings(id)) {
        assert.equal(tierOfModel(spelling), tier, spelling);
        assert.equal(tierOfProfile([spelling], 'a-misleading-haiku-name'), tier, spelling);
        assert.equal(modelDisplayName(spelling), display, spelling);
      }
    });
  }

  it('leaves models that are no Claude Code tier as other', () => {
    for (const id of ['anthropic.claude-mythos-5', 'us.anthropic.claude-mythos-5-2', 'amazon.nova-pro-v1:0', 'anthropic.claude-instant-v1', 'meta.llama3-70b-instruct-v1:0', 'claude-fabled-5']) {
      assert.equal(tierOfModel(id), 'other', id);
    }
  });

  it('classifies each current system profile of the emulator catalog by its models', () => {
    for (const profile of CURRENT_CLAUDE_SYSTEM_PROFILES) {
      const expected = MODELS.find(([id]) => profile.modelId === `anthropic.${id}`)?.[1];
      assert.equal(tierOfProfile(profile.modelRegions.map((region) => `arn:aws:bedrock:${region}::foundation-model/${profile.modelId}`)), expected, profile.id);
    }
  });

  it('labels a pinned profile with the model behind it and says it is the developer\'s own', () => {
    const label = tierModelLabel('fable', { name: 'claude-fable-alice', region: 'us-east-1', modelArns: ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-fable-5-2'] });
    assert.deepEqual(label, { name: 'Fable 5.2 (your profile)', description: 'Your inference profile claude-fable-alice in us-east-1; its use is billed to you.' });
    assert.equal(tierModelLabel('opus', { name: 'p', region: 'us-east-1', modelArns: [] }).name, 'Opus (your profile)');
  });
});
