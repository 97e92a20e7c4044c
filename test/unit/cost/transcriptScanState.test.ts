import assert from 'node:assert/strict';
import type { TokenCounts } from '../../../src/core/cost/tokenCounts';
import type { UsageRecord } from '../../../src/core/cost/transcriptLine';
import type { FileScan, TranscriptScanState } from '../../../src/core/cost/transcriptScanState';
import { dropRecordsBefore, emptyFileScan, isScanState, parseUnkeyedBucket, recordUsage, SCAN_STATE_VERSION, unkeyedBucket } from '../../../src/core/cost/transcriptScanState';

const MONTH_START = '2026-03-01';
const SONNET = 'claude-sonnet-4-5-20250929';

function usage(fields: { day: string; time?: number; key?: string; model?: string; long?: boolean; tokens?: Partial<TokenCounts> }): UsageRecord {
  return {
    day: fields.day,
    timestamp: `${fields.day}T00:00:00Z`,
    time: fields.time ?? Date.parse(`${fields.day}T00:00:00Z`),
    model: fields.model ?? SONNET,
    key: fields.key,
    tokens: { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, ...fields.tokens },
    longContext: fields.long ?? false,
  };
}

describe('cost: the per-file transcript scan state', () => {
  it('starts a file with nothing read and nothing recorded', () => {
    assert.deepEqual(emptyFileScan(), { size: 0, offset: 0, ino: 0, mtimeMs: 0, tail: '', firstTime: null, usageLines: 0, malformedLines: 0, keyed: {}, unkeyed: {} });
  });

  describe('recording usage', () => {
    it('counts every usage line and remembers the earliest time, whatever order the lines come in', () => {
      const file = emptyFileScan();
      recordUsage(file, usage({ day: '2026-03-10', time: 5000, key: 'a' }), MONTH_START);
      assert.equal(file.firstTime, 5000);
      recordUsage(file, usage({ day: '2026-03-10', time: 9000, key: 'b' }), MONTH_START);
      assert.equal(file.firstTime, 5000, 'a later line does not move the first time');
      recordUsage(file, usage({ day: '2026-03-09', time: 2000, key: 'c' }), MONTH_START);
      assert.equal(file.firstTime, 2000, 'an earlier line (a resumed session copies older history) does');
      assert.equal(file.usageLines, 3);
    });

    it('counts lines from before the month and uses their time, but keeps none of their tokens', () => {
      const file = emptyFileScan();
      recordUsage(file, usage({ day: '2026-02-28', time: 1000, key: 'old', tokens: { input: 7 } }), MONTH_START);
      recordUsage(file, usage({ day: '2026-02-28', time: 1100, tokens: { input: 8 } }), MONTH_START);
      assert.deepEqual([file.usageLines, file.firstTime, file.keyed, file.unkeyed], [2, 1000, {}, {}]);
      recordUsage(file, usage({ day: MONTH_START, key: 'first-day', tokens: { input: 9 } }), MONTH_START);
      assert.deepEqual(Object.keys(file.keyed), ['first-day'], 'the first day of the month is kept');
    });

    it('keeps the first occurrence of a request and ignores later copies', () => {
      const file = emptyFileScan();
      recordUsage(file, usage({ day: '2026-03-10', key: 'msg:req', model: 'first', long: true, tokens: { input: 1, output: 2, cacheWrite5m: 3, cacheWrite1h: 4, cacheRead: 5 } }), MONTH_START);
      recordUsage(file, usage({ day: '2026-03-11', key: 'msg:req', model: 'copy', tokens: { input: 100, output: 200 } }), MONTH_START);
      assert.deepEqual(file.keyed, { 'msg:req': ['2026-03-10', 'first', 1, 1, 2, 3, 4, 5] });
      assert.equal(file.usageLines, 2);
    });

    it('sums requests without ids per day, context length and model, each kind of token apart', () => {
      const file = emptyFileScan();
      const tokens = { input: 1, output: 20, cacheWrite5m: 300, cacheWrite1h: 4000, cacheRead: 50000 };
      recordUsage(file, usage({ day: '2026-03-10', tokens }), MONTH_START);
      recordUsage(file, usage({ day: '2026-03-10', tokens }), MONTH_START);
      recordUsage(file, usage({ day: '2026-03-10', long: true, tokens }), MONTH_START);
      recordUsage(file, usage({ day: '2026-03-11', tokens }), MONTH_START);
      assert.deepEqual(file.unkeyed, {
        [unkeyedBucket('2026-03-10', 0, SONNET)]: [2, 40, 600, 8000, 100000, 2],
        [unkeyedBucket('2026-03-10', 1, SONNET)]: [1, 20, 300, 4000, 50000, 1],
        [unkeyedBucket('2026-03-11', 0, SONNET)]: [1, 20, 300, 4000, 50000, 1],
      });
      assert.deepEqual(file.keyed, {});
    });
  });

  it('reads back the day, context length and model of a bucket, even a model with a bar in its name', () => {
    assert.deepEqual(parseUnkeyedBucket(unkeyedBucket('2026-03-10', 1, SONNET)), { day: '2026-03-10', long: 1, model: SONNET });
    assert.deepEqual(parseUnkeyedBucket(unkeyedBucket('2026-03-10', 0, 'odd|model')), { day: '2026-03-10', long: 0, model: 'odd|model' });
    assert.deepEqual(parseUnkeyedBucket(unkeyedBucket('2026-03-10', 0, '')), { day: '2026-03-10', long: 0, model: '' });
    assert.deepEqual(parseUnkeyedBucket('2026-03-10'), { day: '2026-03-10', long: 0, model: '' });
  });

  it('drops the records of earlier months from every file when the month changes, keeping the rest', () => {
    const a: FileScan = {
      ...emptyFileScan(),
      firstTime: 1,
      usageLines: 4,
      keyed: { old: ['2026-02-28', SONNET, 0, 1, 0, 0, 0, 0], first: [MONTH_START, SONNET, 0, 2, 0, 0, 0, 0] },
      unkeyed: { [unkeyedBucket('2026-02-28', 1, SONNET)]: [3, 0, 0, 0, 0, 1], [unkeyedBucket(MONTH_START, 0, SONNET)]: [4, 0, 0, 0, 0, 1] },
    };
    const b: FileScan = { ...emptyFileScan(), keyed: { older: ['2026-01-31', SONNET, 0, 5, 0, 0, 0, 0] }, unkeyed: { [unkeyedBucket('2026-03-02', 0, '')]: [6, 0, 0, 0, 0, 1] } };
    const state: TranscriptScanState = { version: SCAN_STATE_VERSION, month: '2026-02', files: { 'a.jsonl': a, 'b.jsonl': b } };
    dropRecordsBefore(state, MONTH_START);
    assert.deepEqual(a.keyed, { first: [MONTH_START, SONNET, 0, 2, 0, 0, 0, 0] });
    assert.deepEqual(a.unkeyed, { [unkeyedBucket(MONTH_START, 0, SONNET)]: [4, 0, 0, 0, 0, 1] });
    assert.deepEqual([a.usageLines, a.firstTime], [4, 1], 'what the file holds is still known');
    assert.deepEqual(b.keyed, {});
    assert.deepEqual(b.unkeyed, { [unkeyedBucket('2026-03-02', 0, '')]: [6, 0, 0, 0, 0, 1] });
  });

  describe('a state read back from disk', () => {
    const goodFile = (): Record<string, unknown> => ({
      ...emptyFileScan(),
      size: 10,
      offset: 10,
      ino: 3,
      mtimeMs: 4,
      tail: 'e30K',
      firstTime: 5,
      usageLines: 1,
      keyed: { k: ['2026-03-10', SONNET, 0, 1, 0, 0, 0, 0] },
    });
    const stateWith = (files: unknown, extra: Record<string, unknown> = {}): unknown => ({ version: SCAN_STATE_VERSION, month: '2026-03', files, ...extra });
    const withFile = (change: Record<string, unknown>): unknown => stateWith({ 'a.jsonl': goodFile(), 'b.jsonl': { ...goodFile(), ...change } });
    const without = (field: string): unknown => {
      const file = goodFile();
      Reflect.deleteProperty(file, field);
      return stateWith({ 'a.jsonl': file });
    };

    it('is used when it has the shape this version writes', () => {
      assert.equal(isScanState(stateWith({})), true);
      assert.equal(isScanState(stateWith({ 'a.jsonl': goodFile() })), true);
      assert.equal(isScanState(stateWith({ 'a.jsonl': emptyFileScan() })), true, 'a file with no usage yet has no first time');
      assert.equal(isScanState(withFile({ keyed: {}, unkeyed: { [unkeyedBucket('2026-03-10', 0, SONNET)]: [1, 0, 0, 0, 0, 1] } })), true);
    });

    it('is discarded when it is not an object, or is from another version, month or without files', () => {
      for (const value of [null, undefined, 2, 'state', [], Object.assign(() => undefined, stateWith({}))]) assert.equal(isScanState(value), false, String(value));
      assert.equal(isScanState(stateWith({}, { version: 1 })), false, 'a version 1 state has no cost-state lines and is read again');
      assert.equal(isScanState(stateWith({}, { version: undefined })), false);
      assert.equal(isScanState(stateWith({}, { month: 202603 })), false);
      assert.equal(isScanState(stateWith({}, { month: undefined })), false);
      assert.equal(isScanState(stateWith(null)), false);
      assert.equal(isScanState(stateWith(undefined)), false);
    });

    it('is discarded when any one file is not a file scan', () => {
      for (const entry of [null, 5, 'file', Object.assign(() => undefined, goodFile())]) assert.equal(isScanState(stateWith({ 'a.jsonl': goodFile(), 'b.jsonl': entry })), false, String(entry));
    });

    it('is discarded when any one count of a file is missing or not a number', () => {
      for (const field of ['size', 'offset', 'ino', 'mtimeMs', 'usageLines', 'malformedLines']) {
        assert.equal(isScanState(withFile({ [field]: String(goodFile()[field]) })), false, `${field} as a string`);
        assert.equal(isScanState(without(field)), false, `no ${field}`);
      }
    });

    it('is discarded when a first time is neither a number nor null', () => {
      assert.equal(isScanState(withFile({ firstTime: '5' })), false);
      assert.equal(isScanState(without('firstTime')), false);
    });

    it('is discarded when the records of a file are not a map', () => {
      for (const field of ['keyed', 'unkeyed']) {
        for (const map of [null, [], 'records', 3]) assert.equal(isScanState(withFile({ [field]: map })), false, `${field}: ${JSON.stringify(map)}`);
        assert.equal(isScanState(without(field)), false, `no ${field}`);
      }
    });

    it('is discarded when the tail of a file is not a string', () => {
      assert.equal(isScanState(withFile({ tail: 7 })), false);
      assert.equal(isScanState(without('tail')), false);
    });
  });
});
