import * as fs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';

export interface FileLockOptions {
  /** Give up waiting after this long (ms). 0 = try once. */
  readonly timeoutMs?: number;
  /** A lock older than this, or whose owner process is gone, is taken over. */
  readonly staleMs?: number;
  /** Pause between two tries while a live process holds the lock. */
  readonly retryMs?: number;
  readonly now?: () => number;
  /** Waits `ms` between tries; a test passes one that moves its clock instead. */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Test seam: runs after this waiter judged the lock stale and before it tries to break
   * it, so a test can line two waiters up on the same dead holder.
   */
  readonly beforeBreakingStale?: () => Promise<void>;
}

interface LockRecord {
  readonly pid: number;
  readonly host: string;
  readonly acquiredAt: number;
  /** Tells two records of the same process and millisecond apart. */
  readonly nonce: string;
}

/** Breaking a stale lock takes milliseconds; a breaker older than this died while doing it. */
const BREAKER_STALE_MS = 10_000;

/**
 * A cross-process lock (several VS Code windows, the CLI) built on an exclusive lock file.
 *
 * Hand-written because the lock must recover from a holder killed with SIGKILL: the
 * file records the owner's pid and time, and a waiter takes it over when that process
 * no longer exists on this host or the lock is older than `staleMs`.
 * Returns undefined when the lock could not be had within `timeoutMs`.
 */
export async function acquireFileLock(lockPath: string, options: FileLockOptions = {}): Promise<(() => Promise<void>) | undefined> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? delay;
  const deadline = now() + (options.timeoutMs ?? 10_000);
  const staleMs = options.staleMs ?? 60_000;
  for (;;) {
    const record = newRecord(now());
    if (await linkRecord(lockPath, record)) {
      return async () => {
        // Only remove the lock if it is still ours (a waiter may have judged it stale).
        await removeIfRecord(lockPath, record);
      };
    }
    const holder = await readLock(lockPath);
    if (holder === undefined || isStale(holder, staleMs, now())) {
      await options.beforeBreakingStale?.();
      // Tried to break it: try again at once. Another waiter breaking it: wait as for a live holder.
      if (await breakStaleLock(lockPath, holder, now)) continue;
    }
    if (now() >= deadline) return undefined;
    await sleep(options.retryMs ?? 50);
  }
}

/** Runs `action` while holding the lock; throws a plain error if the lock cannot be had. */
export async function withFileLock<T>(lockPath: string, action: () => Promise<T>, options?: FileLockOptions): Promise<T> {
  const release = await acquireFileLock(lockPath, options);
  if (!release) throw Object.assign(new Error(`Timed out waiting for the lock ${lockPath}`), { code: 'ELOCKED' });
  try {
    return await action();
  } finally {
    await release();
  }
}

function newRecord(acquiredAt: number): LockRecord {
  return { pid: process.pid, host: os.hostname(), acquiredAt, nonce: randomBytes(8).toString('hex') };
}

/**
 * Creates `lockPath` holding `record`, or returns false when it exists. The record is
 * written to a private file first and hard-linked into place, so the lock appears with
 * its full content at once.
 */
async function linkRecord(lockPath: string, record: LockRecord): Promise<boolean> {
  const pending = `${lockPath}.${process.pid}.${record.nonce}`;
  await fs.writeFile(pending, JSON.stringify(record), { mode: 0o600 });
  try {
    await fs.link(pending, lockPath);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
    return false;
  } finally {
    await fs.rm(pending, { force: true });
  }
}

/**
 * Removes the stale lock `judged` — and only it. Two waiters that saw the same dead
 * holder used to race here: the first removed it and took the lock, then the second
 * removed the first one's fresh lock. Now a waiter breaks a lock only while holding the
 * breaker file beside it, and only if the lock still holds the very record it judged
 * stale (its nonce); the second waiter then finds the first one's live record and waits.
 * Returns false while another waiter holds the breaker, true when trying again may succeed.
 */
async function breakStaleLock(lockPath: string, judged: LockRecord | undefined, now: () => number): Promise<boolean> {
  const breakerPath = `${lockPath}.break`;
  const breaker = newRecord(now());
  if (!(await linkRecord(breakerPath, breaker))) {
    // Someone else is breaking it: wait. A breaker whose process died, or that is older
    // than breaking takes, is removed.
    const other = await readLock(breakerPath);
    if (other !== undefined && !isStale(other, BREAKER_STALE_MS, now())) return false;
    await removeIfRecord(breakerPath, other);
    return true;
  }
  try {
    const current = await readLock(lockPath);
    const sameRecord = judged === undefined ? current === undefined : current?.nonce === judged.nonce && current.pid === judged.pid && current.acquiredAt === judged.acquiredAt;
    // An unreadable lock (half-written by a killed holder) has no record to compare; it
    // is removed only if it is still unreadable now that we hold the breaker (or gone:
    // the holder released it meanwhile, hence force).
    if (sameRecord) await fs.rm(lockPath, { force: true });
    return true;
  } finally {
    await removeIfRecord(breakerPath, breaker);
  }
}

/** Removes `file` if it still holds `record` (undefined: if it is still unreadable). */
async function removeIfRecord(file: string, record: LockRecord | undefined): Promise<void> {
  const current = await readLock(file);
  if (record === undefined ? current === undefined : current?.nonce === record.nonce) await fs.rm(file, { force: true });
}

async function readLock(lockPath: string): Promise<LockRecord | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(lockPath, 'utf8')) as Partial<LockRecord>;
    if (typeof parsed.pid === 'number' && typeof parsed.acquiredAt === 'number' && typeof parsed.host === 'string') {
      // Locks written by an older version have no nonce; their pid and time identify them.
      // Stryker disable next-line StringLiteral: any constant does: it is compared only with another old record's (equal either way) or a new record's 16 hex digits (unequal either way)
      return { pid: parsed.pid, acquiredAt: parsed.acquiredAt, host: parsed.host, nonce: typeof parsed.nonce === 'string' ? parsed.nonce : '' };
    }
  } catch {
    /* missing, half-written by a killed holder, or garbage: all treated as stale */
  }
  return undefined;
}

function isStale(holder: LockRecord, staleMs: number, now: number): boolean {
  if (now - holder.acquiredAt > staleMs) return true;
  if (holder.host !== os.hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'ESRCH';
  }
}
