import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import * as path from 'node:path';

export interface AtomicWriteOptions {
  /**
   * Permission bits for the new file. Applied with `fchmod` after creation so the
   * process umask cannot widen or narrow them. Default: keep the mode of the file being
   * replaced, else 0o644 less the umask (what a plain write would give).
   */
  readonly mode?: number;
  /** Where to keep the previous content (one backup, replaced each time). */
  readonly backupPath?: string;
  /** Permission bits of the backup. Default: those of the file being replaced. */
  readonly backupMode?: number;
}

/**
 * Replaces `target` with `data` so that every reader, and every crash, sees either the
 * old complete file or the new complete file.
 *
 * Write-to-temp, fsync, rename is the only portable way to get that; the temp file is
 * created with O_EXCL | O_NOFOLLOW in the same directory so a link planted there is
 * never followed, and rename replaces a link at `target` rather than writing through it.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const directory = path.dirname(target);
  const previous = await statIfExists(target);
  const mode = options.mode ?? (previous?.isFile() ? previous.mode & 0o777 : undefined);

  if (options.backupPath && previous?.isFile()) {
    await writeFileAtomic(options.backupPath, await fs.readFile(target), { mode: options.backupMode ?? previous.mode & 0o777 });
  }

  const temp = path.join(directory, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const flags = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW;
  // Created with `mode` (less the umask) already, so not even the empty file is more open than asked.
  const handle = await fs.open(temp, flags, mode);
  try {
    try {
      if (mode !== undefined) await handle.chmod(mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: open created the temporary file and a failed rename leaves it, so it exists here; force only matters if another process deleted it meanwhile
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

/**
 * Creates `directory` (and parents) and makes sure the leaf has exactly `mode`, even
 * under a permissive umask — the AWS CLI keeps `~/.aws/sso/cache` private this way.
 */
export async function ensurePrivateDirectory(directory: string, mode = 0o700): Promise<void> {
  await fs.mkdir(directory, { recursive: true, mode });
  const stats = await fs.lstat(directory);
  if (!stats.isDirectory()) {
    throw Object.assign(new Error(`${directory} is not a directory`), { code: 'ENOTDIR' });
  }
  // Stryker disable next-line ConditionalExpression,LogicalOperator: an extra chmod sets the mode the folder has already (on another user's folder it fails, but one private to someone else is of no use anyway); win32 cannot differ on Linux
  if ((stats.mode & 0o777) !== mode && process.platform !== 'win32') {
    await fs.chmod(directory, mode);
  }
}

async function statIfExists(file: string): Promise<import('node:fs').Stats | undefined> {
  try {
    return await fs.stat(file);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

// Makes the rename itself durable. Not supported on every platform, and losing it only
// weakens durability after a power cut, never atomicity, so failures are ignored. Hence
// leaving the fsync out cannot be seen by any test (the Stryker comments); leaving the
// folder open can.
// Stryker disable next-line BlockStatement: no fsync, seen only after a power cut
async function syncDirectory(directory: string): Promise<void> {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: no fsync (seen only after a power cut), or on Linux the same
  if (process.platform === 'win32') return;
  // Stryker disable next-line BlockStatement: no fsync, seen only after a power cut
  try {
    const handle = await fs.open(directory, fsConstants.O_RDONLY);
    // Stryker disable next-line BlockStatement: no fsync, seen only after a power cut
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* see above */
  }
}

export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
