import * as fs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';

export interface FileLockOptions {
  /** Give up waiting after this long (ms). 0 = try once. */
  readonly timeoutMs?: number;
  /** A lock older than this, or whose owner process is gone, is taken over. */
  readonly staleMs?: number;
  readonly retryMs?: number;
  readonly now?: () => number;
}

interface LockRecord {
  readonly pid: number;
  readonly host: string;
  readonly acquiredAt: number;
}

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
  const deadline = now() + (options.timeoutMs ?? 10_000);
  const staleMs = options.staleMs ?? 60_000;
  const record: LockRecord = { pid: process.pid, host: os.hostname(), acquiredAt: now() };
  for (;;) {
    // The record is written to a private file first and hard-linked into place, so the
    // lock appears with its full content at once (link fails with EEXIST if it is held).
    const pending = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await fs.writeFile(pending, JSON.stringify(record), { mode: 0o600 });
    try {
      await fs.link(pending, lockPath);
      return async () => {
        // Only remove the lock if it is still ours (a waiter may have judged it stale).
        const current = await readLock(lockPath);
        if (current?.pid === record.pid && current.acquiredAt === record.acquiredAt) await fs.rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    } finally {
      await fs.rm(pending, { force: true });
    }
    const holder = await readLock(lockPath);
    if (holder === undefined || isStale(holder, staleMs, now())) {
      // Rename-then-remove so two waiters cannot both delete a fresh lock taken in between.
      const grave = `${lockPath}.stale.${process.pid}.${now()}`;
      try {
        await fs.rename(lockPath, grave);
        await fs.rm(grave, { force: true });
      } catch {
        /* someone else took it over first; loop */
      }
      continue;
    }
    if (now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 50));
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

async function readLock(lockPath: string): Promise<LockRecord | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(lockPath, 'utf8')) as Partial<LockRecord>;
    if (typeof parsed.pid === 'number' && typeof parsed.acquiredAt === 'number' && typeof parsed.host === 'string') {
      return { pid: parsed.pid, acquiredAt: parsed.acquiredAt, host: parsed.host };
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
