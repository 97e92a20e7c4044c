import { constants as fsConstants } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ensurePrivateDirectory, isNotFound, writeFileAtomic } from '../files/atomicWrite';
import { withFileLock } from '../files/fileLock';
import { pythonJsonDumps } from './pythonJson';

/**
 * Why a cache file could not be used. Every one of these is treated as "no cached
 * value" (the next sign-in replaces the file), never as a crash.
 */
export type CacheFileProblem = 'corrupt-json' | 'not-an-object' | 'invalid-fields' | 'symlink' | 'not-a-file' | 'unreadable';

export interface CacheJsonRead {
  readonly data?: Readonly<Record<string, unknown>>;
  readonly problem?: CacheFileProblem;
}

/**
 * Reads a JSON object from the SSO cache without following a symbolic link: the cache
 * holds bearer tokens, and a link planted in it could make us read (and later re-write
 * with a token) a file elsewhere. The link check and the open are one step
 * (O_NOFOLLOW), so swapping the file in between does not help. Parse errors are never
 * rethrown: V8's message quotes the file content, which may contain a token.
 */
export async function readCacheJson(file: string): Promise<CacheJsonRead> {
  // Stryker disable all: this branch only runs on Windows; the suite runs on Linux, where O_NOFOLLOW and fstat below give the same answers.
  if (process.platform === 'win32') {
    const refused = await windowsPreOpenCheck(file);
    if (refused) return refused;
  }
  // Stryker restore all
  let text: string;
  try {
    const handle = await fs.open(file, openFlags());
    try {
      if (!(await handle.stat()).isFile()) return { problem: 'not-a-file' };
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (isNotFound(error)) return {};
    const code = (error as { code?: unknown }).code;
    if (code === 'ELOOP') return { problem: 'symlink' };
    // FreeBSD says EMLINK where Linux and macOS say ELOOP.
    // Stryker disable next-line all: open never fails with EMLINK on Linux, where the suite runs
    if (code === 'EMLINK') return { problem: 'symlink' };
    return { problem: 'unreadable' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: 'corrupt-json' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { problem: 'not-an-object' };
  return { data: parsed as Record<string, unknown> };
}

/**
 * Writes `fields` (in their order; each one of `knownKeys`) followed by every field of
 * the existing file that is not one of `knownKeys`, so values other tools keep there
 * survive. Known fields are always ours: a field we no longer set (say an old refreshToken) is dropped, not kept
 * stale. Atomic, mode 0600 in a 0700 folder whatever the umask, under a lock shared
 * with other windows, in the byte format the AWS CLI uses.
 */
export async function writeCacheJsonPreservingUnknown(
  file: string,
  fields: Readonly<Record<string, unknown>>,
  knownKeys: readonly string[],
  options: { readonly lockHeld?: boolean } = {},
): Promise<void> {
  await ensurePrivateDirectory(path.dirname(file));
  const write = async (): Promise<void> => {
    const existing = await readCacheJson(file);
    const unknown = Object.entries(existing.data ?? {}).filter(([key]) => !knownKeys.includes(key));
    const record = { ...fields, ...Object.fromEntries(unknown) };
    await writeFileAtomic(file, pythonJsonDumps(record), { mode: 0o600 });
  };
  // A caller that refreshes a token holds this lock across the refresh already.
  if (options.lockHeld === true) await write();
  else await withFileLock(cacheFileLockPath(file), write);
}

/** The lock beside a cache file, taken by every write and held across a token refresh. */
export function cacheFileLockPath(file: string): string {
  return `${file}.lock`;
}

export function optionalString(data: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' ? value : undefined;
}

// Stryker disable all: Windows only (see readCacheJson).
async function windowsPreOpenCheck(file: string): Promise<CacheJsonRead | undefined> {
  try {
    const stats = await fs.lstat(file);
    if (stats.isSymbolicLink()) return { problem: 'symlink' };
    if (!stats.isFile()) return { problem: 'not-a-file' };
    return undefined;
  } catch (error) {
    return isNotFound(error) ? {} : { problem: 'unreadable' };
  }
}
// Stryker restore all

/**
 * Refuses a symbolic link in the same step as the open; O_NONBLOCK keeps a FIFO planted
 * in the cache from blocking the open (it is then refused as not a file). Windows has
 * neither flag: there an lstat before the open is what guards.
 */
function openFlags(): number {
  // Stryker disable next-line ConditionalExpression: its "false" form is what Linux, where the suite runs, does anyway; its "true" form equals the EqualityOperator mutant, which the symbolic-link test kills
  return process.platform === 'win32' ? fsConstants.O_RDONLY : fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK;
}
