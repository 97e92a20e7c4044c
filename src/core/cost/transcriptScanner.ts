import * as fs from 'node:fs/promises';
import type { Stats } from 'node:fs';
import * as path from 'node:path';
import { isNotFound } from '../files/atomicWrite';
import type { Logger } from '../runtime/logger';
import { silentLogger } from '../runtime/logger';
import { parseTranscriptLine } from './transcriptLine';
import type { FileScan, TranscriptScanState } from './transcriptScanState';
import { dropRecordsBefore, emptyFileScan, emptyScanState, recordUsage } from './transcriptScanState';
import { firstDayOfUtcMonth, utcMonth } from './utcCalendar';

export interface TranscriptScanOptions {
  /** `<claude config dir>/projects`; see `transcriptProjectsDir`. */
  readonly projectsDir: string;
  /** The previous state (mutated and returned), or undefined for a cold scan. */
  readonly state?: TranscriptScanState | undefined;
  readonly now: Date;
  readonly logger?: Logger;
}

export interface TranscriptScanStats {
  readonly files: number;
  /** Files opened because they were new or changed. */
  readonly filesRead: number;
  /** Files re-read from the start because they shrank, were replaced or rewritten. */
  readonly filesReset: number;
  readonly filesRemoved: number;
  readonly bytesRead: number;
}

/** How many bytes before the consumed offset are compared to detect a rewritten file. */
const TAIL_BYTES = 32;
// Stryker disable next-line ArithmeticOperator: the chunk size only changes how many reads are made; the buffer grows to fit any line
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Files read at once: enough to keep the disk busy while one is parsed. */
const PARALLEL_FILES = 4;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const USAGE_MARKER = Buffer.from('"usage"');
/** Claude Code's own session cost figures (`{"type":"cost-state",…}`), which mention no `"usage"`. */
const COST_STATE_MARKER = Buffer.from('"cost-state"');

/**
 * Brings `state` up to date with the transcripts under `projectsDir`, reading only what
 * was appended since the last call. Only complete lines are consumed: Claude Code may
 * be half-way through writing the last one.
 */
export async function scanTranscripts(options: TranscriptScanOptions): Promise<{ state: TranscriptScanState; stats: TranscriptScanStats }> {
  const month = utcMonth(options.now);
  const monthStart = firstDayOfUtcMonth(options.now);
  const logger = options.logger ?? silentLogger;
  let state = options.state;
  // A clock that went back to an earlier month needs records that were already dropped.
  if (!state || state.month > month) state = emptyScanState(month);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: within the same month there is nothing to drop (recordUsage keeps no earlier record)
  if (state.month < month) {
    dropRecordsBefore(state, monthStart);
    state.month = month;
  }

  const present = await listTranscripts(options.projectsDir);
  let filesRead = 0;
  let filesReset = 0;
  let bytesRead = 0;
  const queue = [...present];
  const current = state;
  const worker = async (): Promise<void> => {
    for (let relative = queue.shift(); relative !== undefined; relative = queue.shift()) {
      try {
        const outcome = await refreshFile(path.join(options.projectsDir, relative), current.files[relative], monthStart);
        if (outcome === 'gone') {
          Reflect.deleteProperty(current.files, relative);
          continue;
        }
        current.files[relative] = outcome.file;
        if (outcome.bytesRead > 0 || outcome.reset) filesRead++;
        if (outcome.reset) filesReset++;
        bytesRead += outcome.bytesRead;
      } catch (error) {
        // One unreadable file (permissions, I/O error) must not hide the rest; its last
        // known contribution is kept and it is tried again next time.
        logger.warn(`Could not read transcript ${relative}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_FILES }, worker));

  const presentSet = new Set(present);
  let filesRemoved = 0;
  for (const relative of Object.keys(state.files)) {
    if (!presentSet.has(relative)) {
      Reflect.deleteProperty(state.files, relative);
      filesRemoved++;
    }
  }
  return { state, stats: { files: Object.keys(state.files).length, filesRead, filesReset, filesRemoved, bytesRead } };
}

/** `projects/**\/*.jsonl`, relative, `/`-separated, sorted. A missing directory has none. */
async function listTranscripts(projectsDir: string): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(projectsDir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if (isNotFound(error) || (error as { code?: string }).code === 'ENOTDIR') return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.name.endsWith('.jsonl') || !(entry.isFile() || entry.isSymbolicLink())) continue;
    // `parentPath` (Node ≥ 20.12) replaces the deprecated `path`.
    const parent = (entry as { parentPath?: string }).parentPath ?? (entry as unknown as { path: string }).path;
    files.push(path.relative(projectsDir, path.join(parent, entry.name)).split(path.sep).join('/'));
  }
  // Stryker disable next-line MethodExpression: files are read in parallel and estimates order them by path themselves; the order is not observable
  return files.sort();
}

/**
 * Claude Code writes one line per content block of a response (text, thinking, each
 * tool call), all with the same message id, request id and usage; only the first counts.
 * Reading the two ids straight from the bytes lets the rest be skipped without decoding
 * or parsing them, which is most of the work on real transcripts. The ids are found
 * where Claude Code writes them (`"message":{"id":"…"` near the start, the top-level
 * `"requestId":"…"` after the message); a line laid out differently is simply parsed.
 */
class RepeatedResponses {
  private readonly keys: Set<string>;

  constructor(file: FileScan) {
    this.keys = new Set(Object.keys(file.keyed));
  }

  alreadyCounted(buffer: Buffer, start: number, end: number): boolean {
    if (this.keys.size === 0 || buffer[start] !== OPEN_BRACE || buffer[end - 1] !== CLOSE_BRACE) return false;
    const key = quickKey(buffer, start, end);
    return key !== undefined && this.keys.has(key);
  }

  counted(key: string | undefined): void {
    if (key !== undefined) this.keys.add(key);
  }
}

const MESSAGE_ID_PREFIX = Buffer.from('"message":{"id":"');
const REQUEST_ID_PREFIX = Buffer.from('"requestId":"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function quickKey(buffer: Buffer, start: number, end: number): string | undefined {
  const messageAt = buffer.indexOf(MESSAGE_ID_PREFIX, start);
  if (messageAt < 0 || messageAt >= end) return undefined;
  const messageId = plainString(buffer, messageAt + MESSAGE_ID_PREFIX.length, end);
  const requestAt = buffer.lastIndexOf(REQUEST_ID_PREFIX, end - REQUEST_ID_PREFIX.length);
  if (messageId === undefined || requestAt < messageAt) return undefined;
  const requestId = plainString(buffer, requestAt + REQUEST_ID_PREFIX.length, end);
  return requestId === undefined ? undefined : `${messageId}:${requestId}`;
}

/** The string starting at `from` up to its closing quote, if it has no escapes (ids never do). */
function plainString(buffer: Buffer, from: number, end: number): string | undefined {
  const close = buffer.indexOf(QUOTE, from);
  if (close < 0 || close >= end || close - from > 200) return undefined;
  if (buffer.subarray(from, close).includes(BACKSLASH)) return undefined;
  return buffer.toString('latin1', from, close);
}

type LineHandler = (buffer: Buffer, start: number, end: number) => void;

type FileOutcome = 'gone' | { file: FileScan; bytesRead: number; reset: boolean };

async function refreshFile(absolute: string, previous: FileScan | undefined, monthStart: string): Promise<FileOutcome> {
  let stats: Stats;
  try {
    stats = await fs.stat(absolute);
  } catch (error) {
    if (isNotFound(error)) return 'gone';
    throw error;
  }
  if (!stats.isFile()) return 'gone';
  if (previous && previous.size === stats.size && previous.mtimeMs === stats.mtimeMs && previous.ino === stats.ino) {
    return { file: previous, bytesRead: 0, reset: false };
  }
  const replaced = previous !== undefined && (stats.size < previous.size || (previous.ino !== 0 && stats.ino !== 0 && previous.ino !== stats.ino));

  const handle = await fs.open(absolute, 'r');
  try {
    let file = previous && !replaced ? previous : emptyFileScan();
    let reset = replaced;
    if (file.offset > 0 && !(await tailMatches(handle, file))) {
      file = emptyFileScan();
      reset = true;
    }
    const start = file.offset;
    const repeats = new RepeatedResponses(file);
    const consumed = await consumeLines(handle, start, stats.size, (buffer, lineStart, lineEnd) => {
      if (repeats.alreadyCounted(buffer, lineStart, lineEnd)) return;
      const parsed = parseTranscriptLine(buffer.toString('utf8', lineStart, lineEnd));
      if (parsed.kind === 'usage') {
        recordUsage(file, parsed.record, monthStart);
        repeats.counted(parsed.record.key);
      } else if (parsed.kind === 'cost-state') {
        file.costState = parsed.models;
      } else if (parsed.kind === 'malformed') {
        file.malformedLines++;
      }
    });
    file.offset = consumed.offset;
    file.tail = consumed.tail.length > 0 ? consumed.tail.toString('base64') : file.tail;
    file.size = stats.size;
    file.ino = stats.ino;
    file.mtimeMs = stats.mtimeMs;
    return { file, bytesRead: stats.size - start, reset };
  } finally {
    await handle.close();
  }
}

async function tailMatches(handle: fs.FileHandle, file: FileScan): Promise<boolean> {
  const expected = Buffer.from(file.tail, 'base64');
  const actual = Buffer.alloc(expected.length);
  const { bytesRead } = await handle.read(actual, 0, expected.length, file.offset - expected.length);
  return bytesRead === expected.length && actual.equals(expected);
}

/**
 * Calls `onLine` for each complete line in [start, end) that could be a usage record or
 * is not JSON at all, and returns the offset after the last complete line.
 *
 * Most of a transcript is prompts, file contents and tool output. Lines are cut with
 * `Buffer.indexOf` (native), and only lines that mention `"usage"` — or do not look
 * like a JSON object, so malformed lines are still counted — are decoded and parsed.
 */
async function consumeLines(handle: fs.FileHandle, start: number, end: number, onLine: LineHandler): Promise<{ offset: number; tail: Buffer }> {
  // Stryker disable next-line MethodExpression,ArithmeticOperator: any initial size gives the same lines, the buffer grows to fit the longest
  let buffer = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK_BYTES, end - start)));
  let bufferStart = start;
  let filled = 0;
  let tail = Buffer.alloc(0);
  while (bufferStart + filled < end) {
    if (filled === buffer.length) {
      // A line longer than the buffer: grow until it fits.
      const larger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(larger, 0, 0, filled);
      buffer = larger;
    }
    const { bytesRead } = await handle.read(buffer, filled, Math.min(buffer.length - filled, end - bufferStart - filled), bufferStart + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
    const lastNewline = buffer.lastIndexOf(NEWLINE, filled - 1);
    if (lastNewline < 0) continue;
    const consumed = lastNewline + 1;
    splitLines(buffer, consumed, onLine);
    tail = Buffer.from(buffer.subarray(Math.max(0, consumed - TAIL_BYTES), consumed));
    buffer.copy(buffer, 0, consumed, filled);
    bufferStart += consumed;
    filled -= consumed;
  }
  return { offset: bufferStart, tail };
}

function splitLines(whole: Buffer, end: number, onLine: LineHandler): void {
  const buffer = whole.subarray(0, end);
  let nextMarker = buffer.indexOf(USAGE_MARKER, 0);
  let nextCostState = buffer.indexOf(COST_STATE_MARKER, 0);
  let lineStart = 0;
  while (lineStart < end) {
    const newline = buffer.indexOf(NEWLINE, lineStart);
    // Stryker disable next-line LogicalOperator: `buffer` ends with a newline, so one is always found before `end`
    const lineEnd = newline < 0 || newline >= end ? end : newline;
    let first = lineStart;
    let last = lineEnd - 1;
    while (first <= last && isSpace(buffer[first] ?? 0)) first++;
    while (last >= first && isSpace(buffer[last] ?? 0)) last--;
    if (first <= last) {
      while (nextMarker >= 0 && nextMarker < first) nextMarker = buffer.indexOf(USAGE_MARKER, first);
      while (nextCostState >= 0 && nextCostState < first) nextCostState = buffer.indexOf(COST_STATE_MARKER, first);
      const mentionsUsage = (nextMarker >= 0 && nextMarker < last) || (nextCostState >= 0 && nextCostState < last);
      if (mentionsUsage || buffer[first] !== OPEN_BRACE || buffer[last] !== CLOSE_BRACE) onLine(buffer, first, last + 1);
    }
    lineStart = lineEnd + 1;
  }
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a;
}
