import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { findProgram, findProgramSync } from '../../../src/core/runtime/programOnPath';

describe('programOnPath: the PATH lookup both the doctor and the awsAuthRefresh command use', () => {
  let dir: string;
  let env: Record<string, string>;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'program-on-path-'));
    const folders = ['a', 'b', 'c'].map((name) => path.join(dir, name));
    for (const folder of folders) await fs.mkdir(folder);
    // a/tool is not executable, b/tool is a folder, c/tool is the one the shell would run.
    await fs.writeFile(path.join(dir, 'a', 'tool'), '#!/bin/sh\n', { mode: 0o644 });
    await fs.mkdir(path.join(dir, 'b', 'tool'));
    await fs.writeFile(path.join(dir, 'c', 'tool'), '#!/bin/sh\n', { mode: 0o755 });
    env = { PATH: ['', ...folders].join(':') };
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const both = async (name: string, environment: Record<string, string>): Promise<(string | undefined)[]> => [await findProgram(name, environment, 'linux'), findProgramSync(name, environment, 'linux')];

  it('finds the first executable file, skipping files without the x bit, folders and empty PATH entries', async () => {
    // Running as root, access(X_OK) is still false for a file with no x bit at all.
    assert.deepEqual(await both('tool', env), [path.join(dir, 'c', 'tool'), path.join(dir, 'c', 'tool')]);
  });

  it('checks a name with a folder part where it points, not on PATH', async () => {
    assert.deepEqual(await both(path.join(dir, 'c', 'tool'), { PATH: '' }), [path.join(dir, 'c', 'tool'), path.join(dir, 'c', 'tool')]);
    assert.deepEqual(await both(path.join(dir, 'a', 'tool'), env), [undefined, undefined]);
  });

  it('answers undefined for a program that is nowhere, and for an empty PATH', async () => {
    assert.deepEqual(await both('no-such-tool', env), [undefined, undefined]);
    assert.deepEqual(await both('tool', {}), [undefined, undefined]);
  });
});
