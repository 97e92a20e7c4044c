import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  claudeSettingsBackupPath,
  planClaudeSettingsFile,
  readClaudeSettings,
  SETTINGS_READ_ONLY_CODE,
  writeClaudeSettings,
} from '../../../src/core/claudeSettings/settingsFile';
import { planClaudeSettings, type DesiredClaudeSettings } from '../../../src/core/claudeSettings/settingsPlan';
import { INVALID_SETTINGS_CODE } from '../../../src/core/claudeSettings/settingsDocument';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';
import { makeTempHome, testEnvironment } from '../../support/tempHome';

const SONNET = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/sonnet111111';
const OPUS = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/opus22222222';
const HAIKU = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/haiku3333333';

function desired(overrides: Partial<DesiredClaudeSettings> = {}): DesiredClaudeSettings {
  return {
    awsProfile: 'claude-code',
    awsRegion: 'us-east-1',
    primaryModelArn: SONNET,
    tierModels: { opus: OPUS, sonnet: SONNET, haiku: HAIKU },
    awsAuthRefresh: 'aws sso login --profile claude-code',
    ...overrides,
  };
}

const OURS_IN_ENV = [
  'CLAUDE_CODE_USE_BEDROCK',
  'AWS_REGION',
  'AWS_PROFILE',
  'ANTHROPIC_MODEL',
  'ANTHROPIC_DEFAULT_OPUS_MODEL',
  'ANTHROPIC_DEFAULT_SONNET_MODEL',
  'ANTHROPIC_DEFAULT_HAIKU_MODEL',
];

describe('Claude Code settings merge', () => {
  let home: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ home, remove } = await makeTempHome('claude-settings-'));
  });
  afterEach(async () => {
    await remove();
  });

  const settingsPath = (): string => path.join(home, '.claude', 'settings.json');
  async function seed(text: string, mode?: number): Promise<void> {
    await fs.mkdir(path.dirname(settingsPath()), { recursive: true });
    await fs.writeFile(settingsPath(), text, mode === undefined ? {} : { mode });
  }
  async function configure(choice: DesiredClaudeSettings = desired(), env: Record<string, string> = {}): Promise<{ written: boolean; backupPath?: string }> {
    const environment = testEnvironment(home, { env });
    return writeClaudeSettings(environment, await planClaudeSettingsFile(environment, choice));
  }

  it('creates the file with every Bedrock key Claude Code reads, private to the user', async () => {
    const outcome = await configure();
    assert.equal(outcome.written, true);
    assert.equal(outcome.backupPath, undefined, 'no backup of a file that did not exist');
    const written = JSON.parse(await fs.readFile(settingsPath(), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(written, {
      env: {
        CLAUDE_CODE_USE_BEDROCK: '1',
        AWS_REGION: 'us-east-1',
        AWS_PROFILE: 'claude-code',
        ANTHROPIC_MODEL: SONNET,
        ANTHROPIC_DEFAULT_OPUS_MODEL: OPUS,
        ANTHROPIC_DEFAULT_SONNET_MODEL: SONNET,
        ANTHROPIC_DEFAULT_HAIKU_MODEL: HAIKU,
      },
      awsAuthRefresh: 'aws sso login --profile claude-code',
    });
    if (process.platform !== 'win32') assert.equal((await fs.stat(settingsPath())).mode & 0o777, 0o600);
  });

  it('keeps unrelated keys, their order, 4-space indentation and an env with other variables', async () => {
    const before = '{\n    "theme": "dark",\n    "env": {\n        "EDITOR": "vim",\n        "HTTPS_PROXY": "http://proxy:3128"\n    },\n    "permissions": {\n        "allow": ["Bash(ls:*)"]\n    }\n}\n';
    await seed(before);
    const outcome = await configure();
    assert.equal(outcome.backupPath, claudeSettingsBackupPath(settingsPath()));
    assert.equal(await fs.readFile(claudeSettingsBackupPath(settingsPath()), 'utf8'), before, 'one backup holds the previous content');
    const after = await fs.readFile(settingsPath(), 'utf8');
    const parsed = JSON.parse(after) as { env: Record<string, string>; permissions: unknown; theme: string };
    assert.deepEqual(Object.keys(parsed), ['theme', 'env', 'permissions', 'awsAuthRefresh']);
    assert.deepEqual(Object.keys(parsed.env).slice(0, 2), ['EDITOR', 'HTTPS_PROXY']);
    assert.equal(parsed.env['HTTPS_PROXY'], 'http://proxy:3128');
    assert.deepEqual(parsed.permissions, { allow: ['Bash(ls:*)'] });
    assert.ok(after.includes('\n        "AWS_PROFILE": "claude-code"'), 'env entries indented by 8 spaces');
    assert.ok(after.includes('\n    "awsAuthRefresh": '), 'top-level keys indented by 4 spaces');
    assert.ok(after.includes('"allow": ["Bash(ls:*)"]'), 'untouched lines keep their exact text');
    assert.ok(after.endsWith('}\n'));
  });

  it('re-running with the same choices changes no byte and writes nothing', async () => {
    await seed('{\n  "model": "opus"\n}\n');
    assert.equal((await configure()).written, true);
    const first = await fs.readFile(settingsPath(), 'utf8');
    const stat = await fs.stat(settingsPath());
    const environment = testEnvironment(home);
    const plan = await planClaudeSettingsFile(environment, desired());
    assert.equal(plan.changed, false);
    assert.equal(plan.diff, '');
    assert.equal((await writeClaudeSettings(environment, plan)).written, false);
    assert.equal(await fs.readFile(settingsPath(), 'utf8'), first);
    assert.equal((await fs.stat(settingsPath())).mtimeMs, stat.mtimeMs);
  });

  it('the diff preview shows the added keys before anything is written', async () => {
    await seed('{\n  "env": { "EDITOR": "vim" }\n}\n');
    const plan = await planClaudeSettingsFile(testEnvironment(home), desired());
    assert.match(plan.diff, /^--- .*settings\.json\n\+\+\+ .*settings\.json\n@@ /);
    assert.match(plan.diff, /^\+.*"ANTHROPIC_DEFAULT_HAIKU_MODEL": ".*haiku3333333"/m);
    assert.match(plan.diff, /^\+.*"awsAuthRefresh"/m);
    assert.deepEqual([...plan.changedKeys].sort(), [...OURS_IN_ENV.map((n) => `env.${n}`), 'awsAuthRefresh'].sort());
    assert.equal(await fs.readFile(settingsPath(), 'utf8'), '{\n  "env": { "EDITOR": "vim" }\n}\n', 'planning writes nothing');
  });

  it('invalid JSON is never overwritten: the error names the file and the line', async () => {
    const broken = '{\n  "theme": "dark",\n  "env": { "A": "1" \n}\n';
    await seed(broken);
    await assert.rejects(planClaudeSettingsFile(testEnvironment(home), desired()), (error: unknown) => {
      assert.ok(isUserFacingError(error));
      assert.equal(error.code, INVALID_SETTINGS_CODE);
      assert.ok(error.message.includes(settingsPath()));
      assert.match(error.message, /line \d+, column \d+/);
      assert.match(error.message, /left as it is/);
      return true;
    });
    const snapshot = await readClaudeSettings(testEnvironment(home));
    assert.equal(snapshot.status, 'invalid');
    assert.equal(await fs.readFile(settingsPath(), 'utf8'), broken);
    await assert.rejects(fs.stat(claudeSettingsBackupPath(settingsPath())), { code: 'ENOENT' });
  });

  it('a read-only file is left as it is, with a sentence saying how to make it writable', async () => {
    const before = '{ "theme": "dark" }\n';
    await seed(before, 0o444);
    const environment = testEnvironment(home);
    const plan = await planClaudeSettingsFile(environment, desired());
    await assert.rejects(writeClaudeSettings(environment, plan), (error: unknown) => {
      assert.ok(isUserFacingError(error));
      assert.equal(error.code, SETTINGS_READ_ONLY_CODE);
      assert.match(error.message, /is read-only, so it was left as it is/);
      return true;
    });
    assert.equal(await fs.readFile(settingsPath(), 'utf8'), before);
  });

  it('a file changed after the preview is not overwritten', async () => {
    await seed('{}\n');
    const environment = testEnvironment(home);
    const plan = await planClaudeSettingsFile(environment, desired());
    await fs.writeFile(settingsPath(), '{ "edited": true }\n');
    await assert.rejects(writeClaudeSettings(environment, plan), /changed after the proposed change was prepared/);
    assert.equal(await fs.readFile(settingsPath(), 'utf8'), '{ "edited": true }\n');
  });

  it('honours CLAUDE_CONFIG_DIR and leaves ~/.claude alone', async () => {
    const configDir = path.join(home, 'elsewhere', 'claude');
    await configure(desired(), { CLAUDE_CONFIG_DIR: configDir });
    const written = JSON.parse(await fs.readFile(path.join(configDir, 'settings.json'), 'utf8')) as { env: Record<string, string> };
    assert.equal(written.env['ANTHROPIC_MODEL'], SONNET);
    await assert.rejects(fs.stat(path.join(home, '.claude')), { code: 'ENOENT' });
  });

  it('a tier without a profile gets no key, and a tier key we wrote earlier is removed; one the user wrote stays', async () => {
    await configure();
    await configure(desired({ tierModels: { sonnet: SONNET } }));
    let env = (JSON.parse(await fs.readFile(settingsPath(), 'utf8')) as { env: Record<string, string> }).env;
    assert.equal(env['ANTHROPIC_DEFAULT_OPUS_MODEL'], undefined);
    assert.equal(env['ANTHROPIC_DEFAULT_HAIKU_MODEL'], undefined);

    const text = await fs.readFile(settingsPath(), 'utf8');
    await fs.writeFile(settingsPath(), text.replace('"ANTHROPIC_MODEL"', '"ANTHROPIC_DEFAULT_HAIKU_MODEL": "my-own-haiku",\n    "ANTHROPIC_MODEL"'));
    const plan = await planClaudeSettingsFile(testEnvironment(home), desired({ tierModels: { sonnet: SONNET } }));
    assert.deepEqual(plan.keptStaleKeys, ['env.ANTHROPIC_DEFAULT_HAIKU_MODEL']);
    await writeClaudeSettings(testEnvironment(home), plan);
    env = (JSON.parse(await fs.readFile(settingsPath(), 'utf8')) as { env: Record<string, string> }).env;
    assert.equal(env['ANTHROPIC_DEFAULT_HAIKU_MODEL'], 'my-own-haiku');
  });

  it('writes ANTHROPIC_DEFAULT_FABLE_MODEL and each pinned tier\'s /model label, and removes a label we wrote with its tier', async () => {
    const FABLE = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/fable4444444';
    const label = (name: string) => ({ name: `${name} (your profile)`, description: `Your inference profile ${name} in us-east-1; its use is billed to you.` });
    await configure(desired({ tierModels: { sonnet: SONNET, fable: FABLE }, tierLabels: { sonnet: label('Sonnet 4.5'), fable: label('Fable 5.2') } }));
    let env = (JSON.parse(await fs.readFile(settingsPath(), 'utf8')) as { env: Record<string, string> }).env;
    assert.equal(env['ANTHROPIC_DEFAULT_FABLE_MODEL'], FABLE);
    assert.equal(env['ANTHROPIC_DEFAULT_FABLE_MODEL_NAME'], 'Fable 5.2 (your profile)');
    assert.equal(env['ANTHROPIC_DEFAULT_SONNET_MODEL_NAME'], 'Sonnet 4.5 (your profile)');
    assert.match(env['ANTHROPIC_DEFAULT_FABLE_MODEL_DESCRIPTION'] ?? '', /^Your inference profile/);

    await configure(desired({ tierModels: { sonnet: SONNET }, tierLabels: { sonnet: label('Sonnet 4.5') } }));
    env = (JSON.parse(await fs.readFile(settingsPath(), 'utf8')) as { env: Record<string, string> }).env;
    assert.deepEqual(Object.keys(env).filter((key) => key.includes('FABLE')), [], 'the Fable model and its label go together');
    assert.equal(env['ANTHROPIC_DEFAULT_SONNET_MODEL_NAME'], 'Sonnet 4.5 (your profile)');
  });

  it('the diff masks credential-looking values the user keeps in env', async () => {
    await seed('{\n  "env": {\n    "GITHUB_TOKEN": "ghp_secretvalue123",\n    "EDITOR": "vim"\n  }\n}\n');
    const plan = await planClaudeSettingsFile(testEnvironment(home), desired());
    assert.ok(!plan.diff.includes('ghp_secretvalue123'), plan.diff);
  });
});

describe('Claude Code settings merge: property', () => {
  const key = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['env', 'awsAuthRefresh', '__proto__'].includes(k));
  const envName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,15}$/).filter((n) => !OURS_IN_ENV.includes(n));
  const leaf = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }));
  const arn = fc.stringMatching(/^[a-z0-9]{12}$/).map((id) => `arn:aws:bedrock:us-west-2:111122223333:application-inference-profile/${id}`);
  const choice = fc.record({
    awsProfile: fc.constantFrom('claude-code', 'work', 'dev team'),
    awsRegion: fc.constantFrom('us-east-1', 'us-west-2', 'eu-west-1'),
    primaryModelArn: arn,
    tierModels: fc.record({ opus: arn, sonnet: arn, haiku: arn }, { requiredKeys: [] }),
    awsAuthRefresh: fc.constantFrom('aws sso login --profile claude-code', 'bedrock-onboard login --profile work'),
  });

  it('keys we do not own survive any sequence of writes unchanged, whatever the indentation', () => {
    fc.assert(
      fc.property(
        fc.dictionary(key, leaf, { maxKeys: 6 }),
        fc.dictionary(envName, fc.string({ maxLength: 20 }), { maxKeys: 5 }),
        fc.constantFrom(2, 4, '\t'),
        fc.array(choice, { minLength: 1, maxLength: 5 }),
        (others, otherEnv, indent, choices) => {
          let text: string | undefined = JSON.stringify({ ...others, env: otherEnv }, null, indent) + '\n';
          let previouslyWritten: Readonly<Record<string, string>> = {};
          for (const c of choices) {
            const plan = planClaudeSettings(text, c, { previouslyWritten });
            text = plan.after;
            previouslyWritten = plan.writtenAfter;
            const parsed = JSON.parse(text) as Record<string, unknown> & { env: Record<string, string> };
            for (const [k, v] of Object.entries(others)) assert.deepEqual(parsed[k], v);
            for (const [k, v] of Object.entries(otherEnv)) assert.equal(parsed.env[k], v);
            assert.equal(parsed.env['ANTHROPIC_MODEL'], c.primaryModelArn);
            assert.equal(parsed.env['AWS_REGION'], c.awsRegion);
            for (const tier of ['opus', 'sonnet', 'haiku'] as const) {
              assert.equal(parsed.env[`ANTHROPIC_DEFAULT_${tier.toUpperCase()}_MODEL`], c.tierModels[tier]);
            }
            assert.equal(planClaudeSettings(text, c, { previouslyWritten }).changed, false, 'idempotent');
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
