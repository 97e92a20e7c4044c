import { sessionCostStateFrom, type SessionCostState } from './sessionCostState';
import { isLongContextRequest } from './tokenPricing';
import type { TokenCounts } from './tokenCounts';

/** One billed request as Claude Code recorded it in a transcript. */
export interface UsageRecord {
  /** UTC day of `timestamp`, `YYYY-MM-DD`. */
  readonly day: string;
  readonly timestamp: string;
  /** `timestamp` in ms since the epoch. */
  readonly time: number;
  /** `message.model` as recorded; empty when absent. */
  readonly model: string;
  /**
   * `message.id:requestId`. Claude Code writes one line per content block of a response
   * and copies history into resumed sessions, so the same request appears many times;
   * like ccusage, only the first occurrence counts. Absent when either id is missing
   * (such lines cannot be matched and each one counts).
   */
  readonly key: string | undefined;
  readonly tokens: TokenCounts;
  readonly longContext: boolean;
}

export type TranscriptLine =
  | { readonly kind: 'usage'; readonly record: UsageRecord }
  | { readonly kind: 'cost-state'; readonly models: SessionCostState }
  | { readonly kind: 'other' }
  | { readonly kind: 'malformed' };

export const OTHER_LINE: TranscriptLine = { kind: 'other' };
export const MALFORMED_LINE: TranscriptLine = { kind: 'malformed' };

/**
 * Reads one JSONL line. `other` is valid JSON that is not a usage record (user turns,
 * summaries, tool results); `malformed` is a line that is not JSON, or a usage record
 * whose counts are not non-negative numbers. Never throws.
 */
export function parseTranscriptLine(text: string): TranscriptLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: `value` stays undefined, which the object check below calls malformed.
  }
  if (!isObject(value)) return MALFORMED_LINE;
  const costState = sessionCostStateFrom(value);
  if (costState) return { kind: 'cost-state', models: costState };
  const message = value['message'];
  return usageLineFrom(value['timestamp'], value['requestId'], isObject(message), isObject(message) ? message['id'] : undefined, isObject(message) ? message['model'] : undefined, isObject(message) ? message['usage'] : undefined);
}

/**
 * Classifies a JSON object line from the fields that matter, however they were
 * extracted (`JSON.parse` of the whole line, or the byte-level reader).
 */
export function usageLineFrom(timestamp: unknown, requestId: unknown, hasMessage: boolean, messageId: unknown, model: unknown, usage: unknown): TranscriptLine {
  if (!hasMessage || !isObject(usage)) return OTHER_LINE;
  if (typeof timestamp !== 'string') return MALFORMED_LINE;
  const time = Date.parse(timestamp);
  if (Number.isNaN(time)) return MALFORMED_LINE;

  const input = count(usage['input_tokens']);
  const output = count(usage['output_tokens']);
  const cacheCreation = optionalCount(usage['cache_creation_input_tokens']);
  const cacheRead = optionalCount(usage['cache_read_input_tokens']);
  if (input === undefined || output === undefined || cacheCreation === undefined || cacheRead === undefined) return MALFORMED_LINE;

  // Newer Claude Code versions split cache writes by lifetime; 1-hour writes cost more.
  let cacheWrite5m = cacheCreation;
  let cacheWrite1h = 0;
  const split = usage['cache_creation'];
  if (isObject(split)) {
    const fiveMinutes = optionalCount(split['ephemeral_5m_input_tokens']);
    const oneHour = optionalCount(split['ephemeral_1h_input_tokens']);
    if (fiveMinutes === undefined || oneHour === undefined) return MALFORMED_LINE;
    // An empty split (both 0) leaves the whole total as 5-minute writes.
    cacheWrite1h = oneHour;
    cacheWrite5m = Math.max(fiveMinutes, cacheCreation - oneHour);
  }

  const key = typeof messageId === 'string' && typeof requestId === 'string' ? `${messageId}:${requestId}` : undefined;
  const tokens: TokenCounts = { input, output, cacheWrite5m, cacheWrite1h, cacheRead };
  return {
    kind: 'usage',
    record: {
      day: utcDayOf(timestamp, time),
      timestamp,
      time,
      model: typeof model === 'string' ? model : '',
      key,
      tokens,
      longContext: isLongContextRequest(tokens),
    },
  };
}

// Only a fast path: a pattern that matches less falls back to the conversion, which gives the same
// day, and Date.parse rejects what a pattern without `$` would add. The `^` is pinned by a test.
// Stryker disable next-line Regex: see above
const UTC_ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/** Claude Code writes UTC ISO timestamps, whose first ten characters are the UTC day; others are converted. */
function utcDayOf(timestamp: string, time: number): string {
  return UTC_ISO_TIMESTAMP.test(timestamp) ? timestamp.slice(0, 10) : new Date(time).toISOString().slice(0, 10);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Absent or null is 0; anything else must be a count. */
function optionalCount(value: unknown): number | undefined {
  return value === undefined || value === null ? 0 : count(value);
}
