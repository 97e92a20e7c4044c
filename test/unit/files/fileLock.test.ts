import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
// The module object itself (the namespace import is a read-only view of it), to make link fail.
import fsModule from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireFileLock, withFileLock } from '../../../src/core/files/fileLock';
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

/**
 * A clock that moves only when the waiter pauses. A waiter that keeps reading it without
 * pausing is trying again and again without waiting: the clock then fails it.
 */
function pausedClock(start = 1_000_000): { now: () => number; sleep: (ms: number) => Promise<void>; pauses: number[]; time: () => number } {
  let time = start;
  let readsSincePause = 0;
  const pauses: number[] = [];
  return {
    now: () => {
      readsSincePause++;
      if (readsSincePause > 100) throw new Error('the waiter keeps trying without pausing');
      return time;
    },
    sleep: async (ms: number) => {
      pauses.push(ms);
      time += ms;
      readsSincePause = 0;
      await Promise.resolve();
    },
    pauses,
    time: () => time,
  };
}

describe('fileLock: when a lock is taken over, waited for or given up', () => {
  const T = 1_000_000;
  let home: string;
  let remove: () => Promise<void>;
  let dead: number;
  before(async () => {
    dead = await deadPid();
  });
  beforeEach(async () => {
    ({ home, remove } = await makeTempHome('file-lock-rules-'));
  });
  afterEach(async () => {
    await remove();
  });

  const plant = async (name: string, record: object | string): Promise<string> => {
    const file = path.join(home, name);
    await fs.writeFile(file, typeof record === 'string' ? record : JSON.stringify(record));
    return file;
  };
  const live = (acquiredAt = T): object => ({ pid: process.pid, host: os.hostname(), acquiredAt, nonce: 'live-holder' });
  const read = async (file: string): Promise<unknown> => JSON.parse(await fs.readFile(file, 'utf8'));

  it('waits for a live holder, pausing retryMs (50 ms unless told) between tries, and gives up at the deadline (10 s unless told)', async () => {
    const lockPath = await plant('a.lock', live());
    let clock = pausedClock(T);
    assert.equal(await acquireFileLock(lockPath, { now: clock.now, sleep: clock.sleep }), undefined);
    assert.equal(clock.pauses.length, 200);
    assert.ok(clock.pauses.every((ms) => ms === 50), String(clock.pauses));
    assert.equal(clock.time(), T + 10_000);

    // Tries at 0, 30, 60 and 90 ms: the try at the deadline is the last.
    clock = pausedClock(T);
    assert.equal(await acquireFileLock(lockPath, { now: clock.now, sleep: clock.sleep, timeoutMs: 90, retryMs: 30 }), undefined);
    assert.deepEqual(clock.pauses, [30, 30, 30]);

    clock = pausedClock(T);
    assert.equal(await acquireFileLock(lockPath, { now: clock.now, sleep: clock.sleep, timeoutMs: 0 }), undefined);
    assert.deepEqual(clock.pauses, [], 'timeoutMs 0 tries once');
    assert.deepEqual(await read(lockPath), live());
  });

  it('takes over a lock whose holder is gone or that is older than staleMs, never a live holder\'s nor, while fresh, another host\'s', async () => {
    const cases: { name: string; holder: object; staleMs?: number; takenOver: boolean }[] = [
      { name: 'holder process gone', holder: { pid: dead, host: os.hostname(), acquiredAt: T, nonce: 'n' }, takenOver: true },
      { name: 'live holder, 60 s old', holder: live(T - 60_000), takenOver: false },
      { name: 'live holder, older than 60 s', holder: live(T - 60_001), takenOver: true },
      { name: 'live holder, older than staleMs', holder: live(T - 1_001), staleMs: 1_000, takenOver: true },
      { name: 'live holder, as old as staleMs', holder: live(T - 1_000), staleMs: 1_000, takenOver: false },
      // Signalling it is not allowed (another user's process): it is alive.
      { name: 'holder process of another user', holder: { pid: 1, host: os.hostname(), acquiredAt: T, nonce: 'n' }, takenOver: false },
      // Whether a process on another machine (a shared home) lives cannot be told from here.
      { name: 'other host, pid unknown here', holder: { pid: dead, host: `not-${os.hostname()}`, acquiredAt: T - 60_000, nonce: 'n' }, takenOver: false },
      { name: 'other host, older than 60 s', holder: { pid: dead, host: `not-${os.hostname()}`, acquiredAt: T - 60_001, nonce: 'n' }, takenOver: true },
    ];
    for (const [i, c] of cases.entries()) {
      const lockPath = await plant(`${String(i)}.lock`, c.holder);
      const clock = pausedClock(T);
      const release = await acquireFileLock(lockPath, { now: clock.now, sleep: clock.sleep, timeoutMs: 0, ...(c.staleMs === undefined ? {} : { staleMs: c.staleMs }) });
      assert.equal(release !== undefined, c.takenOver, c.name);
      if (release) {
        assert.deepEqual({ ...(await read(lockPath) as object), nonce: '' }, { pid: process.pid, host: os.hostname(), acquiredAt: T, nonce: '' }, c.name);
        await release();
        await assert.rejects(fs.stat(lockPath), { code: 'ENOENT' }, c.name);
      } else {
        assert.deepEqual(await read(lockPath), c.holder, c.name);
      }
    }
    assert.deepEqual((await fs.readdir(home)).sort(), ['1.lock', '4.lock', '5.lock', '6.lock'], 'no pending record or breaker is left behind');
  });

  it('takes over a lock left unreadable by a killed holder, unless it became a live lock or went away meanwhile', async () => {
    const halfWritten = '{"pid":12';
    let lockPath = await plant('a.lock', halfWritten);
    let clock = pausedClock(T);
    let release = await acquireFileLock(lockPath, { now: clock.now, sleep: clock.sleep, timeoutMs: 0 });
    assert.ok(release, 'unreadable lock taken over');
    await release();

    // Between this waiter's read and its break, another process broke it and holds it now.
    lockPath = await plant('b.lock', halfWritten);
    clock = pausedClock(T);
    let breaks = 0;
    release = await acquireFileLock(lockPath, {
      now: clock.now,
      sleep: clock.sleep,
      timeoutMs: 0,
      beforeBreakingStale: async () => {
        if (breaks++ === 0) await fs.writeFile(lockPath, JSON.stringify(live()));
      },
    });
    assert.equal(release, undefined, 'a live lock that replaced the unreadable one is kept');
    assert.deepEqual(await read(lockPath), live());

    // Between this waiter's read and its break, the holder released it.
    lockPath = await plant('c.lock', halfWritten);
    clock = pausedClock(T);
    release = await acquireFileLock(lockPath, { now: clock.now, sleep: clock.sleep, timeoutMs: 0, beforeBreakingStale: () => fs.rm(lockPath) });
    assert.ok(release, 'a lock released while being broken is simply taken');
    await release();
    assert.deepEqual(await fs.readdir(home), ['b.lock']);
  });

  it('breaks a lock of an older version (no nonce) only while it is the record judged stale, told by pid and time', async () => {
    const replacedBy = async (judged: object, replacement: object): Promise<{ taken: boolean; lock: unknown }> => {
      const lockPath = await plant('old.lock', judged);
      const clock = pausedClock(T);
      let breaks = 0;
      const release = await acquireFileLock(lockPath, {
        now: clock.now,
        sleep: clock.sleep,
        timeoutMs: 0,
        beforeBreakingStale: async () => {
          if (breaks++ === 0) await fs.writeFile(lockPath, JSON.stringify(replacement));
        },
      });
      const lock = await read(lockPath);
      await release?.();
      await fs.rm(lockPath, { force: true });
      return { taken: release !== undefined, lock };
    };
    const host = os.hostname();
    // A dead holder's lock replaced, at the same millisecond, by a live process's.
    assert.deepEqual(await replacedBy({ pid: dead, host, acquiredAt: T }, { pid: process.pid, host, acquiredAt: T }), { taken: false, lock: { pid: process.pid, host, acquiredAt: T } });
    // An expired lock replaced by a fresh one of the same process.
    assert.deepEqual(await replacedBy({ pid: process.pid, host, acquiredAt: T - 60_001 }, { pid: process.pid, host, acquiredAt: T }), { taken: false, lock: { pid: process.pid, host, acquiredAt: T } });
    // Still the record judged stale: broken.
    assert.equal((await replacedBy({ pid: dead, host, acquiredAt: T }, { pid: dead, host, acquiredAt: T })).taken, true);
  });

  it('waits while another live waiter is breaking the lock, and removes a breaker whose process died, that is unreadable or older than 10 s', async () => {
    const cases: { name: string; breaker: object | string; removed: boolean }[] = [
      { name: 'live breaker', breaker: live(T), removed: false },
      { name: 'live breaker, 10 s old', breaker: live(T - 10_000), removed: false },
      { name: 'live breaker, older than 10 s', breaker: live(T - 10_001), removed: true },
      { name: 'breaker process gone', breaker: { pid: dead, host: os.hostname(), acquiredAt: T, nonce: 'b' }, removed: true },
      { name: 'unreadable breaker', breaker: '{"pid', removed: true },
    ];
    for (const [i, c] of cases.entries()) {
      const holder = { pid: dead, host: os.hostname(), acquiredAt: T, nonce: 'dead-holder' };
      const lockPath = await plant(`${String(i)}.lock`, holder);
      await plant(`${String(i)}.lock.break`, c.breaker);
      const clock = pausedClock(T);
      const release = await acquireFileLock(lockPath, { now: clock.now, sleep: clock.sleep, timeoutMs: 0 });
      assert.equal(release !== undefined, c.removed, c.name);
      if (release) {
        await release();
        assert.deepEqual((await fs.readdir(home)).filter((f) => f.startsWith(`${String(i)}.`)), [], c.name);
      } else {
        assert.deepEqual(await read(lockPath), holder, c.name);
        assert.deepEqual(await read(`${lockPath}.break`), c.breaker, c.name);
      }
    }

    // Waiting for a live breaker means pausing between tries, as for a live holder.
    const clock = pausedClock(T);
    assert.equal(await acquireFileLock(path.join(home, '0.lock'), { now: clock.now, sleep: clock.sleep, timeoutMs: 100 }), undefined);
    assert.deepEqual(clock.pauses, [50, 50]);
  });

  it('on a file system without hard links the lock fails with its error at once, leaving nothing behind', async () => {
    // FAT and some network file systems answer link() with EPERM; this one is made to.
    const link = fsModule.link;
    fsModule.link = () => Promise.reject(Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' }));
    try {
      const clock = pausedClock(T);
      await assert.rejects(acquireFileLock(path.join(home, 'a.lock'), { now: clock.now, sleep: clock.sleep }), { code: 'EPERM' });
    } finally {
      fsModule.link = link;
    }
    assert.deepEqual(await fs.readdir(home), []);
  });

  it('a release removes the lock only while it is still its own', async () => {
    const lockPath = path.join(home, 'a.lock');
    let release = await acquireFileLock(lockPath);
    assert.ok(release);
    // Another process judged it stale, broke it and holds it now.
    await fs.writeFile(lockPath, JSON.stringify(live()));
    await release();
    assert.deepEqual(await read(lockPath), live());
    await fs.rm(lockPath);

    release = await acquireFileLock(lockPath);
    assert.ok(release);
    await fs.rm(lockPath);
    await release();
    assert.deepEqual(await fs.readdir(home), []);
  });

  it('the lock file is readable and writable by its owner only', async () => {
    // A umask that would leave a plain new file readable by everyone.
    const umask = process.umask(0o022);
    try {
      const lockPath = path.join(home, 'a.lock');
      const release = await acquireFileLock(lockPath);
      assert.ok(release);
      assert.equal((await fs.stat(lockPath)).mode & 0o777, 0o600);
      await release();
    } finally {
      process.umask(umask);
    }
  });

  it('a holder that may not be signalled (another user\'s process, EPERM) is alive until the lock is stale', async () => {
    const lockPath = await plant('a.lock', { pid: dead, host: os.hostname(), acquiredAt: T, nonce: 'n' });
    // The tests may run as root, who may signal any process: the refusal is made here.
    const kill = Reflect.get<typeof process, 'kill'>(process, 'kill');
    process.kill = (pid: number, signal?: string | number) => {
      if (pid === dead) throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
      return Reflect.apply(kill, process, [pid, signal]);
    };
    try {
      const clock = pausedClock(T);
      assert.equal(await acquireFileLock(lockPath, { now: clock.now, sleep: clock.sleep, timeoutMs: 0 }), undefined);
    } finally {
      process.kill = kill;
    }
    assert.deepEqual(await read(lockPath), { pid: dead, host: os.hostname(), acquiredAt: T, nonce: 'n' });
  });

  it('files that vanish under it (removed by another process or a cleaner) do not fail taking or releasing the lock', async () => {
    const lockPath = path.join(home, 'a.lock');
    // The private pending record removed right after it was linked into place.
    const link = fsModule.link;
    fsModule.link = async (from, to) => {
      await link(from, to);
      await fs.rm(from);
    };
    let release: (() => Promise<void>) | undefined;
    try {
      release = await acquireFileLock(lockPath);
    } finally {
      fsModule.link = link;
    }
    assert.ok(release);
    assert.equal(((await read(lockPath)) as { pid: number }).pid, process.pid);

    // The lock removed (judged stale and broken by another waiter) right after the release read it as its own.
    const readFile = fsModule.readFile;
    fsModule.readFile = (async (file: string, options: BufferEncoding) => {
      const text = await readFile(file, options);
      if (file === lockPath) await fs.rm(lockPath);
      return text;
    }) as typeof fsModule.readFile;
    try {
      await release();
    } finally {
      fsModule.readFile = readFile;
    }
    assert.deepEqual(await fs.readdir(home), []);
  });

  it('an unreadable breaker is removed only while still unreadable, not once a live waiter has replaced it', async () => {
    const lockPath = await plant('a.lock', { pid: dead, host: os.hostname(), acquiredAt: T, nonce: 'dead-holder' });
    const breakerPath = await plant('a.lock.break', '{"pid');
    // A live waiter removes the unreadable breaker and puts its own in place right after this one read it.
    const readFile = fsModule.readFile;
    let replaced = false;
    fsModule.readFile = (async (file: string, options: BufferEncoding) => {
      const text = await readFile(file, options);
      if (file === breakerPath && !replaced) {
        replaced = true;
        await fs.writeFile(breakerPath, JSON.stringify(live()));
      }
      return text;
    }) as typeof fsModule.readFile;
    let release: (() => Promise<void>) | undefined;
    try {
      const clock = pausedClock(T);
      release = await acquireFileLock(lockPath, { now: clock.now, sleep: clock.sleep, timeoutMs: 0 });
    } finally {
      fsModule.readFile = readFile;
    }
    assert.equal(release, undefined);
    assert.deepEqual(await read(breakerPath), live());
    assert.deepEqual(await read(lockPath), { pid: dead, host: os.hostname(), acquiredAt: T, nonce: 'dead-holder' });
  });

  it('withFileLock runs the action under the lock, releases it even when the action fails, and times out with ELOCKED naming the lock', async () => {
    const lockPath = path.join(home, 'w.lock');
    assert.equal(
      await withFileLock(lockPath, async () => {
        assert.equal(((await read(lockPath)) as { pid: number }).pid, process.pid);
        return 'done';
      }),
      'done',
    );
    await assert.rejects(
      withFileLock(lockPath, () => Promise.reject(new Error('action failed'))),
      { message: 'action failed' },
    );
    assert.deepEqual(await fs.readdir(home), []);

    await plant('w.lock', live());
    let ran = false;
    const clock = pausedClock(T);
    await assert.rejects(
      withFileLock(
        lockPath,
        async () => {
          ran = true;
          return Promise.resolve();
        },
        { now: clock.now, sleep: clock.sleep, timeoutMs: 0 },
      ),
      (error: unknown) => error instanceof Error && (error as { code?: string }).code === 'ELOCKED' && error.message === `Timed out waiting for the lock ${lockPath}`,
    );
    assert.equal(ran, false);
  });
});
