import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ensurePrivateDirectory, isNotFound, writeFileAtomic } from '../files/atomicWrite';
import { acquireFileLock } from '../files/fileLock';
import type { Logger } from '../runtime/logger';
import { silentLogger } from '../runtime/logger';
import { isUserFacingError } from '../runtime/userFacingError';
import { redactSecrets } from '../secrets/redact';
import type { BilledCost } from './billedCost';
import type { CostReason } from './monthToDate';
import { utcMonth } from './utcCalendar';

export interface BilledCostCacheOptions {
  /** Shared by every process that shows the cost (the extension's global storage, or the CLI's cache dir). */
  readonly directory: string;
  readonly now: () => Date;
  /** Identifies the query (profile, tag, value, metric): a cache made for another one is ignored. */
  readonly queryKey: string;
  /**
   * The key of the same query with the developer's tag value named outright. An answer
   * fetched under another key (the tag read from the identity or the inference profile) is
   * filed under this one too, so a caller that already knows the value reuses it.
   */
  readonly keyForTagValue?: (tagValue: string) => string;
  readonly refreshIntervalMs?: number;
  readonly manualIntervalMs?: number;
  readonly logger?: Logger;
}

export interface BilledCostAnswer {
  /** The last successful result for this query and month, however old. */
  readonly billed: BilledCost | undefined;
  /** Milliseconds since `billed` was fetched. */
  readonly ageMs: number | undefined;
  /** The last attempt's failure, when the last attempt failed. */
  readonly error: (CostReason & { readonly at: string }) | undefined;
  /** This call asked Cost Explorer. */
  readonly refreshed: boolean;
  /** A manual refresh came too soon after the previous one. */
  readonly rateLimited?: { readonly nextAllowedAt: string };
  /** Another process holds the refresh lock right now; its result will be in the cache. */
  readonly refreshInProgress?: boolean;
}

export const DEFAULT_REFRESH_INTERVAL_MS = 6 * 60 * 60 * 1000;
export const DEFAULT_MANUAL_INTERVAL_MS = 60 * 1000;
const CACHE_FILE = 'cost-explorer-cache.json';
const LOCK_FILE = 'cost-explorer-cache.lock';
const CACHE_VERSION = 1;
/** A refresh that takes longer than this is presumed dead (Cost Explorer answers in seconds). */
const LOCK_STALE_MS = 5 * 60 * 1000;

interface CacheFile {
  readonly version: typeof CACHE_VERSION;
  readonly queryKey: string;
  /** Other keys that name the very query `billed` answers. */
  readonly aliases?: readonly string[];
  readonly billed: BilledCost | null;
  readonly fetchedAt: number | null;
  readonly lastAttemptAt: number | null;
  readonly lastManualAt: number | null;
  readonly lastError: (CostReason & { at: string }) | null;
}

/**
 * Cost Explorer through a cache shared by every VS Code window and the CLI, so the
 * developer pays for (and Cost Explorer sees) at most one request per interval, plus
 * manual refreshes of at most one a minute (after any request).
 *
 * Whoever finds the cache due takes the lock without waiting; everyone else keeps the
 * cached value. The attempt is written down before the request is made, so a process
 * killed mid-request still counts against the interval. Failures keep the last value.
 */
export async function readBilledCostThroughCache(options: BilledCostCacheOptions, request: { manual?: boolean }, fetch: () => Promise<BilledCost>): Promise<BilledCostAnswer> {
  const logger = options.logger ?? silentLogger;
  const interval = options.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS;
  const manualInterval = options.manualIntervalMs ?? DEFAULT_MANUAL_INTERVAL_MS;
  const cachePath = path.join(options.directory, CACHE_FILE);
  const now = options.now();

  const cached = await readCache(cachePath, options.queryKey, logger);
  // Measured from the last request of any kind: a manual refresh right after an
  // automatic one would only pay for the same answer again.
  const lastRequestAt = Math.max(cached.lastManualAt ?? -Infinity, cached.lastAttemptAt ?? -Infinity);
  if (request.manual && Number.isFinite(lastRequestAt) && now.getTime() - lastRequestAt < manualInterval && now.getTime() >= lastRequestAt) {
    return { ...answerFrom(cached, now, false), rateLimited: { nextAllowedAt: new Date(lastRequestAt + manualInterval).toISOString() } };
  }
  if (!request.manual && !isDue(cached, now, interval)) return answerFrom(cached, now, false);

  await ensurePrivateDirectory(options.directory);
  const release = await acquireFileLock(path.join(options.directory, LOCK_FILE), { timeoutMs: 0, staleMs: LOCK_STALE_MS, now: () => options.now().getTime() });
  if (!release) return { ...answerFrom(cached, now, false), refreshInProgress: true };
  try {
    // Someone may have refreshed between our read and our lock.
    const current = await readCache(cachePath, options.queryKey, logger);
    if (current.lastAttemptAt !== cached.lastAttemptAt) return answerFrom(current, now, false);

    const attempt: CacheFile = { ...current, lastAttemptAt: now.getTime(), lastManualAt: request.manual ? now.getTime() : current.lastManualAt };
    await writeCache(cachePath, attempt);
    let next: CacheFile;
    try {
      const billed = await fetch();
      next = { ...attempt, queryKey: options.queryKey, aliases: aliasesAfter(current, billed, options), billed, fetchedAt: now.getTime(), lastError: null };
    } catch (error) {
      const reason = userFacingReason(error) ?? { code: 'cost.failed', message: redactSecrets(`The Cost Explorer request failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`) };
      logger.warn(`Cost Explorer refresh failed (${reason.code}); keeping the last known value.`);
      next = { ...attempt, lastError: { ...reason, at: now.toISOString() } };
    }
    await writeCache(cachePath, next);
    return answerFrom(next, now, true);
  } finally {
    await release();
  }
}

/** The keys, besides the asker's, under which a fresh answer may be found again. */
function aliasesAfter(previous: CacheFile, billed: BilledCost, options: BilledCostCacheOptions): string[] {
  const keys = new Set<string>();
  if (billed.tagValue !== undefined && options.keyForTagValue) keys.add(options.keyForTagValue(billed.tagValue));
  // An earlier answer for the same tag value was the same query under other names.
  if (previous.billed?.tagValue !== undefined && previous.billed.tagValue === billed.tagValue) {
    keys.add(previous.queryKey);
    for (const alias of previous.aliases ?? []) keys.add(alias);
  }
  keys.delete(options.queryKey);
  return [...keys];
}

function userFacingReason(error: unknown): CostReason | undefined {
  return isUserFacingError(error) ? { code: error.code, message: error.message } : undefined;
}

function isDue(cache: CacheFile, now: Date, interval: number): boolean {
  if (cache.lastAttemptAt === null) return true;
  // Last month's figures say nothing about this month.
  if (utcMonth(new Date(cache.lastAttemptAt)) !== utcMonth(now)) return true;
  // A clock set back must not freeze refreshes until it catches up.
  return now.getTime() - cache.lastAttemptAt >= interval || now.getTime() < cache.lastAttemptAt;
}

function answerFrom(cache: CacheFile, now: Date, refreshed: boolean): BilledCostAnswer {
  const billed = cache.billed && cache.billed.month === utcMonth(now) ? cache.billed : undefined;
  return {
    billed,
    ageMs: billed && cache.fetchedAt !== null ? now.getTime() - cache.fetchedAt : undefined,
    error: cache.lastError ?? undefined,
    refreshed,
  };
}

function emptyCache(queryKey: string): CacheFile {
  return { version: CACHE_VERSION, queryKey, billed: null, fetchedAt: null, lastAttemptAt: null, lastManualAt: null, lastError: null };
}

async function readCache(cachePath: string, queryKey: string, logger: Logger): Promise<CacheFile> {
  let text: string;
  try {
    text = await fs.readFile(cachePath, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return emptyCache(queryKey);
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<CacheFile>;
    const answers = parsed.queryKey === queryKey || (parsed.aliases?.includes(queryKey) ?? false);
    if (parsed.version !== CACHE_VERSION || !answers) return emptyCache(queryKey);
    return { ...emptyCache(queryKey), ...parsed };
  } catch {
    // Our own file, rewritten whole each time: a damaged one is only a lost cache.
    logger.warn(`The cost cache ${cachePath} could not be read; it will be rebuilt.`);
    return emptyCache(queryKey);
  }
}

async function writeCache(cachePath: string, cache: CacheFile): Promise<void> {
  await writeFileAtomic(cachePath, `${JSON.stringify(cache)}\n`, { mode: 0o600 });
}
