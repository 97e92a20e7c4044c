import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireFileLock } from '../../../src/core/files/fileLock';
import { makeTempHome } from '../../support/tempHome';

/** A process id that existed a moment ago and is gone now: the holder of a lock left behind by a crash. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid ?? 0;
  await new Promise((resolve) => child.on('close', resolve));
  return pid;
}

describe('fileLock', () => {
  let home: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ home, remove } = await makeTempHome('file-lock-'));
  });
  afterEach(async () => {
    await remove();
  });

  it('two waiters that saw the same dead holder never both hold the lock', async () => {
    const lockPath = path.join(home, 'config.lock');
    await fs.writeFile(lockPath, JSON.stringify({ pid: await deadPid(), host: os.hostname(), acquiredAt: Date.now() }));

    // Both waiters read the dead holder's record; the second only goes on to break it once
    // the first has broken it and taken the lock (the interleaving that used to let the
    // second remove the first one's fresh lock).
    let firstHolds!: () => void;
    const firstHasLock = new Promise<void>((resolve) => (firstHolds = resolve));
    let seen = 0;
    let bothSawDeadHolder!: () => void;
    const bothSaw = new Promise<void>((resolve) => (bothSawDeadHolder = resolve));
    const lineUp = async (): Promise<void> => {
      seen++;
      if (seen === 2) bothSawDeadHolder();
      await bothSaw;
    };

    const events: string[] = [];
    let holders = 0;
    let maxHolders = 0;
    const hold = async (name: string, release: () => Promise<void>, whileHolding: Promise<unknown>): Promise<void> => {
      holders++;
      maxHolders = Math.max(maxHolders, holders);
      events.push(`${name} holds`);
      await whileHolding;
      holders--;
      events.push(`${name} releases`);
      await release();
    };

    let letFirstGo!: () => void;
    const firstMayRelease = new Promise<void>((resolve) => (letFirstGo = resolve));
    const first = (async () => {
      const release = await acquireFileLock(lockPath, { beforeBreakingStale: lineUp, retryMs: 5 });
      assert.ok(release);
      firstHolds();
      await hold('first', release, firstMayRelease);
    })();
    const second = (async () => {
      const release = await acquireFileLock(lockPath, {
        beforeBreakingStale: async () => {
          await lineUp();
          await firstHasLock;
        },
        retryMs: 5,
      });
      assert.ok(release);
      await hold('second', release, Promise.resolve());
    })();

    await firstHasLock;
    // The second waiter now tries to break the lock the first one holds; give it many
    // chances (it retries every 5 ms) before letting the first go.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    letFirstGo();
    await Promise.all([first, second]);
    assert.equal(maxHolders, 1, events.join(', '));
    assert.deepEqual(events, ['first holds', 'first releases', 'second holds', 'second releases']);
    await assert.rejects(fs.stat(lockPath), { code: 'ENOENT' });
    assert.deepEqual((await fs.readdir(home)).sort(), []);
  });

  it('a lock held by a live process is not taken over before it is stale', async () => {
    const lockPath = path.join(home, 'x.lock');
    const release = await acquireFileLock(lockPath);
    assert.ok(release);
    assert.equal(await acquireFileLock(lockPath, { timeoutMs: 0 }), undefined);
    await release();
    const again = await acquireFileLock(lockPath, { timeoutMs: 0 });
    assert.ok(again);
    await again();
  });

  it('a breaker left by a process that died while breaking does not block the lock for ever', async () => {
    const lockPath = path.join(home, 'y.lock');
    const pid = await deadPid();
    await fs.writeFile(lockPath, JSON.stringify({ pid, host: os.hostname(), acquiredAt: Date.now() }));
    await fs.writeFile(`${lockPath}.break`, JSON.stringify({ pid, host: os.hostname(), acquiredAt: Date.now(), nonce: 'dead' }));
    const release = await acquireFileLock(lockPath, { timeoutMs: 5_000, retryMs: 5 });
    assert.ok(release);
    await release();
    assert.deepEqual(await fs.readdir(home), []);
  });
});
