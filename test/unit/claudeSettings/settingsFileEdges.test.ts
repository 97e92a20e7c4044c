import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import {
  claudeSettingsBackupPath,
  planClaudeSettingsFile,
  readClaudeSettings,
  SETTINGS_CHANGED_CODE,
  SETTINGS_WRITE_FAILED_CODE,
  writeClaudeSettings,
} from '../../../src/core/claudeSettings/settingsFile';
import { planClaudeSettings, type DesiredClaudeSettings } from '../../../src/core/claudeSettings/settingsPlan';
import { readWrittenValues, saveWrittenValues, writtenValuesRecordPath } from '../../../src/core/claudeSettings/writtenValuesRecord';
import type { Logger } from '../../../src/core/runtime/logger';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';
import { makeTempHome, testEnvironment } from '../../support/tempHome';

const SONNET = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/sonnet111111';

function desired(overrides: Partial<DesiredClaudeSettings> = {}): DesiredClaudeSettings {
  return { awsProfile: 'claude-code', awsRegion: 'us-east-1', primaryModelArn: SONNET, tierModels: {}, awsAuthRefresh: 'aws sso login --profile claude-code', ...overrides };
}

function recordingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { lines, trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('Claude Code settings file: reading, writing and the record of what we wrote', () => {
  let home: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ home, remove } = await makeTempHome('claude-settings-edges-'));
  });
  afterEach(async () => {
    await remove();
  });
  const settingsPath = (): string => path.join(home, '.claude', 'settings.json');
  async function seed(text: string): Promise<void> {
    await fs.mkdir(path.dirname(settingsPath()), { recursive: true });
    await fs.writeFile(settingsPath(), text);
  }

  describe('readClaudeSettings', () => {
    it('reports string env values, withholds credential-looking ones by name, and reads awsAuthRefresh', async () => {
      await seed('\uFEFF{\n  "env": { "AWS_PROFILE": "dev", "GITHUB_TOKEN": "ghp_x", "DEBUG": 1, "NESTED": { "a": "b" } },\n  "awsAuthRefresh": "aws sso login --profile dev"\n}\n');
      assert.deepEqual(await readClaudeSettings(testEnvironment(home)), {
        status: 'ok',
        filePath: settingsPath(),
        env: { AWS_PROFILE: 'dev' },
        withheldEnvNames: ['GITHUB_TOKEN'],
        awsAuthRefresh: 'aws sso login --profile dev',
      });
    });

    it('drops only a leading byte order mark, keeping the same character inside a value', async () => {
      await seed('{ "env": { "LABEL": "a\uFEFFb" } }');
      assert.deepEqual(((await readClaudeSettings(testEnvironment(home))) as { env?: Record<string, string> }).env, { LABEL: 'a\uFEFFb' });
    });

    it('takes only a top-level string awsAuthRefresh', async () => {
      await seed('{ "env": { "awsAuthRefresh": "nested" } }');
      assert.equal(((await readClaudeSettings(testEnvironment(home))) as { awsAuthRefresh?: string }).awsAuthRefresh, undefined);
      await seed('{ "awsAuthRefresh": ["aws", "sso"] }');
      assert.equal(((await readClaudeSettings(testEnvironment(home))) as { awsAuthRefresh?: string }).awsAuthRefresh, undefined);
    });

    it('treats an empty file as empty settings and a missing one as missing', async () => {
      assert.deepEqual(await readClaudeSettings(testEnvironment(home)), { status: 'missing', filePath: settingsPath() });
      await seed('\uFEFF \n');
      assert.deepEqual(await readClaudeSettings(testEnvironment(home)), { status: 'ok', filePath: settingsPath(), env: {}, withheldEnvNames: [], awsAuthRefresh: undefined });
    });

    it('reports a settings path it cannot read as invalid, saying why', async () => {
      await fs.mkdir(settingsPath(), { recursive: true });
      const snapshot = await readClaudeSettings(testEnvironment(home));
      assert.ok(snapshot.status === 'invalid');
      assert.equal(
        snapshot.error.message,
        `Could not read ${settingsPath()}: a folder is in the way where the file should be. Nothing was changed; make sure it is a file you can read and try again.`,
      );
      assert.equal(snapshot.error.code, 'claude-settings.unreadable');
      assert.equal((snapshot.error.cause as { code?: string } | undefined)?.code, 'EISDIR', 'the system error is kept as the cause');
    });
  });

  describe('writeClaudeSettings', () => {
    it('logs what it updated, and that an unchanged plan wrote nothing', async () => {
      const environment = testEnvironment(home);
      const logger = recordingLogger();
      await writeClaudeSettings(environment, await planClaudeSettingsFile(environment, desired()), { logger });
      assert.deepEqual(logger.lines, [`info: Updated Claude Code settings ${settingsPath()} (env.CLAUDE_CODE_USE_BEDROCK, env.AWS_REGION, env.AWS_PROFILE, env.ANTHROPIC_MODEL, awsAuthRefresh).`]);
      logger.lines.length = 0;
      assert.deepEqual(await writeClaudeSettings(environment, await planClaudeSettingsFile(environment, desired()), { logger }), { written: false, filePath: settingsPath() });
      assert.deepEqual(logger.lines, [`debug: Claude Code settings ${settingsPath()} already up to date; nothing written.`]);
    });

    it('says so when the plan is for a file other than this environment\'s settings', async () => {
      const other = path.join(home, 'other', 'settings.json');
      const logger = recordingLogger();
      const outcome = await writeClaudeSettings(testEnvironment(home), planClaudeSettings(undefined, desired(), { filePath: other }), { logger });
      assert.deepEqual(outcome, { written: true, filePath: other });
      assert.equal(logger.lines[0], `debug: Writing Claude Code settings to ${other}, which is not the user settings file of this environment.`);
      assert.equal(logger.lines.length, 2);
      if (process.platform !== 'win32') assert.equal((await fs.stat(path.dirname(other))).mode & 0o777, 0o700, 'a folder it creates is private');
    });

    it('records the values it wrote beside the file, privately, and a later plan knows them', async () => {
      const environment = testEnvironment(home);
      await writeClaudeSettings(environment, await planClaudeSettingsFile(environment, desired({ tierModels: { haiku: 'haiku-arn' } })));
      assert.deepEqual(await readWrittenValues(settingsPath()), {
        'env.CLAUDE_CODE_USE_BEDROCK': '1',
        'env.AWS_REGION': 'us-east-1',
        'env.AWS_PROFILE': 'claude-code',
        'env.ANTHROPIC_MODEL': SONNET,
        'env.ANTHROPIC_DEFAULT_HAIKU_MODEL': 'haiku-arn',
        awsAuthRefresh: 'aws sso login --profile claude-code',
      });
      if (process.platform !== 'win32') assert.equal((await fs.stat(writtenValuesRecordPath(settingsPath()))).mode & 0o777, 0o600);
      const plan = await planClaudeSettingsFile(environment, desired());
      assert.deepEqual(plan.changes, [{ key: 'env.ANTHROPIC_DEFAULT_HAIKU_MODEL', action: 'remove' }]);
    });

    it('writes through a symbolic link to its target and leaves the link a link, with the backup beside the target', async function () {
      if (process.platform === 'win32') this.skip();
      const dotfiles = path.join(home, 'dotfiles');
      await fs.mkdir(dotfiles);
      await fs.writeFile(path.join(dotfiles, 'claude.json'), '{ "theme": "dark" }\n');
      await fs.mkdir(path.join(home, '.claude'));
      await fs.symlink(path.join(dotfiles, 'claude.json'), settingsPath());
      const environment = testEnvironment(home);
      const outcome = await writeClaudeSettings(environment, await planClaudeSettingsFile(environment, desired()));
      assert.deepEqual(outcome, { written: true, filePath: settingsPath(), backupPath: claudeSettingsBackupPath(path.join(dotfiles, 'claude.json')) });
      assert.ok((await fs.lstat(settingsPath())).isSymbolicLink());
      assert.match(await fs.readFile(path.join(dotfiles, 'claude.json'), 'utf8'), /"AWS_PROFILE": "claude-code"/);
    });

    it('leaves the permissions of an existing settings folder as they are', async function () {
      if (process.platform === 'win32') this.skip();
      await fs.mkdir(path.join(home, '.claude'), { mode: 0o755 });
      await fs.chmod(path.join(home, '.claude'), 0o755);
      const environment = testEnvironment(home);
      await writeClaudeSettings(environment, await planClaudeSettingsFile(environment, desired()));
      assert.equal((await fs.stat(path.join(home, '.claude'))).mode & 0o777, 0o755);
    });

    it('refuses a file created after a plan made while it was missing', async () => {
      const environment = testEnvironment(home);
      const plan = await planClaudeSettingsFile(environment, desired());
      await seed('{ "theme": "mine" }\n');
      await assert.rejects(writeClaudeSettings(environment, plan), (error: unknown) => isUserFacingError(error) && error.code === SETTINGS_CHANGED_CODE);
      assert.equal(await fs.readFile(settingsPath(), 'utf8'), '{ "theme": "mine" }\n');
    });

    it('explains a write that fails, and that nothing changed', async () => {
      await fs.writeFile(path.join(home, '.claude'), 'a file where the folder should be');
      const environment = testEnvironment(home);
      const plan = planClaudeSettings(undefined, desired(), { filePath: settingsPath() });
      await assert.rejects(writeClaudeSettings(environment, plan), (error: unknown) => {
        assert.ok(isUserFacingError(error));
        assert.equal(error.code, SETTINGS_WRITE_FAILED_CODE);
        assert.equal((error.cause as { code?: string } | undefined)?.code, 'ENOTDIR', 'the system error is kept as the cause');
        assert.equal(
          error.message,
          `Could not write ${settingsPath()}: part of its path is a file where a folder is expected. Your settings were not changed; make sure ${path.join(home, '.claude')} is a folder you can write to and try again.`,
        );
        return true;
      });
    });
  });

  describe('the record of written values', () => {
    it('is empty when absent, unparsable, of another version or without values, and keeps only string values', async () => {
      await seed('{}');
      const record = writtenValuesRecordPath(settingsPath());
      assert.equal(record, `${settingsPath()}.bedrock-onboarding.written.json`);
      assert.deepEqual(await readWrittenValues(settingsPath()), {});
      for (const text of ['not json', '{"version":2,"written":{"a":"b"}}', '{"version":1}', '{"version":1,"written":"a"}', 'null']) {
        await fs.writeFile(record, text);
        assert.deepEqual(await readWrittenValues(settingsPath()), {}, text);
      }
      await fs.writeFile(record, '{"version":1,"written":{"a":"b","n":1,"o":{}}}');
      assert.deepEqual(await readWrittenValues(settingsPath()), { a: 'b' });
      await saveWrittenValues(settingsPath(), { 'env.AWS_REGION': 'eu-west-1' });
      assert.equal(await fs.readFile(record, 'utf8'), '{\n  "version": 1,\n  "written": {\n    "env.AWS_REGION": "eu-west-1"\n  }\n}\n');
    });
  });
});
