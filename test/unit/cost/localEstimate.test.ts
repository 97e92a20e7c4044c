import assert from 'node:assert/strict';
import { estimateFromTranscripts } from '../../../src/core/cost/localEstimate';
import { defaultPriceTable } from '../../../src/core/cost/priceTable';
import type { CompactRecord, FileScan, TranscriptScanState } from '../../../src/core/cost/transcriptScanState';
import { emptyFileScan, SCAN_STATE_VERSION, unkeyedBucket } from '../../../src/core/cost/transcriptScanState';

const NOW = new Date('2026-03-15T12:00:00Z');
const prices = defaultPriceTable();
const SONNET = 'claude-sonnet-4-5-20250929';
/** `[day, model, long, input, output, cacheWrite5m, cacheWrite1h, cacheRead]`. */
const rec = (day: string, model: string, input: number, output = 0, long: 0 | 1 = 0, cacheWrite5m = 0, cacheWrite1h = 0, cacheRead = 0): CompactRecord => [day, model, long, input, output, cacheWrite5m, cacheWrite1h, cacheRead];
const file = (fields: Partial<FileScan>): FileScan => ({ ...emptyFileScan(), ...fields });
const state = (files: Record<string, FileScan>): TranscriptScanState => ({ version: SCAN_STATE_VERSION, month: '2026-03', files });
const cents = (value: number): string => value.toFixed(4);

describe('cost: the local estimate from the scanned transcripts', () => {
  it('prices each day and every kind of token, and counts requests, files and malformed lines', () => {
    const estimate = estimateFromTranscripts(
      state({
        'a.jsonl': file({ firstTime: 1, malformedLines: 2, keyed: { k1: rec('2026-03-10', SONNET, 1_000_000 / 10, 100_000, 0, 10_000, 20_000, 30_000), k2: rec('2026-03-11', SONNET, 100_000) } }),
        'b.jsonl': file({ firstTime: 2, malformedLines: 3, unkeyed: { [unkeyedBucket('2026-03-11', 0, SONNET)]: [200_000, 0, 0, 0, 0, 4] } }),
      }),
      { now: NOW, prices },
    );
    assert.equal(estimate.month, '2026-03');
    assert.equal(estimate.currency, 'USD');
    // 100k in $0.30 + 100k out $1.50 + 10k 5m-writes $0.0375 + 20k 1h-writes $0.12 + 30k reads $0.009
    assert.deepEqual(estimate.days.map((day) => [day.date, cents(day.amount), day.unpricedTokens]), [
      ['2026-03-10', cents(0.3 + 1.5 + 0.0375 + 0.12 + 0.009), 0],
      ['2026-03-11', cents(0.3 + 0.6), 0],
    ]);
    assert.deepEqual(estimate.days[0]?.tokens, { input: 100_000, output: 100_000, cacheWrite5m: 10_000, cacheWrite1h: 20_000, cacheRead: 30_000 });
    assert.equal(cents(estimate.amount), cents(0.3 + 1.5 + 0.0375 + 0.12 + 0.009 + 0.9));
    assert.deepEqual(estimate.tokens, { input: 400_000, output: 100_000, cacheWrite5m: 10_000, cacheWrite1h: 20_000, cacheRead: 30_000 });
    assert.equal(estimate.requests, 1 + 1 + 4);
    assert.equal(estimate.malformedLines, 5);
    assert.equal(estimate.files, 2);
    assert.deepEqual(estimate.unpriced, { tokens: 0, requests: 0, models: [] });
  });

  it('prices a long-context bucket at the long rates and a geographic profile with its premium', () => {
    const estimate = estimateFromTranscripts(state({ 'a.jsonl': file({ keyed: { long: rec('2026-03-10', SONNET, 300_000, 0, 1), geo: rec('2026-03-11', `us.anthropic.${SONNET}-v1:0`, 100_000) } }) }), { now: NOW, prices });
    assert.deepEqual(estimate.days.map((day) => cents(day.amount)), [cents(1.8), cents(0.33)]);
  });

  it('counts a request once across files, the file with the earliest usage first, then by path', () => {
    const twice = (firstA: number | null, firstB: number | null) =>
      estimateFromTranscripts(
        state({
          'b.jsonl': file({ firstTime: firstB, keyed: { same: rec('2026-03-11', SONNET, 200_000) } }),
          'a.jsonl': file({ firstTime: firstA, keyed: { same: rec('2026-03-10', SONNET, 100_000) } }),
        }),
        { now: NOW, prices },
      ).days.map((day) => [day.date, cents(day.amount)]);
    assert.deepEqual(twice(2, 1), [['2026-03-11', cents(0.6)]], 'b has the earlier usage');
    assert.deepEqual(twice(1, 2), [['2026-03-10', cents(0.3)]]);
    assert.deepEqual(twice(5, 5), [['2026-03-10', cents(0.3)]], 'a tie goes to path order');
    assert.deepEqual(twice(null, 5), [['2026-03-11', cents(0.6)]], 'a file without usage times comes last');
    assert.deepEqual(twice(null, null), [['2026-03-10', cents(0.3)]]);
  });

  it('breaks a tie by path whatever order the files were scanned in, among many files', () => {
    // File n shares request k(n-1) with the file before it and k(n) with the one after; its
    // copy of k(n-1) has 1000·n input tokens and its k(n) n. Only a full path order gives
    // every shared request to the earlier file: 1000 for k0, then n for each k(n).
    const count = 100;
    const name = (n: number): string => `f${String(n).padStart(3, '0')}.jsonl`;
    const inputTokens = (order: number[]): number => {
      const files: Record<string, FileScan> = {};
      for (const n of order) files[name(n)] = file({ firstTime: 5, keyed: { [`k${n - 1}`]: rec('2026-03-10', SONNET, 1000 * n), [`k${n}`]: rec('2026-03-10', SONNET, n) } });
      return estimateFromTranscripts(state(files), { now: NOW, prices }).tokens.input;
    };
    const inOrder = Array.from({ length: count }, (_, i) => i + 1);
    const expected = 1000 + (count * (count + 1)) / 2;
    assert.equal(inputTokens(inOrder), expected, 'scanned in path order');
    assert.equal(inputTokens([...inOrder].reverse()), expected, 'scanned in reverse');
    assert.equal(inputTokens(inOrder.map((_, i) => ((i * 37) % count) + 1)), expected, 'scanned shuffled');
  });

  it('leaves out other months, and prices nothing for Claude Code\'s synthetic messages', () => {
    const estimate = estimateFromTranscripts(
      state({
        'a.jsonl': file({
          keyed: { old: rec('2026-02-28', SONNET, 100_000), next: rec('2026-04-01', SONNET, 100_000), synthetic: rec('2026-03-12', '<synthetic>', 0, 0), ok: rec('2026-03-01', SONNET, 100_000), last: rec('2026-03-31', SONNET, 100_000) },
          unkeyed: { [unkeyedBucket('2026-02-27', 0, SONNET)]: [100_000, 0, 0, 0, 0, 1], [unkeyedBucket('2026-03-31', 0, '<synthetic>')]: [0, 0, 0, 0, 0, 1] },
        }),
      }),
      { now: NOW, prices },
    );
    assert.deepEqual(estimate.days.map((day) => [day.date, cents(day.amount)]), [['2026-03-01', cents(0.3)], ['2026-03-12', cents(0)], ['2026-03-31', cents(0.3)]]);
    assert.equal(estimate.requests, 4);
    assert.deepEqual(estimate.unpriced, { tokens: 0, requests: 0, models: [] });
  });

  it('keeps tokens of unknown models unpriced, per day, naming the models in order', () => {
    const estimate = estimateFromTranscripts(
      state({ 'a.jsonl': file({ keyed: { x: rec('2026-03-10', 'zeta-model', 100, 50), y: rec('2026-03-10', '', 10), z: rec('2026-03-11', 'alpha-model', 7) } }) }),
      { now: NOW, prices },
    );
    assert.deepEqual(estimate.unpriced, { tokens: 167, requests: 3, models: ['(no model recorded)', 'alpha-model', 'zeta-model'] });
    assert.deepEqual(estimate.days.map((day) => [day.date, day.amount, day.unpricedTokens]), [['2026-03-10', 0, 160], ['2026-03-11', 0, 7]]);
  });

  it('prices an unknown model from the session\'s own cost-state, spread over its days by tokens, and only in that session', () => {
    const aip = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc';
    const estimate = estimateFromTranscripts(
      state({
        'with.jsonl': file({ firstTime: 1, costState: { [aip]: [300, 0, 0, 0, 0.9] }, keyed: { a: rec('2026-03-10', aip, 100), b: rec('2026-03-11', aip, 200), priced: rec('2026-03-11', SONNET, 100_000) } }),
        'without.jsonl': file({ firstTime: 2, keyed: { c: rec('2026-03-12', aip, 50) } }),
      }),
      { now: NOW, prices },
    );
    assert.deepEqual(estimate.days.map((day) => [day.date, cents(day.amount), day.unpricedTokens]), [['2026-03-10', cents(0.3), 0], ['2026-03-11', cents(0.6 + 0.3), 0], ['2026-03-12', cents(0), 50]]);
    assert.equal(estimate.requests, 4);
    assert.deepEqual(estimate.unpriced, { tokens: 50, requests: 1, models: [aip] });
  });

  it('spreads a session\'s cost evenly over requests that have no tokens, and leaves unmatched figures unpriced', () => {
    const aip = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc';
    const even = estimateFromTranscripts(state({ 's.jsonl': file({ costState: { [aip]: [0, 0, 0, 0, 0.5] }, keyed: { a: rec('2026-03-10', aip, 0), b: rec('2026-03-11', aip, 0) } }) }), { now: NOW, prices });
    assert.deepEqual(even.days.map((day) => cents(day.amount)), [cents(0.25), cents(0.25)]);
    const unmatched = estimateFromTranscripts(state({ 's.jsonl': file({ costState: { [aip]: [1, 0, 0, 0, 0.5] }, keyed: { a: rec('2026-03-10', aip, 5) } }) }), { now: NOW, prices });
    assert.deepEqual([unmatched.amount, unmatched.unpriced.tokens], [0, 5]);
  });

  it('prices a model the table knows from the table, even where the session\'s own figures match its tokens', () => {
    // Claude Code prices at Anthropic's list rates; Bedrock's table wins wherever it has a price.
    const estimate = estimateFromTranscripts(state({ 's.jsonl': file({ costState: { [SONNET]: [100_000, 0, 0, 0, 5] }, keyed: { a: rec('2026-03-10', SONNET, 100_000) } }) }), { now: NOW, prices });
    assert.equal(cents(estimate.amount), cents(0.3));
  });

  it('never prices Claude Code\'s synthetic messages from the session\'s figures either', () => {
    const estimate = estimateFromTranscripts(state({ 's.jsonl': file({ costState: { web: [0, 0, 0, 0, 0.5] }, keyed: { a: rec('2026-03-10', '<synthetic>', 0) } }) }), { now: NOW, prices });
    assert.deepEqual([estimate.amount, estimate.requests, estimate.unpriced.requests], [0, 1, 0]);
  });

  it('prices a long-context bucket of requests without ids at the long rates', () => {
    const estimate = estimateFromTranscripts(state({ 'a.jsonl': file({ unkeyed: { [unkeyedBucket('2026-03-10', 1, SONNET)]: [300_000, 0, 0, 0, 0, 1], [unkeyedBucket('2026-03-11', 0, SONNET)]: [300_000, 0, 0, 0, 0, 1] } }) }), { now: NOW, prices });
    assert.deepEqual(estimate.days.map((day) => cents(day.amount)), [cents(1.8), cents(0.9)]);
  });

  it('prices an application inference profile it is told the model of', () => {
    const aip = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc';
    const estimate = estimateFromTranscripts(state({ 'a.jsonl': file({ costState: { other: [1, 1, 1, 1, 9] }, keyed: { a: rec('2026-03-10', aip, 100_000) } }) }), { now: NOW, prices, applicationProfiles: new Map([[aip, 'global.anthropic.claude-sonnet-4-5-20250929-v1:0']]) });
    assert.equal(cents(estimate.amount), cents(0.3));
  });
});
