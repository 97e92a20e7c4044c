import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { pathExists } from '../../../src/core/files/pathExists';
import { makeTempHome } from '../../support/tempHome';

describe('pathExists', function () {
  let home: { home: string; remove: () => Promise<void> };
  beforeEach(async () => {
    home = await makeTempHome();
  });
  afterEach(async () => {
    await home.remove();
  });

  it('is true for a file, a folder and a link whose target is gone, false for nothing', async () => {
    const file = path.join(home.home, 'file');
    await fs.writeFile(file, 'x');
    await fs.symlink(path.join(home.home, 'gone'), path.join(home.home, 'dangling'));
    assert.equal(await pathExists(file), true);
    assert.equal(await pathExists(home.home), true);
    assert.equal(await pathExists(path.join(home.home, 'dangling')), true, 'a link is something, even when its target is not');
    assert.equal(await pathExists(path.join(home.home, 'missing')), false);
  });

  it('throws the errors other than "not found", so a file in the way is not mistaken for a free place', async () => {
    await fs.writeFile(path.join(home.home, 'file'), 'x');
    await assert.rejects(pathExists(path.join(home.home, 'file', 'below')), { code: 'ENOTDIR' });
  });
});
