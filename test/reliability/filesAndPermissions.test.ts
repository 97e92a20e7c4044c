// Suite 5: modes, links and read-only files, checked on the real file system.
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { writeSsoProfile } from '../../src/core/awsConfig/ssoProfileWriter';
import { writeCachedToken } from '../../src/core/ssoCache/tokenCache';
import { tokenCachePath } from '../../src/core/ssoCache/ssoCachePaths';
import { makeTempHome, testEnvironment } from '../support/tempHome';
import { buildWriterChild, outputOf, startChild } from './support/childProcess';
import { FOREIGN_CONFIG, seedHome } from './support/fileChecks';
import { crashState, profileRequest } from './support/writerStates';

const mode = async (file: string) => (await fs.stat(file)).mode & 0o777;

describe('reliability: files and permissions', function () {
  this.timeout(60_000);
  let home: string;
  let remove: () => Promise<void>;
  const figures: string[] = [];
  beforeEach(async () => {
    ({ home, remove } = await makeTempHome('reliability-perms-'));
  });
  afterEach(async () => {
    await remove();
  });
  after(() => {
    console.log(`\n  files and permissions: ${String(figures.length)} checks`);
    for (const f of figures) console.log(`    ${f}`);
  });

  it('the token cache is 0600 in a 0700 folder even with umask 000', async () => {
    const previous = process.umask(0);
    try {
      const file = await writeCachedToken({ homeDir: home }, 'claude-code', crashState(0).token);
      assert.equal((await mode(file)).toString(8), '600');
      assert.equal((await mode(path.dirname(file))).toString(8), '700');
      figures.push(`umask 000: token cache ${(await mode(file)).toString(8)}, folder ${(await mode(path.dirname(file))).toString(8)}`);
    } finally {
      process.umask(previous);
    }
  });

  it('a link planted in ~/.aws/sso/cache is replaced, not followed', async () => {
    const victim = path.join(home, 'victim.txt');
    await fs.writeFile(victim, 'do not touch');
    const file = tokenCachePath({ homeDir: home }, 'claude-code');
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await fs.symlink(victim, file);
    await writeCachedToken({ homeDir: home }, 'claude-code', crashState(0).token).catch(() => undefined);
    assert.equal(await fs.readFile(victim, 'utf8'), 'do not touch');
    figures.push('planted cache link: target untouched');
  });

  it('~/.aws/config is created 0600, keeps an existing mode, and a symlinked file is written through (as the AWS CLI does)', async () => {
    const config = path.join(home, '.aws', 'config');
    const previous = process.umask(0);
    try {
      await writeSsoProfile(testEnvironment(home), profileRequest('a', 'us-west-2'));
    } finally {
      process.umask(previous);
    }
    assert.equal((await mode(config)).toString(8), '600');
    await fs.chmod(config, 0o640);
    await writeSsoProfile(testEnvironment(home), profileRequest('b', 'us-west-2'));
    assert.equal((await mode(config)).toString(8), '640');

    const dotfiles = path.join(home, 'dotfiles');
    await fs.mkdir(dotfiles);
    await fs.rename(config, path.join(dotfiles, 'aws-config'));
    await fs.symlink(path.join(dotfiles, 'aws-config'), config);
    await writeSsoProfile(testEnvironment(home), profileRequest('c', 'us-west-2'));
    assert.ok((await fs.lstat(config)).isSymbolicLink(), 'the link stays a link');
    assert.match(await fs.readFile(path.join(dotfiles, 'aws-config'), 'utf8'), /\[profile c\]/);
    figures.push('config: new 600, existing 640 kept, symlink written through');
  });

  it('a folder the user cannot write gives a sentence and loses nothing', async function () {
    await seedHome(home);
    const awsDir = path.join(home, '.aws');
    const isRoot = process.getuid?.() === 0;
    const child = await buildWriterChild();
    try {
      let output: string;
      await fs.chmod(awsDir, 0o500);
      if (isRoot) {
        // root ignores modes: run the writer as an unprivileged user instead.
        const nobody = 65534;
        await fs.chmod(home, 0o755);
        await fs.chown(awsDir, nobody, nobody);
        await fs.chown(path.join(awsDir, 'config'), nobody, nobody);
        const proc = startChild(child.script, ['profile-once', home, 'claude-code'], { uid: nobody, gid: nobody });
        output = await outputOf(proc);
      } else {
        output = await new Promise<string>((resolve) => {
          writeSsoProfile(testEnvironment(home), profileRequest('claude-code', 'us-west-2')).then(
            () => { resolve('written'); },
            (error: unknown) => { resolve(error instanceof Error ? `${error.name}: ${error.message}` : String(error)); },
          );
        });
      }
      assert.match(output, /^UserFacingError: Could not update the AWS config file .*\.\n?$/s, output);
      assert.equal(await fs.readFile(path.join(awsDir, 'config'), 'utf8'), FOREIGN_CONFIG);
      figures.push(`read-only ~/.aws (${isRoot ? 'as uid 65534' : 'as this user'}): "${output.trim().slice(0, 140)}"`);
    } finally {
      await fs.chmod(awsDir, 0o700);
      await child.remove();
    }
  });
});
