import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { awsConfigBackupPath, ensureConfigFolder, readAwsConfigText, resolveWriteTarget, writeAwsConfigText, writeError } from '../../../src/core/awsConfig/awsConfigFile';
import { expandHome, resolveAwsConfigPath } from '../../../src/core/awsConfig/awsConfigPath';
import { describeFileProblem } from '../../../src/core/awsConfig/fileProblem';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';
import { makeTempHome, testEnvironment } from '../../support/tempHome';

const mode = async (file: string) => ((await fs.stat(file)).mode & 0o777).toString(8);

function failure(code: string | undefined): Error {
  return Object.assign(new Error('secret-bearing message that must not be repeated'), code === undefined ? {} : { code });
}

describe('describeFileProblem', () => {
  const file = '/home/me/.aws/config';
  const elsewhere = 'or set AWS_CONFIG_FILE to a file you can write';
  const describe_ = (code: string | undefined, operation: 'read' | 'write' = 'write') => describeFileProblem(failure(code), file, operation, elsewhere);

  it('says what to do for each file-system error, reading and writing', () => {
    assert.deepEqual(describe_('EACCES', 'read'), { reason: 'permission was denied', remedy: 'Make sure your user can read /home/me/.aws/config, then try again.' });
    assert.deepEqual(describe_('EPERM', 'read'), describe_('EACCES', 'read'));
    assert.deepEqual(describe_('EACCES'), {
      reason: 'you do not have permission to change /home/me/.aws/config or the folder /home/me/.aws',
      remedy: 'Make that folder and file writable for your user (or set AWS_CONFIG_FILE to a file you can write), then try again.',
    });
    assert.deepEqual(describe_('EPERM'), describe_('EACCES'));
    assert.deepEqual(describe_('EROFS'), { reason: 'it is on a read-only file system', remedy: 'Use a writable location (or set AWS_CONFIG_FILE to a file you can write), then try again.' });
    assert.deepEqual(describe_('ENOTDIR'), { reason: 'part of the path /home/me/.aws is a file, not a folder', remedy: 'Move that file out of the way (or set AWS_CONFIG_FILE to a file you can write), then try again.' });
    assert.deepEqual(describe_('EISDIR'), { reason: 'a folder is in the way where the file should be', remedy: 'Remove or rename that folder (or set AWS_CONFIG_FILE to a file you can write), then try again.' });
    assert.deepEqual(describe_('ELOOP'), { reason: 'it is a symbolic link that loops or may not be followed here', remedy: 'Replace the link with a regular file, then try again.' });
    assert.deepEqual(describe_('ENOSPC'), { reason: 'the disk is full', remedy: 'Free some disk space, then try again.' });
    assert.deepEqual(describe_('EDQUOT'), describe_('ENOSPC'));
    assert.deepEqual(describe_('ELOCKED'), { reason: 'another window or process is changing it right now', remedy: 'Wait a moment, then try again.' });
    assert.deepEqual(describe_('EIO'), { reason: 'the system reported EIO', remedy: 'Check that /home/me/.aws exists and is writable, then try again.' });
  });

  it('never repeats the error message, and names no code it cannot find', () => {
    const unknown = { reason: 'the system reported an unexpected error', remedy: 'Check that /home/me/.aws exists and is writable, then try again.' };
    assert.deepEqual(describe_(undefined), unknown);
    assert.deepEqual(describeFileProblem({ code: 13 }, file, 'write', elsewhere), unknown, 'a numeric code is no Node error code');
    assert.deepEqual(describeFileProblem(null, file, 'write', elsewhere), unknown);
    assert.deepEqual(describeFileProblem('EACCES', file, 'write', elsewhere), unknown, 'a bare string is no error object');
    for (const code of ['EACCES', 'EROFS', 'EIO', undefined]) {
      const problem = describe_(code);
      assert.doesNotMatch(`${problem.reason} ${problem.remedy}`, /secret/);
    }
  });
});

describe('AWS config path', () => {
  const linux = { homeDir: '/home/me', platform: 'linux' as const };
  const windows = { homeDir: '/home/me', platform: 'win32' as const };

  it('expands ~ and ~/ for the current user only, and ~\\ only on Windows', () => {
    assert.equal(expandHome('~', linux), '/home/me');
    assert.equal(expandHome('~/cfg/aws', linux), path.join('/home/me', 'cfg/aws'));
    assert.equal(expandHome('~\\cfg', linux), '~\\cfg');
    assert.equal(expandHome('~\\cfg', windows), path.join('/home/me', 'cfg'));
    assert.equal(expandHome('~/cfg', windows), path.join('/home/me', 'cfg'));
    assert.equal(expandHome('~other/cfg', linux), '~other/cfg');
    assert.equal(expandHome('/etc/~/x', linux), '/etc/~/x');
    assert.equal(expandHome('', linux), '');
  });

  it('uses AWS_CONFIG_FILE when set and not empty, else ~/.aws/config', () => {
    const env = (value: string | undefined) => ({ ...testEnvironment('/home/me', { env: { AWS_CONFIG_FILE: value } }), platform: 'linux' as const });
    assert.equal(resolveAwsConfigPath(env(undefined)), '/home/me/.aws/config');
    assert.equal(resolveAwsConfigPath(env('')), '/home/me/.aws/config');
    assert.equal(resolveAwsConfigPath(env('/etc/aws.cfg')), '/etc/aws.cfg');
    assert.equal(resolveAwsConfigPath(env('~/work/aws')), '/home/me/work/aws');
    assert.equal(resolveAwsConfigPath(env('rel/aws')), path.resolve('rel/aws'), 'relative to the current directory, as the CLI and the SDK take it');
    assert.equal(resolveAwsConfigPath(env('$HOME/aws')), path.resolve('$HOME/aws'), 'variables are not expanded');
  });
});

describe('AWS config file access', () => {
  let home: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ home, remove } = await makeTempHome('aws-config-file-'));
  });
  afterEach(async () => {
    await remove();
  });

  it('reads the text with its byte order mark, or undefined when there is no file', async () => {
    const file = path.join(home, 'config');
    assert.equal(await readAwsConfigText(file), undefined);
    await fs.writeFile(file, '\ufeff[default]\r\nregion = eu-west-1');
    assert.equal(await readAwsConfigText(file), '\ufeff[default]\r\nregion = eu-west-1');
  });

  it('refuses a file that is not UTF-8, and says why it cannot read one', async () => {
    const file = path.join(home, 'config');
    await fs.writeFile(file, Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x6b, 0x20, 0x3d, 0x20, 0xe9, 0x0a]));
    await assert.rejects(readAwsConfigText(file), (error: unknown) => {
      assert.ok(isUserFacingError(error));
      assert.equal(error.code, 'aws-config.not-utf8');
      assert.equal(error.message, `The AWS config file ${file} is not UTF-8 text, so it was left untouched. Save it as UTF-8 (or fix it by hand), then try again.`);
      assert.equal((error.cause as { code?: string }).code, 'ERR_ENCODING_INVALID_ENCODED_DATA', 'the decoder error is kept as the cause');
      return true;
    });
    await assert.rejects(readAwsConfigText(home), (error: unknown) => {
      assert.ok(isUserFacingError(error));
      assert.equal(error.code, 'aws-config.unreadable');
      assert.equal(error.message, `Could not read the AWS config file ${home}: a folder is in the way where the file should be. Remove or rename that folder (or set AWS_CONFIG_FILE to a file you can write), then try again.`);
      assert.equal((error.cause as { code?: string }).code, 'EISDIR');
      return true;
    });
  });

  it('writes through a symbolic link, writes a missing file where the path says, and reports a blocked path', async () => {
    const real = path.join(home, 'dotfiles-config');
    const link = path.join(home, 'config');
    await fs.writeFile(real, '');
    await fs.symlink(real, link);
    assert.equal(await resolveWriteTarget(link), await fs.realpath(real));
    const missing = path.join(home, 'missing', 'config');
    assert.equal(await resolveWriteTarget(missing), missing);
    const blocked = path.join(real, 'config');
    await assert.rejects(resolveWriteTarget(blocked), (error: unknown) => {
      assert.ok(isUserFacingError(error));
      assert.equal(error.code, 'aws-config.unwritable');
      assert.equal(error.message, `Could not update the AWS config file ${blocked}: part of the path ${real} is a file, not a folder. Move that file out of the way (or set AWS_CONFIG_FILE to a file you can write), then try again.`);
      return true;
    });
  });

  it('creates the folder private to the user, and reports one it cannot create', async () => {
    const previous = process.umask(0);
    try {
      await ensureConfigFolder(path.join(home, 'a', '.aws', 'config'));
    } finally {
      process.umask(previous);
    }
    assert.equal(await mode(path.join(home, 'a', '.aws')), '700');
    await ensureConfigFolder(path.join(home, 'a', '.aws', 'config'));
    await fs.writeFile(path.join(home, 'file'), '');
    await assert.rejects(ensureConfigFolder(path.join(home, 'file', '.aws', 'config')), (error: unknown) => isUserFacingError(error) && error.code === 'aws-config.unwritable' && error.message.includes(path.join(home, 'file', '.aws', 'config')));
  });

  it('creates a new file 0600 without a backup, and keeps one backup of an existing file', async () => {
    const file = path.join(home, 'config');
    const previous = process.umask(0);
    try {
      await writeAwsConfigText(file, 'first\n', false);
    } finally {
      process.umask(previous);
    }
    assert.equal(await mode(file), '600');
    await assert.rejects(fs.access(awsConfigBackupPath(file)));
    await writeAwsConfigText(file, 'second\n', true);
    assert.equal(await fs.readFile(file, 'utf8'), 'second\n');
    assert.equal(awsConfigBackupPath(file), `${file}.bedrock-onboarding.bak`);
    assert.equal(await fs.readFile(awsConfigBackupPath(file), 'utf8'), 'first\n');
    await assert.rejects(writeAwsConfigText(path.join(home, 'no-such-folder', 'config'), 'x', false), (error: unknown) => isUserFacingError(error) && error.code === 'aws-config.unwritable');
  });

  it('turns a write failure into a sentence without the original message', () => {
    const original = failure('EROFS');
    const error = writeError(original, '/home/me/.aws/config');
    assert.equal(error.cause, original, 'kept as the cause for debugging, never in the message');
    assert.equal(error.message, 'Could not update the AWS config file /home/me/.aws/config: it is on a read-only file system. Use a writable location (or set AWS_CONFIG_FILE to a file you can write), then try again.');
    assert.equal(error.code, 'aws-config.unwritable');
  });
});
