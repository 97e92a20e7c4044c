import type { SessionCostState } from './sessionCostState';
import type { UsageRecord } from './transcriptLine';

/**
 * What the incremental transcript reader remembers between refreshes. Plain JSON, so the
 * caller can persist it anywhere. Each file keeps its own records, so a file that was
 * truncated, replaced or deleted can be dropped and re-read without touching the others,
 * and duplicates across files are resolved only when totals are computed.
 */
export interface TranscriptScanState {
  readonly version: typeof SCAN_STATE_VERSION;
  /** Records older than this UTC month (`YYYY-MM`) have been dropped. */
  month: string;
  /** Keyed by path relative to the projects directory, with `/` separators. */
  files: Record<string, FileScan>;
}

export interface FileScan {
  /** File size when last read. */
  size: number;
  /** Byte offset just after the last complete line consumed. */
  offset: number;
  ino: number;
  mtimeMs: number;
  /** Base64 of the bytes just before `offset`: if they change, the file was rewritten, not appended to. */
  tail: string;
  /** Earliest usage timestamp (ms) in the file; the earlier file wins a duplicate, as in ccusage. */
  firstTime: number | null;
  usageLines: number;
  malformedLines: number;
  /** First occurrence in this file of each `message.id:requestId`, this month only. */
  keyed: Record<string, CompactRecord>;
  /** Records without ids, summed by `day|longContext|model`. */
  unkeyed: Record<string, CompactTokens>;
  /** Claude Code's own figures from the session's last `cost-state` line, when it wrote one. */
  costState?: SessionCostState;
}

/** `[day, model, longContext, input, output, cacheWrite5m, cacheWrite1h, cacheRead]`, compact because there are many. */
export type CompactRecord = [string, string, 0 | 1, number, number, number, number, number];
/** `[input, output, cacheWrite5m, cacheWrite1h, cacheRead, requests]`. */
export type CompactTokens = [number, number, number, number, number, number];

// 2: files keep their `cost-state`; older states are read again once to pick it up.
export const SCAN_STATE_VERSION = 2;

export function emptyScanState(month: string): TranscriptScanState {
  return { version: SCAN_STATE_VERSION, month, files: {} };
}

export function emptyFileScan(): FileScan {
  return { size: 0, offset: 0, ino: 0, mtimeMs: 0, tail: '', firstTime: null, usageLines: 0, malformedLines: 0, keyed: {}, unkeyed: {} };
}

/** Adds one parsed record to a file's state (records before `monthStart` are not kept). */
export function recordUsage(file: FileScan, record: UsageRecord, monthStart: string): void {
  file.usageLines++;
  // Stryker disable next-line EqualityOperator: on a tie `<=` assigns the same time again
  if (file.firstTime === null || record.time < file.firstTime) file.firstTime = record.time;
  if (record.day < monthStart) return;
  const t = record.tokens;
  const long = record.longContext ? 1 : 0;
  if (record.key !== undefined) {
    if (!(record.key in file.keyed)) file.keyed[record.key] = [record.day, record.model, long, t.input, t.output, t.cacheWrite5m, t.cacheWrite1h, t.cacheRead];
    return;
  }
  const bucket = unkeyedBucket(record.day, long, record.model);
  const sum = file.unkeyed[bucket] ?? [0, 0, 0, 0, 0, 0];
  sum[0] += t.input;
  sum[1] += t.output;
  sum[2] += t.cacheWrite5m;
  sum[3] += t.cacheWrite1h;
  sum[4] += t.cacheRead;
  sum[5] += 1;
  file.unkeyed[bucket] = sum;
}

export function unkeyedBucket(day: string, long: 0 | 1, model: string): string {
  return `${day}|${long}|${model}`;
}

export function parseUnkeyedBucket(bucket: string): { day: string; long: 0 | 1; model: string } {
  // Stryker disable next-line StringLiteral: split always yields a day, and without a second part the model is empty and the context standard whatever the default
  const [day = '', long = '0'] = bucket.split('|', 2);
  return { day, long: long === '1' ? 1 : 0, model: bucket.slice(day.length + long.length + 2) };
}

/** Drops every record from before `monthStart` (the clock moved into a new month). */
export function dropRecordsBefore(state: TranscriptScanState, monthStart: string): void {
  for (const file of Object.values(state.files)) {
    for (const [key, record] of Object.entries(file.keyed)) if (record[0] < monthStart) Reflect.deleteProperty(file.keyed, key);
    // Stryker disable next-line EqualityOperator: a bucket is `day|…`, longer than a `YYYY-MM-DD` month start, so never equal to it
    for (const bucket of Object.keys(file.unkeyed)) if (bucket < monthStart) Reflect.deleteProperty(file.unkeyed, bucket);
  }
}

/** A state read back from disk, if it has the shape this version writes; anything else is discarded. */
export function isScanState(value: unknown): value is TranscriptScanState {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { version?: unknown; month?: unknown; files?: unknown };
  if (candidate.version !== SCAN_STATE_VERSION || typeof candidate.month !== 'string' || typeof candidate.files !== 'object' || candidate.files === null) return false;
  return Object.values(candidate.files).every(isFileScan);
}

function isFileScan(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Record<string, unknown>;
  const numbers = ['size', 'offset', 'ino', 'mtimeMs', 'usageLines', 'malformedLines'].every((field) => typeof file[field] === 'number');
  const firstTime = file['firstTime'] === null || typeof file['firstTime'] === 'number';
  const maps = [file['keyed'], file['unkeyed']].every((map) => typeof map === 'object' && map !== null && !Array.isArray(map));
  return numbers && firstTime && maps && typeof file['tail'] === 'string';
}
