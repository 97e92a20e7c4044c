import type { ApplicationProfileModels } from './modelIdentity';
import { identifyModel } from './modelIdentity';
import type { PriceTable } from './priceTable';
import type { TokenCounts } from './tokenCounts';
import { addTokens, totalTokens, zeroTokens } from './tokenCounts';
import { costFromSessionState } from './sessionCostState';
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
 * without re-reading transcripts. A model the table does not know is priced from Claude
 * Code's own figures for the session when its transcript has them, else left unpriced.
 */
export function estimateFromTranscripts(state: TranscriptScanState, options: EstimateOptions): LocalEstimate {
  const monthStart = firstDayOfUtcMonth(options.now);
  const monthEnd = firstDayOfNextUtcMonth(monthStart);
  const inMonth = (day: string): boolean => day >= monthStart && day < monthEnd;

  // Sum tokens per (day, model, context class) first: pricing is linear, so this is
  // the same as pricing each request, and far fewer price look-ups. Nested maps rather
  // than one joined key: building a key string per request was a third of this function.
  const buckets: Bucket[] = [];
  const byDay = new Map<string, Map<string, [Bucket | undefined, Bucket | undefined]>>();
  const add = (day: string, model: string, long: boolean, tokens: Readonly<TokenCounts>, requests: number): void => {
    let byModel = byDay.get(day);
    // Stryker disable next-line ConditionalExpression: a fresh map per request only splits the sums into more buckets; pricing is linear, so the figures are the same
    if (!byModel) {
      byModel = new Map();
      byDay.set(day, byModel);
    }
    let classes = byModel.get(model);
    // Stryker disable next-line ConditionalExpression: as above, only more buckets
    if (!classes) {
      classes = [undefined, undefined];
      byModel.set(model, classes);
    }
    const index = long ? 1 : 0;
    let bucket = classes[index];
    // Stryker disable next-line ConditionalExpression: as above, only more buckets
    if (!bucket) {
      bucket = { day, model, long, tokens: zeroTokens(), requests: 0 };
      classes[index] = bucket;
      buckets.push(bucket);
    }
    const sum = bucket.tokens;
    sum.input += tokens.input;
    sum.output += tokens.output;
    sum.cacheWrite5m += tokens.cacheWrite5m;
    sum.cacheWrite1h += tokens.cacheWrite1h;
    sum.cacheRead += tokens.cacheRead;
    bucket.requests += requests;
  };
  const addRecord = (record: CompactRecord): void => {
    scratch.input = record[3];
    scratch.output = record[4];
    scratch.cacheWrite5m = record[5];
    scratch.cacheWrite1h = record[6];
    scratch.cacheRead = record[7];
    add(record[0], record[1], record[2] === 1, scratch, 1);
  };
  const scratch = zeroTokens();

  // Paths are the keys of one object, so never equal.
  // Stryker disable next-line EqualityOperator: `<=` orders distinct paths the same
  const ordered = Object.entries(state.files).sort(([pathA, a], [pathB, b]) => (a.firstTime ?? Infinity) - (b.firstTime ?? Infinity) || (pathA < pathB ? -1 : 1));
  const seen = new Set<string>();
  let malformedLines = 0;
  // Requests of models the table cannot price, per file, kept aside so Claude Code's own
  // figures for that session (its `cost-state` line) can price them instead.
  const pricedModels = new Map<string, boolean>();
  const isPriced = (model: string): boolean => {
    let priced = pricedModels.get(model);
    // Stryker disable next-line ConditionalExpression: only a memo; working the answer out again gives the same
    if (priced === undefined) {
      const key = identifyModel(model, options.applicationProfiles).priceKey;
      priced = model === SYNTHETIC_MODEL || (key !== undefined && options.prices.has(key));
      pricedModels.set(model, priced);
    }
    return priced;
  };
  const pricedBySession: { day: string; amount: number; tokens: TokenCounts; requests: number }[] = [];
  for (const [, file] of ordered) {
    malformedLines += file.malformedLines;
    const unpriced = new Map<string, CompactRecord[]>();
    for (const [key, record] of Object.entries(file.keyed)) {
      if (seen.has(key)) continue;
      seen.add(key);
      if (!inMonth(record[0])) continue;
      if (file.costState === undefined || isPriced(record[1])) addRecord(record);
      else unpriced.set(record[1], [...(unpriced.get(record[1]) ?? []), record]);
    }
    for (const records of unpriced.values()) {
      const tokens = zeroTokens();
      for (const r of records) addTokens(tokens, { input: r[3], output: r[4], cacheWrite5m: r[5], cacheWrite1h: r[6], cacheRead: r[7] });
      const cost = costFromSessionState(file.costState, tokens);
      if (cost === undefined) {
        for (const r of records) addRecord(r);
        continue;
      }
      // Spread over the session's days by tokens, so the daily chart stays consistent.
      const whole = totalTokens(tokens);
      for (const r of records) {
        const own: TokenCounts = { input: r[3], output: r[4], cacheWrite5m: r[5], cacheWrite1h: r[6], cacheRead: r[7] };
        pricedBySession.push({ day: r[0], amount: whole === 0 ? cost / records.length : (cost * totalTokens(own)) / whole, tokens: own, requests: 1 });
      }
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
  /** The day's entry, with these tokens and requests counted in it and in the totals. */
  const count = (key: string, tokens: Readonly<TokenCounts>, requestCount: number): { amount: number; tokens: TokenCounts; unpricedTokens: number } => {
    let day = days.get(key);
    if (!day) {
      day = { amount: 0, tokens: zeroTokens(), unpricedTokens: 0 };
      days.set(key, day);
    }
    addTokens(day.tokens, tokens);
    addTokens(total, tokens);
    requests += requestCount;
    return day;
  };
  for (const bucket of buckets) {
    const day = count(bucket.day, bucket.tokens, bucket.requests);
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
  for (const priced of pricedBySession) {
    const day = count(priced.day, priced.tokens, priced.requests);
    day.amount += priced.amount;
    amount += priced.amount;
  }

  return {
    month: utcMonth(options.now),
    currency: 'USD',
    amount,
    // Stryker disable next-line EqualityOperator: the days are keys of one map, never equal, so `<=` orders them the same
    days: [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, day]) => ({ date, ...day })),
    tokens: total,
    requests,
    unpriced: { tokens: unpricedTokens, requests: unpricedRequests, models: [...unpricedModels].sort() },
    malformedLines,
    files: ordered.length,
  };
}

interface Bucket {
  readonly day: string;
  readonly model: string;
  readonly long: boolean;
  readonly tokens: TokenCounts;
  requests: number;
}
