import assert from 'node:assert/strict';
import { costFromSessionState } from '../../../src/core/cost/sessionCostState';
import { parseTranscriptLine } from '../../../src/core/cost/transcriptLine';

const line = (value: unknown): string => JSON.stringify(value);
const assistant = (usage: unknown, extra: Record<string, unknown> = {}, message: Record<string, unknown> = {}) =>
  line({ type: 'assistant', timestamp: '2026-03-10T09:00:00.000Z', requestId: 'req_1', message: { id: 'msg_1', model: 'claude-sonnet-4-5', usage, ...message }, ...extra });

describe('cost: reading one transcript line', () => {
  it('reads a usage record: day, time, model, key and every kind of token', () => {
    assert.deepEqual(parseTranscriptLine(assistant({ input_tokens: 10, output_tokens: 20, cache_creation_input_tokens: 30, cache_read_input_tokens: 40 })), {
      kind: 'usage',
      record: {
        day: '2026-03-10',
        timestamp: '2026-03-10T09:00:00.000Z',
        time: Date.parse('2026-03-10T09:00:00.000Z'),
        model: 'claude-sonnet-4-5',
        key: 'msg_1:req_1',
        tokens: { input: 10, output: 20, cacheWrite5m: 30, cacheWrite1h: 0, cacheRead: 40 },
        longContext: false,
      },
    });
  });

  it('splits cache writes by lifetime when the line says so, and keeps the total otherwise', () => {
    const tokens = (usage: unknown) => {
      const parsed = parseTranscriptLine(assistant(usage));
      return parsed.kind === 'usage' ? parsed.record.tokens : parsed.kind;
    };
    assert.deepEqual(tokens({ input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 100, cache_creation: { ephemeral_5m_input_tokens: 40, ephemeral_1h_input_tokens: 60 } }), { input: 1, output: 1, cacheWrite5m: 40, cacheWrite1h: 60, cacheRead: 0 });
    // A split that does not add up: the 5-minute part is whatever the 1-hour part leaves.
    assert.deepEqual(tokens({ input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 100, cache_creation: { ephemeral_5m_input_tokens: 10, ephemeral_1h_input_tokens: 60 } }), { input: 1, output: 1, cacheWrite5m: 40, cacheWrite1h: 60, cacheRead: 0 });
    assert.deepEqual(tokens({ input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 100, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 1 } }), { input: 1, output: 1, cacheWrite5m: 99, cacheWrite1h: 1, cacheRead: 0 });
    assert.deepEqual(tokens({ input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 100, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 } }), { input: 1, output: 1, cacheWrite5m: 100, cacheWrite1h: 0, cacheRead: 0 });
    assert.deepEqual(tokens({ input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 100, cache_creation: {} }), { input: 1, output: 1, cacheWrite5m: 100, cacheWrite1h: 0, cacheRead: 0 });
    assert.deepEqual(tokens({ input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: null, cache_read_input_tokens: null }), { input: 1, output: 1, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 });
    assert.equal(tokens({ input_tokens: 1, output_tokens: 1, cache_creation: { ephemeral_5m_input_tokens: -1 } }), 'malformed');
    assert.equal(tokens({ input_tokens: 1, output_tokens: 1, cache_creation: { ephemeral_1h_input_tokens: 'x' } }), 'malformed');
  });

  it('marks a request long-context from its whole input', () => {
    const parsed = parseTranscriptLine(assistant({ input_tokens: 150_000, output_tokens: 0, cache_read_input_tokens: 50_001 }));
    assert.equal(parsed.kind === 'usage' && parsed.record.longContext, true);
  });

  it('has no key without both ids, and an empty model when none is recorded', () => {
    const noRequest = parseTranscriptLine(line({ timestamp: '2026-03-10T09:00:00Z', message: { id: 'msg_1', usage: { input_tokens: 1, output_tokens: 1 } } }));
    assert.deepEqual(noRequest.kind === 'usage' ? [noRequest.record.key, noRequest.record.model] : noRequest.kind, [undefined, '']);
    const noMessageId = parseTranscriptLine(line({ timestamp: '2026-03-10T09:00:00Z', requestId: 'req_1', message: { model: 7, usage: { input_tokens: 1, output_tokens: 1 } } }));
    assert.deepEqual(noMessageId.kind === 'usage' ? [noMessageId.record.key, noMessageId.record.model] : noMessageId.kind, [undefined, '']);
  });

  it('takes the UTC day of a timestamp that is not written in UTC', () => {
    const parsed = parseTranscriptLine(assistant({ input_tokens: 1, output_tokens: 1 }, { timestamp: '2026-03-10T23:30:00-02:00' }));
    assert.equal(parsed.kind === 'usage' && parsed.record.day, '2026-03-11');
    const seconds = parseTranscriptLine(assistant({ input_tokens: 1, output_tokens: 1 }, { timestamp: '2026-03-10T23:30:00Z' }));
    assert.equal(seconds.kind === 'usage' && seconds.record.day, '2026-03-10');
    const east = parseTranscriptLine(assistant({ input_tokens: 1, output_tokens: 1 }, { timestamp: '2026-03-11T01:30:00.250+05:00' }));
    assert.equal(east.kind === 'usage' && east.record.day, '2026-03-10');
    // An expanded-year ISO timestamp ends like a plain UTC one, but its day is not its first ten characters.
    const expandedYear = parseTranscriptLine(assistant({ input_tokens: 1, output_tokens: 1 }, { timestamp: '+002026-03-10T23:30:00Z' }));
    assert.equal(expandedYear.kind === 'usage' && expandedYear.record.day, '2026-03-10');
  });

  it('tells malformed lines from lines that are not usage records', () => {
    const kinds = [
      'not json',
      '[1,2]',
      'null',
      '"text"',
      line({ type: 'user', message: { role: 'user', content: 'hi' } }),
      line({ type: 'summary' }),
      line({ message: 'text', timestamp: '2026-03-10T09:00:00Z' }),
      line({ message: { usage: [1] }, timestamp: '2026-03-10T09:00:00Z' }),
      line({ message: { usage: null }, timestamp: '2026-03-10T09:00:00Z' }),
      assistant({ input_tokens: 1, output_tokens: 1 }, { timestamp: 5 }),
      assistant({ input_tokens: 1, output_tokens: 1 }, { timestamp: 'yesterday' }),
      assistant({ input_tokens: -1, output_tokens: 1 }),
      assistant({ input_tokens: 1, output_tokens: '1' }),
      assistant({ output_tokens: 1 }),
      assistant({ input_tokens: 1, output_tokens: 1, cache_read_input_tokens: -5 }),
      assistant({ input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 'x' }),
      '{"timestamp":"2026-03-10T09:00:00Z","message":{"usage":{"input_tokens":1e400,"output_tokens":1}}}',
      line({ type: 'assistant', timestamp: '2026-03-10T09:00:00Z', message: [{ usage: { input_tokens: 1, output_tokens: 1 } }] }),
    ].map((text) => parseTranscriptLine(text).kind);
    assert.deepEqual(kinds, ['malformed', 'malformed', 'malformed', 'malformed', 'other', 'other', 'other', 'other', 'other', 'malformed', 'malformed', 'malformed', 'malformed', 'malformed', 'malformed', 'malformed', 'malformed', 'other']);
    const zero = parseTranscriptLine(assistant({ input_tokens: 0, output_tokens: 0 }));
    assert.equal(zero.kind, 'usage', 'zero is a count');
  });

  it('reads Claude Code\'s own cost-state line, keeping only complete figures', () => {
    const parsed = parseTranscriptLine(line({
      type: 'cost-state',
      modelUsage: {
        'arn:aip/abc': { inputTokens: 10, outputTokens: 20, cacheReadInputTokens: 30, cacheCreationInputTokens: 40, costUSD: 0.5 },
        partial: { inputTokens: 10, outputTokens: 20 },
        negative: { inputTokens: -1, outputTokens: 20, cacheReadInputTokens: 30, cacheCreationInputTokens: 40, costUSD: 0.5 },
        broken: null,
      },
    }));
    assert.deepEqual(parsed, { kind: 'cost-state', models: { 'arn:aip/abc': [10, 20, 30, 40, 0.5] } });
    assert.equal(parseTranscriptLine(line({ type: 'cost-state', modelUsage: [1] })).kind, 'other');
    assert.equal(parseTranscriptLine(line({ type: 'cost-state' })).kind, 'other');
    assert.equal(parseTranscriptLine(line({ type: 'cost-state', modelUsage: null })).kind, 'other', 'a null modelUsage does not break the line');
    assert.equal(parseTranscriptLine(line({ type: 'summary', modelUsage: { m: { inputTokens: 1, outputTokens: 1, cacheReadInputTokens: 0, cacheCreationInputTokens: 0, costUSD: 1 } } })).kind, 'other', 'only a cost-state line carries cost figures');
  });

  it('prices unpriced tokens from the cost-state entry whose token totals match, and only such an entry', () => {
    const state = { a: [10, 20, 30, 40, 0.5], b: [1, 2, 3, 4, 0.25] } as Record<string, [number, number, number, number, number]>;
    assert.equal(costFromSessionState(state, { input: 1, output: 2, cacheRead: 3, cacheWrite5m: 1, cacheWrite1h: 3 }), 0.25);
    assert.equal(costFromSessionState(state, { input: 10, output: 20, cacheRead: 30, cacheWrite5m: 40, cacheWrite1h: 0 }), 0.5);
    assert.equal(costFromSessionState(state, { input: 2, output: 2, cacheRead: 3, cacheWrite5m: 4, cacheWrite1h: 0 }), undefined);
    assert.equal(costFromSessionState(state, { input: 1, output: 3, cacheRead: 3, cacheWrite5m: 4, cacheWrite1h: 0 }), undefined);
    assert.equal(costFromSessionState(state, { input: 1, output: 2, cacheRead: 4, cacheWrite5m: 4, cacheWrite1h: 0 }), undefined);
    assert.equal(costFromSessionState(state, { input: 1, output: 2, cacheRead: 3, cacheWrite5m: 5, cacheWrite1h: 0 }), undefined);
    assert.equal(costFromSessionState(undefined, { input: 1, output: 2, cacheRead: 3, cacheWrite5m: 4, cacheWrite1h: 0 }), undefined);
  });
});
