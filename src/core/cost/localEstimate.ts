import type { ApplicationProfileModels } from './modelIdentity';
import { identifyModel } from './modelIdentity';
import type { PriceTable } from './priceTable';
import type { TokenCounts } from './tokenCounts';
import { addTokens, totalTokens, zeroTokens } from './tokenCounts';
import { priceTokens } from './tokenPricing';
import type { CompactRecord, TranscriptScanState } from './transcriptScanState';
import { parseUnkeyedBucket } from './transcriptScanState';
import { firstDayOfNextUtcMonth, firstDayOfUtcMonth, utcMonth } from './utcCalendar';

export interface EstimatedDay {
  /** UTC day, `YYYY-MM-DD`. */
  readonly date: string;
  /** USD for the priced tokens of the day. */
  readonly amount: number;
  readonly tokens: TokenCounts;
  /** Tokens of models the price table does not know: not in `amount`, never assumed free. */
  readonly unpricedTokens: number;
}

export interface LocalEstimate {
  /** UTC month, `YYYY-MM`. */
  readonly month: string;
  readonly currency: 'USD';
  readonly amount: number;
  /** Days with usage, oldest first. */
  readonly days: readonly EstimatedDay[];
  readonly tokens: TokenCounts;
  readonly requests: number;
  readonly unpriced: { readonly tokens: number; readonly requests: number; readonly models: readonly string[] };
  readonly malformedLines: number;
  readonly files: number;
}

export interface EstimateOptions {
  readonly now: Date;
  readonly prices: PriceTable;
  readonly applicationProfiles?: ApplicationProfileModels;
}

/** Claude Code's own placeholder for messages it made up locally (errors, interruptions): never billed. */
const SYNTHETIC_MODEL = '<synthetic>';

/**
 * This month's estimated spend from a scan state. Each `message.id:requestId` counts
 * once across all files (the file with the earliest usage wins, then path order), and
 * pricing happens here rather than at scan time so new prices or AIP mappings apply
 * without re-reading transcripts.
 */
export function estimateFromTranscripts(state: TranscriptScanState, options: EstimateOptions): LocalEstimate {
  const monthStart = firstDayOfUtcMonth(options.now);
  const monthEnd = firstDayOfNextUtcMonth(monthStart);
  const inMonth = (day: string): boolean => day >= monthStart && day < monthEnd;

  // Sum tokens per (day, model, context class) first: pricing is linear, so this is
  // the same as pricing each request, and far fewer price look-ups.
  const buckets = new Map<string, { day: string; model: string; long: boolean; tokens: TokenCounts; requests: number }>();
  const add = (day: string, model: string, long: boolean, tokens: TokenCounts, requests: number): void => {
    const id = `${day}|${long ? 1 : 0}|${model}`;
    let bucket = buckets.get(id);
    if (!bucket) {
      bucket = { day, model, long, tokens: zeroTokens(), requests: 0 };
      buckets.set(id, bucket);
    }
    addTokens(bucket.tokens, tokens);
    bucket.requests += requests;
  };

  const ordered = Object.entries(state.files).sort(([pathA, a], [pathB, b]) => (a.firstTime ?? Infinity) - (b.firstTime ?? Infinity) || (pathA < pathB ? -1 : pathA > pathB ? 1 : 0));
  const seen = new Set<string>();
  let malformedLines = 0;
  for (const [, file] of ordered) {
    malformedLines += file.malformedLines;
    for (const [key, record] of Object.entries(file.keyed)) {
      if (seen.has(key)) continue;
      seen.add(key);
      if (inMonth(record[0])) add(record[0], record[1], record[2] === 1, tokensOf(record), 1);
    }
    for (const [bucket, sum] of Object.entries(file.unkeyed)) {
      const { day, long, model } = parseUnkeyedBucket(bucket);
      if (inMonth(day)) add(day, model, long === 1, { input: sum[0], output: sum[1], cacheWrite5m: sum[2], cacheWrite1h: sum[3], cacheRead: sum[4] }, sum[5]);
    }
  }

  const days = new Map<string, { amount: number; tokens: TokenCounts; unpricedTokens: number }>();
  const total = zeroTokens();
  let amount = 0;
  let requests = 0;
  let unpricedTokens = 0;
  let unpricedRequests = 0;
  const unpricedModels = new Set<string>();
  for (const bucket of buckets.values()) {
    let day = days.get(bucket.day);
    if (!day) {
      day = { amount: 0, tokens: zeroTokens(), unpricedTokens: 0 };
      days.set(bucket.day, day);
    }
    addTokens(day.tokens, bucket.tokens);
    addTokens(total, bucket.tokens);
    requests += bucket.requests;
    if (bucket.model === SYNTHETIC_MODEL) continue;
    const identity = identifyModel(bucket.model, options.applicationProfiles);
    const price = identity.priceKey === undefined ? undefined : options.prices.get(identity.priceKey);
    if (!price) {
      const tokens = totalTokens(bucket.tokens);
      day.unpricedTokens += tokens;
      unpricedTokens += tokens;
      unpricedRequests += bucket.requests;
      unpricedModels.add(bucket.model === '' ? '(no model recorded)' : bucket.model);
      continue;
    }
    const cost = priceTokens(bucket.tokens, price, { geographic: identity.geographic, longContext: bucket.long });
    day.amount += cost;
    amount += cost;
  }

  return {
    month: utcMonth(options.now),
    currency: 'USD',
    amount,
    days: [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, day]) => ({ date, ...day })),
    tokens: total,
    requests,
    unpriced: { tokens: unpricedTokens, requests: unpricedRequests, models: [...unpricedModels].sort() },
    malformedLines,
    files: ordered.length,
  };
}

function tokensOf(record: CompactRecord): TokenCounts {
  return { input: record[3], output: record[4], cacheWrite5m: record[5], cacheWrite1h: record[6], cacheRead: record[7] };
}
