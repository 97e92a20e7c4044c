import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ensurePrivateDirectory, isNotFound, writeFileAtomic } from '../../../src/core/files/atomicWrite';
import { makeTempHome } from '../../support/tempHome';

const modeOf = async (file: string): Promise<number> => (await fs.stat(file)).mode & 0o777;

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
