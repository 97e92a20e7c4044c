import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { SsoProfileSettings } from '../../../src/core/awsConfig/ssoProfileReader';
import { awsAuthRefreshCommand, awsCliMajorVersion, ownLoginArguments, quoteShellWord, type OwnCli } from '../../../src/core/claudeSettings/awsAuthRefreshCommand';
import { makeTempHome } from '../../support/tempHome';

const NO_CLI: OwnCli = { execPath: '/opt/node/bin/node' };

function sso(values: Partial<SsoProfileSettings>): SsoProfileSettings {
  return { profileName: 'dev', values: new Map(), ...values };
}

describe('the awsAuthRefresh command', function () {
  if (process.platform === 'win32') return;
  let home: string;
  let remove: () => Promise<void>;
  let bin: string;
  beforeEach(async () => {
    ({ home, remove } = await makeTempHome('aws-auth-refresh-'));
    bin = path.join(home, 'bin');
    await fs.mkdir(bin);
  });
  afterEach(async () => {
    await remove();
  });

  /** An executable script in the test's bin folder. */
  async function program(name: string, body: string, folder = bin): Promise<string> {
    const file = path.join(folder, name);
    await fs.writeFile(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  }

  describe('awsCliMajorVersion', () => {
    it('reads the major version from what `aws --version` prints, on stdout (v2) or stderr (v1)', async () => {
      assert.equal(awsCliMajorVersion(await program('aws2', 'echo "aws-cli/2.22.0 Python/3.12.6 Linux/6.1 exe/x86_64"'), {}), 2);
      assert.equal(awsCliMajorVersion(await program('aws1', 'echo "aws-cli/1.29.0 Python/3.8.10 Linux/5.4 botocore/1.31.0" >&2'), {}), 1);
      assert.equal(awsCliMajorVersion(await program('aws12', 'echo "aws-cli/12.0.1"'), {}), 12);
    });

    it('runs it with the given environment, and passes it --version', async () => {
      const aws = await program('aws', '[ "$1" = --version ] && echo "aws-cli/$FAKE_AWS_MAJOR.1.0 Python/3"');
      assert.equal(awsCliMajorVersion(aws, { FAKE_AWS_MAJOR: '2' }), 2);
      assert.equal(awsCliMajorVersion(aws, { FAKE_AWS_MAJOR: '7' }), 7);
    });

    it('is undefined when the program fails, cannot start, or prints something else', async () => {
      assert.equal(awsCliMajorVersion(await program('failing', 'echo "aws-cli/2.22.0"; exit 3'), {}), undefined);
      assert.equal(awsCliMajorVersion(path.join(bin, 'absent'), {}), undefined);
      assert.equal(awsCliMajorVersion(await program('other', 'echo "some-other-tool 2.0"'), {}), undefined);
      assert.equal(awsCliMajorVersion(await program('noversion', 'echo "aws-cli/ Python/3"'), {}), undefined);
    });

    it('runs a program whose path has a space without a shell, so the path is not split', async () => {
      const spaced = path.join(home, 'Program Files');
      await fs.mkdir(spaced);
      assert.equal(awsCliMajorVersion(await program('aws', 'echo "aws-cli/2.3.0"', spaced), {}), 2);
    });

    it('runs a program without a shell when .cmd or .bat is only part of its path, not its extension', async () => {
      // Through a shell the space would split the path and the CLI would not be found.
      const folder = path.join(home, 'tools.cmd and.bat');
      await fs.mkdir(folder);
      assert.equal(awsCliMajorVersion(await program('aws', 'echo "aws-cli/2.3.0"', folder), {}), 2);
      assert.equal(awsCliMajorVersion(await program('aws.cmd.sh', 'echo "aws-cli/2.4.0"', folder), {}), 2);
    });
  });

  describe('awsAuthRefreshCommand', () => {
    it('is `aws sso login` when the AWS CLI v2 is on PATH', async () => {
      await program('aws', 'echo "aws-cli/2.22.0 Python/3.12.6"');
      assert.equal(awsAuthRefreshCommand('claude-code', { PATH: bin }, 'linux', { ...NO_CLI, launcher: '/home/me/launcher' }), 'aws sso login --profile claude-code');
      assert.equal(awsAuthRefreshCommand('dev team', { PATH: bin }, 'linux', NO_CLI), "aws sso login --profile 'dev team'");
    });

    it('skips an AWS CLI v1, which has no `sso login`, for the launcher, quoted', async () => {
      await program('aws', 'echo "aws-cli/1.29.0 Python/3.8" >&2');
      const launcher = '/home/me/my tools/bedrock-onboard';
      assert.equal(awsAuthRefreshCommand('claude-code', { PATH: bin }, 'linux', { ...NO_CLI, launcher }), "'/home/me/my tools/bedrock-onboard' login --profile claude-code");
    });

    it('without a launcher, runs bedrock-onboard from PATH by its absolute path', async () => {
      const installed = await program('bedrock-onboard', 'exit 0');
      assert.equal(awsAuthRefreshCommand('claude-code', { PATH: bin }, 'linux', NO_CLI), `${installed} login --profile claude-code`);
    });

    it('else runs the running CLI script with this runtime, by absolute paths', async () => {
      const script = await program('cli.js', '');
      for (const name of ['cli.js', 'cli.mjs', 'cli.cjs']) {
        const file = path.join(bin, name);
        await fs.copyFile(script, file);
        assert.equal(awsAuthRefreshCommand('p', { PATH: home }, 'linux', { execPath: '/opt/my node/node', argv1: file }), `'/opt/my node/node' ${file} login --profile p`);
      }
      const relative = path.relative(process.cwd(), script);
      assert.equal(awsAuthRefreshCommand('p', {}, 'linux', { execPath: '/usr/bin/node', argv1: relative }), `/usr/bin/node ${script} login --profile p`);
    });

    it('falls back to the bare name when the running script is not our CLI or is gone', async () => {
      const other = await program('server.js', '');
      const sourceMap = await program('cli.js.map', '');
      const notJs = await program('cli.jsx', '');
      for (const argv1 of [undefined, '', other, path.join(bin, 'cli.js'), sourceMap, notJs]) {
        assert.equal(awsAuthRefreshCommand('p', { PATH: bin }, 'linux', { execPath: '/usr/bin/node', ...(argv1 === undefined ? {} : { argv1 }) }), 'bedrock-onboard login --profile p', String(argv1));
      }
    });

    it('passes the profile\'s own sign-in values to our login, so signing in again leaves the profile as it was', () => {
      const settings = sso({ startUrl: 'https://d-1234567890.awsapps.com/start', ssoRegion: 'eu-west-1', sessionName: 'my org', accountId: '111122223333', roleName: 'Dev', region: 'eu-central-1' });
      assert.equal(
        awsAuthRefreshCommand('claude-code', {}, 'linux', NO_CLI, settings),
        "bedrock-onboard login --profile claude-code --start-url https://d-1234567890.awsapps.com/start --sso-region eu-west-1 --session 'my org' --account-id 111122223333 --role-name Dev --region eu-central-1",
      );
      assert.equal(ownLoginArguments('p', 'linux', sso({ startUrl: 'https://x.example/start', sessionName: '', region: undefined })), 'login --profile p --start-url https://x.example/start');
      assert.equal(ownLoginArguments('p', 'linux'), 'login --profile p');
    });
  });

  describe('quoteShellWord', () => {
    it('leaves words of safe characters alone and quotes anything else for the platform\'s shell', () => {
      assert.equal(quoteShellWord('a-Z_0.9/x:y=z@w%v+u', 'linux'), 'a-Z_0.9/x:y=z@w%v+u');
      assert.equal(quoteShellWord('a b', 'linux'), "'a b'");
      assert.equal(quoteShellWord(' ab', 'linux'), "' ab'");
      assert.equal(quoteShellWord('ab ', 'linux'), "'ab '");
      assert.equal(quoteShellWord('', 'linux'), "''");
      assert.equal(quoteShellWord("it's 'here'", 'darwin'), `'it'\\''s '\\''here'\\'''`);
      assert.equal(quoteShellWord('C:\\Program Files\\say "hi" "x"', 'win32'), '"C:\\Program Files\\say ""hi"" ""x"""');
      assert.equal(quoteShellWord("it's", 'win32'), `"it's"`);
    });
  });
});
