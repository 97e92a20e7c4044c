import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ensurePrivateDirectory, isNotFound, writeFileAtomic } from '../../../src/core/files/atomicWrite';
import { makeTempHome } from '../../support/tempHome';

const modeOf = async (file: string): Promise<number> => (await fs.stat(file)).mode & 0o777;

/**
 * Runs `action` with this process's file size limit (RLIMIT_FSIZE, `ulimit -f`) lowered to
 * `bytes`: a write past it fails with EFBIG, as a write on a full disk fails with ENOSPC
 * (Node ignores the SIGXFSZ that would otherwise end the process).
 */
async function withFileSizeLimit<T>(bytes: number, action: () => Promise<T>): Promise<T> {
  const pid = String(process.pid);
  const soft = execFileSync('prlimit', ['--pid', pid, '--fsize', '--output=SOFT', '--noheadings', '--raw'], { encoding: 'utf8' }).trim();
  execFileSync('prlimit', ['--pid', pid, `--fsize=${String(bytes)}:`]);
  try {
    return await action();
  } finally {
    execFileSync('prlimit', ['--pid', pid, `--fsize=${soft}:`]);
  }
}

/** What this process has open under `folder` (Linux: the links in /proc/self/fd). */
async function openUnder(folder: string): Promise<string[]> {
  const targets = await Promise.all((await fs.readdir('/proc/self/fd')).map((fd) => fs.readlink(path.join('/proc/self/fd', fd)).catch(() => '')));
  return targets.filter((target) => target.startsWith(folder));
}

describe('writeFileAtomic and ensurePrivateDirectory', function () {
  let home: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ home, remove } = await makeTempHome());
  });
  afterEach(async () => {
    await remove();
  });

  it('creates a file with the mode asked for, whatever the umask, and keeps the mode of a file it replaces', async () => {
    const file = path.join(home, 'a');
    const previous = process.umask(0o000);
    try {
      await writeFileAtomic(file, 'one', { mode: 0o600 });
    } finally {
      process.umask(previous);
    }
    assert.equal(await modeOf(file), 0o600);
    await fs.chmod(file, 0o640);
    await writeFileAtomic(file, 'two');
    assert.equal(await fs.readFile(file, 'utf8'), 'two');
    assert.equal(await modeOf(file), 0o640);
  });

  it('keeps the previous content as the backup, with the backup mode asked for', async () => {
    const file = path.join(home, 'b');
    await fs.writeFile(file, 'old');
    await fs.chmod(file, 0o644);
    await writeFileAtomic(file, 'new', { backupPath: `${file}.bak`, backupMode: 0o600 });
    assert.equal(await fs.readFile(`${file}.bak`, 'utf8'), 'old');
    assert.equal(await modeOf(`${file}.bak`), 0o600);
    assert.equal(await modeOf(file), 0o644);
    await writeFileAtomic(file, 'newer', { backupPath: `${file}.bak2` });
    assert.equal(await modeOf(`${file}.bak2`), 0o644, 'without backupMode the backup has the mode of the file it copies');
  });

  it('leaves no temporary file behind when the write fails, and the old file as it was', async () => {
    const file = path.join(home, 'c');
    await fs.writeFile(file, 'old');
    // A folder where the file should go: the rename fails after the temporary file is written.
    const folder = path.join(home, 'in-the-way');
    await fs.mkdir(path.join(folder, 'child'), { recursive: true });
    await assert.rejects(writeFileAtomic(folder, 'x'));
    assert.deepEqual((await fs.readdir(home)).sort(), ['c', 'in-the-way']);
    assert.equal(await fs.readFile(file, 'utf8'), 'old');
  });

  it('gives the mode asked for even when the umask would narrow it', async () => {
    const file = path.join(home, 'shared');
    const previous = process.umask(0o077);
    try {
      await writeFileAtomic(file, 'x', { mode: 0o644 });
    } finally {
      process.umask(previous);
    }
    assert.equal(await modeOf(file), 0o644);
  });

  it('removes the temporary file and leaves the old file as it was when the new content cannot be written', async () => {
    const file = path.join(home, 'd');
    await fs.writeFile(file, 'old');
    const big = 'x'.repeat(1024 * 1024);
    await assert.rejects(
      withFileSizeLimit(64 * 1024, () => writeFileAtomic(file, big)),
      { code: 'EFBIG' },
    );
    assert.deepEqual(await fs.readdir(home), ['d']);
    assert.equal(await fs.readFile(file, 'utf8'), 'old');
    assert.deepEqual(await openUnder(home), [], 'the temporary file is closed');
    await writeFileAtomic(file, big);
    assert.deepEqual(await openUnder(home), [], 'a write that succeeds leaves nothing open either');
    assert.equal((await fs.stat(file)).size, big.length);
  });

  it('refuses to replace a link it cannot follow (a loop) rather than taking it for a missing file', async () => {
    const file = path.join(home, 'loop');
    await fs.symlink('loop', file);
    await assert.rejects(writeFileAtomic(file, 'x'), { code: 'ELOOP' });
    assert.ok((await fs.lstat(file)).isSymbolicLink());
    assert.deepEqual(await fs.readdir(home), ['loop']);
  });

  it('makes a folder private, tightens one that exists, and refuses a file or a link in its place', async () => {
    const fresh = path.join(home, 'x', 'y');
    await ensurePrivateDirectory(fresh);
    assert.equal(await modeOf(fresh), 0o700);
    const existing = path.join(home, 'open');
    await fs.mkdir(existing, { mode: 0o755 });
    await fs.chmod(existing, 0o755);
    await ensurePrivateDirectory(existing);
    assert.equal(await modeOf(existing), 0o700);
    await ensurePrivateDirectory(existing, 0o750);
    assert.equal(await modeOf(existing), 0o750);
    const file = path.join(home, 'file');
    await fs.writeFile(file, '');
    await assert.rejects(ensurePrivateDirectory(file), { code: 'EEXIST' });
    // A link to a folder is not made private through: its target may be anyone's.
    const link = path.join(home, 'link');
    await fs.symlink(existing, link);
    await fs.chmod(existing, 0o755);
    await assert.rejects(ensurePrivateDirectory(link), (error: unknown) => error instanceof Error && (error as { code?: string }).code === 'ENOTDIR' && error.message === `${link} is not a directory`);
    assert.equal(await modeOf(existing), 0o755);
  });

  it('tells "not found" from every other error', () => {
    assert.equal(isNotFound(Object.assign(new Error('x'), { code: 'ENOENT' })), true);
    assert.equal(isNotFound(Object.assign(new Error('x'), { code: 'EACCES' })), false);
    assert.equal(isNotFound('ENOENT'), false);
    assert.equal(isNotFound(null), false);
  });
});
