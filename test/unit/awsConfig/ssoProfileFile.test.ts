import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { listProfiles, listSsoSessions, readSsoProfile } from '../../../src/core/awsConfig/ssoProfileReader';
import type { SsoProfileRequest } from '../../../src/core/awsConfig/ssoProfileRequest';
import { describeConflicts, previewSsoProfileWrite, writeSsoProfile } from '../../../src/core/awsConfig/ssoProfileWriter';
import type { Logger } from '../../../src/core/runtime/logger';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';
import { makeTempHome, testEnvironment } from '../../support/tempHome';

const REQUEST: SsoProfileRequest = {
  sessionName: 'corp',
  startUrl: 'https://d-1234567890.awsapps.com/start',
  ssoRegion: 'us-east-1',
  profileName: 'claude',
  accountId: '111122223333',
  roleName: 'ClaudeDevelopers',
  region: 'us-west-2',
};

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => {
    lines.push(`${level}: ${message}`);
  };
  return { lines, trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('writeSsoProfile and readSsoProfile on a real file', () => {
  let home: string;
  let remove: () => Promise<void>;
  let config: string;
  beforeEach(async () => {
    ({ home, remove } = await makeTempHome('sso-profile-file-'));
    config = path.join(home, '.aws', 'config');
  });
  afterEach(async () => {
    await remove();
  });

  it('creates ~/.aws/config, then finds nothing to change, and logs each step', async () => {
    const env = testEnvironment(home);
    const logger = recordingLogger();
    const first = await writeSsoProfile(env, REQUEST, { logger });
    assert.equal(first.status, 'written');
    assert.equal(first.configPath, config);
    assert.match(await fs.readFile(config, 'utf8'), /^\[profile claude\]\nsso_session = corp\n/);
    await assert.rejects(fs.access(`${config}.bedrock-onboarding.bak`), 'a new file gets no backup');
    assert.equal((await fs.stat(config)).mode & 0o777, 0o600, 'a new file is private to the user');
    const second = await writeSsoProfile(env, REQUEST, { logger });
    assert.equal(second.status, 'unchanged');
    assert.deepEqual(logger.lines, [`info: Wrote profile claude and sso-session corp to ${config}.`, `debug: ${config} already has profile claude and sso-session corp; nothing to write.`]);
  });

  it('asks before overwriting settings that point elsewhere, and writes once confirmed (keeping a backup)', async () => {
    const existing = '[profile claude]\nsso_account_id = 999999999999\n';
    await fs.mkdir(path.dirname(config), { recursive: true });
    await fs.writeFile(config, existing);
    const logger = recordingLogger();
    const asked = await writeSsoProfile(testEnvironment(home), REQUEST, { logger });
    assert.equal(asked.status, 'needs-confirmation');
    assert.equal(await fs.readFile(config, 'utf8'), existing, 'nothing written before the user agrees');
    assert.deepEqual(logger.lines, [`info: Not writing ${config} yet: existing settings would be overwritten: [profile claude] sso_account_id is "999999999999" (would become "111122223333").`]);

    const confirmed = await writeSsoProfile(testEnvironment(home), REQUEST, { confirmOverwrite: true });
    assert.equal(confirmed.status, 'written');
    assert.match(await fs.readFile(config, 'utf8'), /sso_account_id = 111122223333/);
    assert.equal(await fs.readFile(`${config}.bedrock-onboarding.bak`, 'utf8'), existing);
  });

  it('refuses a write the CLI would reject as inconsistent, naming the keys and sections', async () => {
    await fs.mkdir(path.dirname(config), { recursive: true });
    await fs.writeFile(config, '[sso-session corp]\nregion = eu-west-1\n');
    await assert.rejects(writeSsoProfile(testEnvironment(home), REQUEST, { confirmOverwrite: true }), (error: unknown) => {
      assert.ok(isUserFacingError(error));
      assert.equal(error.code, 'aws-config.inconsistent-session');
      assert.equal(
        error.message,
        `The AWS CLI would refuse profile claude in ${config} because region ("us-west-2" in the profile, "eu-west-1" in the session) differ between [profile claude] and [sso-session corp]. Remove the key from one of the two sections (or make the values equal), then try again.`,
      );
      return true;
    });
    assert.equal(await fs.readFile(config, 'utf8'), '[sso-session corp]\nregion = eu-west-1\n');
  });

  it('names every inconsistent key in the refusal', async () => {
    await fs.mkdir(path.dirname(config), { recursive: true });
    await fs.writeFile(config, '[sso-session corp]\nregion = eu-west-1\nsso_role_name = Admin\n');
    await assert.rejects(writeSsoProfile(testEnvironment(home), REQUEST, { confirmOverwrite: true }), (error: unknown) => {
      assert.ok(isUserFacingError(error));
      assert.match(error.message, / because region \("us-west-2" in the profile, "eu-west-1" in the session\), sso_role_name \("ClaudeDevelopers" in the profile, "Admin" in the session\) differ between /);
      return true;
    });
  });

  it('turns a failure to take the lock into a sentence about the file', async () => {
    // The lock's helper files add to the name, so only they go over the 255-byte limit.
    const custom = path.join(home, 'c'.repeat(235));
    await assert.rejects(writeSsoProfile(testEnvironment(home, { env: { AWS_CONFIG_FILE: custom } }), REQUEST), (error: unknown) => {
      assert.ok(isUserFacingError(error), String(error));
      assert.equal(error.code, 'aws-config.unwritable');
      assert.ok(error.message.startsWith(`Could not update the AWS config file ${custom}: `), error.message);
      return true;
    });
  });

  it('logs each warning about the written file with its line number', async () => {
    await fs.mkdir(path.dirname(config), { recursive: true });
    await fs.writeFile(config, '[a]\nx = 1\nx = 2\n');
    const logger = recordingLogger();
    const result = await writeSsoProfile(testEnvironment(home), REQUEST, { logger });
    assert.equal(result.status, 'written');
    assert.deepEqual(logger.lines.slice(1), [`warn: ${config}: "x" is set twice in [a] (line 3).`]);

    await fs.writeFile(config, '[profile claude]\nrole_arn = arn:aws:iam::111122223333:role/x\n');
    const other = recordingLogger();
    await writeSsoProfile(testEnvironment(home), REQUEST, { logger: other });
    assert.deepEqual(other.lines.slice(1), [`warn: ${config}: the profile also sets role_arn, which the AWS CLI and SDKs use instead of SSO.`]);
  });

  it('honours AWS_CONFIG_FILE and turns a file-system failure into a sentence', async () => {
    const custom = path.join(home, 'custom', 'aws-config');
    const env = testEnvironment(home, { env: { AWS_CONFIG_FILE: custom } });
    assert.equal((await writeSsoProfile(env, REQUEST)).configPath, custom);
    assert.match(await fs.readFile(custom, 'utf8'), /\[sso-session corp\]/);
    await assert.rejects(fs.access(config));

    await fs.rm(custom);
    await fs.mkdir(custom);
    await assert.rejects(writeSsoProfile(env, REQUEST), (error: unknown) => {
      assert.ok(isUserFacingError(error));
      assert.equal(error.code, 'aws-config.unreadable');
      return true;
    });
  });

  it('previews a write without touching the file', async () => {
    const env = testEnvironment(home);
    const empty = await previewSsoProfileWrite(env, REQUEST);
    assert.equal(empty.configPath, config);
    assert.equal(empty.existing, undefined);
    assert.equal(empty.plan.profile.action, 'added');
    assert.ok(empty.plan.text.startsWith('[profile claude]\nsso_session = corp\n'), empty.plan.text);
    assert.deepEqual(empty.plan.warnings, []);
    await assert.rejects(fs.access(path.dirname(config)), 'not even the folder is created');

    await fs.mkdir(path.dirname(config), { recursive: true });
    await fs.writeFile(config, '[default]\nregion = eu-west-1\n');
    const preview = await previewSsoProfileWrite(env, REQUEST);
    assert.equal(preview.existing, '[default]\nregion = eu-west-1\n');
    assert.ok(preview.plan.text.startsWith('[default]\nregion = eu-west-1\n[profile claude]\n'));
    assert.equal(await fs.readFile(config, 'utf8'), '[default]\nregion = eu-west-1\n');
  });

  it('describes several conflicts in one sentence', () => {
    assert.equal(
      describeConflicts([
        { kind: 'profile-points-elsewhere', section: 'profile claude', key: 'sso_session', existing: 'old', requested: 'corp' },
        { kind: 'session-points-elsewhere', section: 'sso-session corp', key: 'sso_region', existing: 'eu-west-1', requested: 'us-east-1' },
      ]),
      'existing settings would be overwritten: [profile claude] sso_session is "old" (would become "corp"); [sso-session corp] sso_region is "eu-west-1" (would become "us-east-1").',
    );
  });

  it('reads back what it wrote, with the session keys filled in', async () => {
    const env = testEnvironment(home);
    const missing = await readSsoProfile(env, 'claude');
    assert.deepEqual(missing, { configPath: config, fileExists: false, fileDiagnostics: [], profile: undefined, problems: [] });

    await writeSsoProfile(env, { ...REQUEST, output: 'json' });
    const read = await readSsoProfile(env, 'claude');
    assert.equal(read.fileExists, true);
    assert.deepEqual(read.problems, []);
    const { values, ...settings } = read.profile!;
    assert.deepEqual(settings, {
      profileName: 'claude',
      sessionName: 'corp',
      startUrl: 'https://d-1234567890.awsapps.com/start',
      ssoRegion: 'us-east-1',
      registrationScopes: 'sso:account:access',
      accountId: '111122223333',
      roleName: 'ClaudeDevelopers',
      region: 'us-west-2',
      output: 'json',
    });
    assert.deepEqual(Object.fromEntries(values), { sso_session: 'corp', sso_account_id: '111122223333', sso_role_name: 'ClaudeDevelopers', region: 'us-west-2', output: 'json' });
    assert.equal((await readSsoProfile(env, 'nobody')).profile, undefined);
  });

  it('reports what makes the CLI refuse a profile: a missing session, an inconsistency, missing keys', async () => {
    const env = testEnvironment(home);
    await fs.mkdir(path.dirname(config), { recursive: true });
    await fs.writeFile(
      config,
      [
        '[profile gone]',
        'sso_session = nowhere',
        'sso_account_id = 111122223333',
        '[profile mixed]',
        'sso_session = corp',
        'sso_region = eu-west-1',
        'sso_account_id = 111122223333',
        'sso_role_name = Dev',
        '[sso-session corp]',
        'sso_start_url = https://d-1234567890.awsapps.com/start',
        'sso_region = us-east-1',
        '[profile legacy]',
        'sso_start_url = https://d-1234567890.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_account_id = 111122223333',
        'sso_role_name = Dev',
        '[profile keys]',
        'aws_access_key_id = AKIAEXAMPLE',
        '',
      ].join('\n'),
    );
    const gone = await readSsoProfile(env, 'gone');
    assert.deepEqual(gone.problems, [
      { code: 'session-missing', sessionName: 'nowhere' },
      { code: 'incomplete', missingKeys: ['sso_start_url', 'sso_region', 'sso_role_name'] },
    ]);
    assert.ok(gone.profile);
    assert.equal(gone.profile.sessionName, 'nowhere');
    assert.ok(!('startUrl' in gone.profile), 'an unset key is left out, not undefined');

    const mixed = await readSsoProfile(env, 'mixed');
    assert.deepEqual(mixed.problems, [{ code: 'inconsistent-with-session', inconsistencies: [{ key: 'sso_region', profileValue: 'eu-west-1', sessionValue: 'us-east-1' }] }]);
    assert.ok(mixed.profile);
    assert.equal(mixed.profile.ssoRegion, 'eu-west-1', 'the profile own value is shown');
    assert.equal(mixed.profile.startUrl, 'https://d-1234567890.awsapps.com/start');

    const legacy = await readSsoProfile(env, 'legacy');
    assert.deepEqual(legacy.problems, []);
    assert.ok(!('sessionName' in legacy.profile!));
    assert.equal(legacy.profile?.startUrl, 'https://d-1234567890.awsapps.com/start');

    const keys = await readSsoProfile(env, 'keys');
    assert.deepEqual(keys.problems, [{ code: 'incomplete', missingKeys: ['sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name'] }]);

    assert.deepEqual(await listProfiles(env), ['gone', 'mixed', 'legacy', 'keys']);
    assert.deepEqual(await listSsoSessions(env), ['corp']);
  });

  it('passes on the problems of the whole file', async () => {
    const env = testEnvironment(home);
    await fs.mkdir(path.dirname(config), { recursive: true });
    await fs.writeFile(config, 'region = x\n[profile a]\nk = v\n');
    const read = await readSsoProfile(env, 'a');
    assert.deepEqual(
      read.fileDiagnostics.map((d) => [d.code, d.line, d.fatalForCli]),
      [['missing-section-header', 0, true]],
    );
  });
});
