import assert from 'node:assert/strict';
import { planClaudeSettings, type DesiredClaudeSettings } from '../../../src/core/claudeSettings/settingsPlan';
import { settingsForSelection } from '../../../src/core/claudeSettings/settingsForSelection';
import { modelDisplayName, tierModelLabel } from '../../../src/core/claudeSettings/tierModelLabels';
import type { ProfileSelection } from '../../../src/core/discovery/selectProfiles';

const SONNET = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/sonnet111111';
const HAIKU = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/haiku3333333';

function desired(overrides: Partial<DesiredClaudeSettings> = {}): DesiredClaudeSettings {
  return { awsProfile: 'p', awsRegion: 'us-east-1', primaryModelArn: SONNET, tierModels: {}, awsAuthRefresh: 'aws sso login --profile p', ...overrides };
}

const OURS = { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', AWS_PROFILE: 'p', ANTHROPIC_MODEL: SONNET };

describe('planning the Claude Code settings change', () => {
  it('writes a new file as Claude Code would, and calls it settings.json when no path is given', () => {
    const plan = planClaudeSettings(undefined, desired());
    const expected = `{\n  "env": {\n    "CLAUDE_CODE_USE_BEDROCK": "1",\n    "AWS_REGION": "us-east-1",\n    "AWS_PROFILE": "p",\n    "ANTHROPIC_MODEL": "${SONNET}"\n  },\n  "awsAuthRefresh": "aws sso login --profile p"\n}\n`;
    assert.equal(plan.after, expected);
    assert.equal(plan.before, undefined);
    assert.equal(plan.filePath, 'settings.json');
    assert.equal(plan.changed, true);
    assert.ok(plan.diff.startsWith('--- /dev/null\n+++ settings.json\n@@ -0,0 +1,9 @@\n+{\n'), plan.diff);
    assert.deepEqual(plan.changes, [
      { key: 'env.CLAUDE_CODE_USE_BEDROCK', action: 'add' },
      { key: 'env.AWS_REGION', action: 'add' },
      { key: 'env.AWS_PROFILE', action: 'add' },
      { key: 'env.ANTHROPIC_MODEL', action: 'add' },
      { key: 'awsAuthRefresh', action: 'add' },
    ]);
    assert.deepEqual(plan.writtenAfter, { 'env.CLAUDE_CODE_USE_BEDROCK': '1', 'env.AWS_REGION': 'us-east-1', 'env.AWS_PROFILE': 'p', 'env.ANTHROPIC_MODEL': SONNET, awsAuthRefresh: 'aws sso login --profile p' });
    assert.deepEqual(plan.keptStaleKeys, []);
  });

  it('fills an empty or blank file, keeping its line ending and byte order mark', () => {
    const fromEmpty = planClaudeSettings('', desired(), { filePath: '/x/settings.json' });
    assert.equal(fromEmpty.after, planClaudeSettings(undefined, desired()).after);
    assert.ok(fromEmpty.diff.startsWith('--- /x/settings.json\n+++ /x/settings.json\n'), fromEmpty.diff);
    const crlf = planClaudeSettings(' \r\n', desired());
    assert.ok(crlf.after.startsWith('{\r\n  "env": {\r\n    "CLAUDE_CODE_USE_BEDROCK": "1",\r\n'), JSON.stringify(crlf.after));
    assert.ok(crlf.after.endsWith('}\r\n'));
    const bom = planClaudeSettings('\uFEFF', desired());
    assert.equal(bom.after, `\uFEFF${planClaudeSettings(undefined, desired()).after}`);
    assert.equal(bom.before, '\uFEFF');
  });

  it('edits after a byte order mark and keeps it; the same choices again change nothing', () => {
    const text = `\uFEFF{\n  "theme": "dark"\n}\n`;
    const first = planClaudeSettings(text, desired());
    assert.ok(first.after.startsWith('\uFEFF{\n  "theme": "dark",\n  "env": {'), JSON.stringify(first.after));
    const again = planClaudeSettings(first.after, desired(), { previouslyWritten: first.writtenAfter });
    assert.equal(again.changed, false);
    assert.equal(again.after, first.after);
    assert.equal(again.diff, '');
    assert.deepEqual(again.changes, []);
    assert.deepEqual(again.writtenAfter, first.writtenAfter, 'still ours');
  });

  it('updates a wrong or non-string value of ours, and owns a matching value only if it wrote it before', () => {
    const text = JSON.stringify({ env: { ...OURS, AWS_REGION: 'eu-west-1', AWS_PROFILE: 7 }, awsAuthRefresh: 'aws sso login --profile p' }, null, 2);
    const plan = planClaudeSettings(text, desired(), { previouslyWritten: { 'env.ANTHROPIC_MODEL': SONNET, 'env.CLAUDE_CODE_USE_BEDROCK': 'something else' } });
    assert.deepEqual(plan.changes, [
      { key: 'env.AWS_REGION', action: 'update' },
      { key: 'env.AWS_PROFILE', action: 'update' },
    ]);
    assert.deepEqual(plan.writtenAfter, { 'env.AWS_REGION': 'us-east-1', 'env.AWS_PROFILE': 'p', 'env.ANTHROPIC_MODEL': SONNET });
    assert.deepEqual(JSON.parse(plan.after), { env: OURS, awsAuthRefresh: 'aws sso login --profile p' });
  });

  it('writes each pinned tier with its label, in table order, and nothing for a tier without a profile', () => {
    const label = { name: 'Haiku 4.5 (your profile)', description: 'Your inference profile h in us-east-1; its use is billed to you.' };
    const plan = planClaudeSettings(undefined, desired({ tierModels: { haiku: HAIKU, sonnet: SONNET }, tierLabels: { haiku: label } }));
    const env = (JSON.parse(plan.after) as { env: Record<string, string> }).env;
    assert.deepEqual(Object.keys(env), [
      'CLAUDE_CODE_USE_BEDROCK',
      'AWS_REGION',
      'AWS_PROFILE',
      'ANTHROPIC_MODEL',
      'ANTHROPIC_DEFAULT_SONNET_MODEL',
      'ANTHROPIC_DEFAULT_HAIKU_MODEL',
      'ANTHROPIC_DEFAULT_HAIKU_MODEL_NAME',
      'ANTHROPIC_DEFAULT_HAIKU_MODEL_DESCRIPTION',
    ]);
    assert.equal(env['ANTHROPIC_DEFAULT_HAIKU_MODEL_NAME'], label.name);
    assert.equal(env['ANTHROPIC_DEFAULT_HAIKU_MODEL_DESCRIPTION'], label.description);
  });

  it('removes a stale tier key we wrote, keeps one edited since or not a string, and lists those kept', () => {
    const text = JSON.stringify(
      {
        env: {
          ...OURS,
          ANTHROPIC_DEFAULT_OPUS_MODEL: 'ours',
          ANTHROPIC_DEFAULT_OPUS_MODEL_NAME: 'edited',
          ANTHROPIC_DEFAULT_HAIKU_MODEL: 5,
          ANTHROPIC_DEFAULT_FABLE_MODEL_DESCRIPTION: 'ours too',
        },
        awsAuthRefresh: 'aws sso login --profile p',
      },
      null,
      2,
    );
    const previouslyWritten = {
      'env.ANTHROPIC_DEFAULT_OPUS_MODEL': 'ours',
      'env.ANTHROPIC_DEFAULT_OPUS_MODEL_NAME': 'as written',
      'env.ANTHROPIC_DEFAULT_HAIKU_MODEL': '5',
      'env.ANTHROPIC_DEFAULT_FABLE_MODEL_DESCRIPTION': 'ours too',
    };
    const plan = planClaudeSettings(text, desired(), { previouslyWritten });
    assert.deepEqual(plan.changes, [
      { key: 'env.ANTHROPIC_DEFAULT_OPUS_MODEL', action: 'remove' },
      { key: 'env.ANTHROPIC_DEFAULT_FABLE_MODEL_DESCRIPTION', action: 'remove' },
    ]);
    assert.deepEqual(plan.changedKeys, ['env.ANTHROPIC_DEFAULT_OPUS_MODEL', 'env.ANTHROPIC_DEFAULT_FABLE_MODEL_DESCRIPTION']);
    assert.deepEqual(plan.keptStaleKeys, ['env.ANTHROPIC_DEFAULT_OPUS_MODEL_NAME', 'env.ANTHROPIC_DEFAULT_HAIKU_MODEL']);
    const env = (JSON.parse(plan.after) as { env: Record<string, unknown> }).env;
    assert.deepEqual(env, { ...OURS, ANTHROPIC_DEFAULT_OPUS_MODEL_NAME: 'edited', ANTHROPIC_DEFAULT_HAIKU_MODEL: 5 });
    assert.deepEqual(plan.writtenAfter, {}, 'nothing of ours was written or already ours');
  });

  it('keeps a stale tier key whose value is an object or array the user wrote, with nothing recorded for it', () => {
    // Such values have no string to compare with the record, so they can never look like ours.
    const text = JSON.stringify({ env: { ...OURS, ANTHROPIC_DEFAULT_OPUS_MODEL: { arn: 'x' }, ANTHROPIC_DEFAULT_HAIKU_MODEL: ['y'] }, awsAuthRefresh: 'aws sso login --profile p' });
    const plan = planClaudeSettings(text, desired());
    assert.equal(plan.changed, false);
    assert.deepEqual(plan.keptStaleKeys, ['env.ANTHROPIC_DEFAULT_OPUS_MODEL', 'env.ANTHROPIC_DEFAULT_HAIKU_MODEL']);
  });

  it('removing the first key of env leaves the next one on its own line, in the file\'s indentation', () => {
    const text = '{\n    "env": {\n        "ANTHROPIC_DEFAULT_OPUS_MODEL": "old",\n        "EDITOR": "vim"\n    }\n}\n';
    const plan = planClaudeSettings(text, desired(), { previouslyWritten: { 'env.ANTHROPIC_DEFAULT_OPUS_MODEL': 'old' } });
    assert.equal(
      plan.after,
      `{\n    "env": {\n        "EDITOR": "vim",\n        "CLAUDE_CODE_USE_BEDROCK": "1",\n        "AWS_REGION": "us-east-1",\n        "AWS_PROFILE": "p",\n        "ANTHROPIC_MODEL": "${SONNET}"\n    },\n    "awsAuthRefresh": "aws sso login --profile p"\n}\n`,
    );
  });

  it('keeps a desired tier key that is already right, and does not count it stale', () => {
    const text = JSON.stringify({ env: { ...OURS, ANTHROPIC_DEFAULT_HAIKU_MODEL: HAIKU }, awsAuthRefresh: 'aws sso login --profile p' });
    const plan = planClaudeSettings(text, desired({ tierModels: { haiku: HAIKU } }), { previouslyWritten: { 'env.ANTHROPIC_DEFAULT_HAIKU_MODEL': HAIKU } });
    assert.equal(plan.changed, false);
    assert.deepEqual(plan.keptStaleKeys, []);
    assert.deepEqual(plan.writtenAfter, { 'env.ANTHROPIC_DEFAULT_HAIKU_MODEL': HAIKU });
  });

  it('masks credential-looking values in the diff, context lines included', () => {
    const text = '{\n  "env": {\n    "GITHUB_TOKEN": "ghp_secretvalue123",\n    "EDITOR": "vim"\n  }\n}\n';
    const plan = planClaudeSettings(text, desired(), { filePath: 'f' });
    assert.ok(plan.diff.startsWith('--- f\n+++ f\n@@ -1,6 +1,11 @@\n {\n   "env": {\n     "GITHUB_TOKEN": "«redacted»",\n-    "EDITOR": "vim"\n'), plan.diff);
    assert.ok(plan.after.includes('ghp_secretvalue123'), 'the file itself keeps the value');
  });
});

describe('settingsForSelection', () => {
  it('takes the region, the primary profile and one labelled key per tier that has a profile', () => {
    const candidate = (name: string, arn: string, model: string) => ({ name, arn, region: 'eu-west-1', modelArns: [`arn:aws:bedrock:eu-west-1::foundation-model/${model}`] });
    const selection = {
      kind: 'selected',
      region: 'eu-west-1',
      primary: candidate('claude-sonnet-dev', SONNET, 'anthropic.claude-sonnet-4-5-20250929-v1:0'),
      byTier: { sonnet: candidate('claude-sonnet-dev', SONNET, 'anthropic.claude-sonnet-4-5-20250929-v1:0'), haiku: candidate('claude-haiku-dev', HAIKU, 'anthropic.claude-haiku-4-5-20251001-v1:0') },
    } as unknown as Extract<ProfileSelection, { kind: 'selected' }>;
    assert.deepEqual(settingsForSelection(selection, 'dev', 'aws sso login --profile dev'), {
      awsProfile: 'dev',
      awsRegion: 'eu-west-1',
      primaryModelArn: SONNET,
      tierModels: { sonnet: SONNET, haiku: HAIKU },
      tierLabels: {
        sonnet: { name: 'Sonnet 4.5 (your profile)', description: 'Your inference profile claude-sonnet-dev in eu-west-1; its use is billed to you.' },
        haiku: { name: 'Haiku 4.5 (your profile)', description: 'Your inference profile claude-haiku-dev in eu-west-1; its use is billed to you.' },
      },
      awsAuthRefresh: 'aws sso login --profile dev',
    });
  });
});

describe('tier model labels', () => {
  it('name the first Claude model of a profile, whatever comes before it', () => {
    const modelArns = ['arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0', 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0', 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0'];
    assert.deepEqual(tierModelLabel('haiku', { name: 'h', region: 'us-west-2', modelArns }), { name: 'Haiku 3.5 (your profile)', description: 'Your inference profile h in us-west-2; its use is billed to you.' });
    assert.equal(tierModelLabel('sonnet', { name: 's', region: 'us-west-2', modelArns: modelArns.slice(0, 1) }).name, 'Sonnet (your profile)', 'the tier when no model is known');
    assert.equal(modelDisplayName('amazon.nova-pro-v1:0'), undefined);
    assert.equal(modelDisplayName('anthropic.claude-opus-4-1-20250805-v1:0'), 'Opus 4.1');
  });
});
