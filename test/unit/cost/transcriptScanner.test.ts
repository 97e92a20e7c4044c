import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { estimateFromTranscripts } from '../../../src/core/cost/localEstimate';
import type { LocalEstimate } from '../../../src/core/cost/localEstimate';
import { defaultPriceTable, withPriceOverrides } from '../../../src/core/cost/priceTable';
import type { PriceTable } from '../../../src/core/cost/priceTable';
import { scanTranscripts } from '../../../src/core/cost/transcriptScanner';
import type { TranscriptScanState } from '../../../src/core/cost/transcriptScanState';
import { MILLION, assistantLine, temporaryClaudeDir, userLine, writeTranscript } from './transcriptFixtures';

const NOW = new Date('2026-03-15T12:00:00Z');
/**
 * These tests use requests of a million tokens so that a per-million price reads as the
 * dollar amount. Such requests are above the 200k long-context threshold, which Bedrock
 * bills at higher rates for the models that have them; here they are priced at the
 * standard rates, and long-context pricing has its own test against the shipped table.
 */
const prices: PriceTable = new Map([...defaultPriceTable()].map(([model, { longContext: _longContext, ...standard }]) => [model, standard]));

function usageLine(id: string, timestamp: string, usage: Partial<Parameters<typeof assistantLine>[0]['usage']> = {}, model?: string): string {
  return assistantLine({ messageId: `msg_${id}`, requestId: `req_${id}`, timestamp, model, usage: { input_tokens: 1000, output_tokens: 100, ...usage } });
}

async function scanAndEstimate(projects: string, state?: TranscriptScanState, now = NOW): Promise<{ state: TranscriptScanState; estimate: LocalEstimate; bytesRead: number; filesReset: number }> {
  const scanned = await scanTranscripts({ projectsDir: projects, state, now });
  return { state: scanned.state, estimate: estimateFromTranscripts(scanned.state, { now, prices }), bytesRead: scanned.stats.bytesRead, filesReset: scanned.stats.filesReset };
}

const cents = (amount: number): string => amount.toFixed(2);

describe('cost: transcript reader', () => {
  let dir: ReturnType<typeof temporaryClaudeDir>;
  beforeEach(() => {
    dir = temporaryClaudeDir();
  });
  afterEach(() => {
    dir.cleanup();
  });

  it('sums the month per UTC day and prices every kind of token', async () => {
    writeTranscript(dir.projects, '-home-dev-a/s1.jsonl', [
      userLine('2026-03-02T09:00:00Z'),
      // Sonnet 4.5: $3 input, $15 output, $3.75 5-minute writes, $6 1-hour writes, $0.30 reads per million.
      usageLine('a', '2026-03-02T09:00:01Z', { input_tokens: MILLION, output_tokens: 0 }),
      usageLine('b', '2026-03-02T23:59:59Z', { input_tokens: 0, output_tokens: 100_000 }),
      usageLine('c', '2026-03-03T00:00:00Z', {
        input_tokens: 0,
        output_tokens: 0,
        cache_creation_input_tokens: 300_000,
        cache_creation: { ephemeral_5m_input_tokens: 200_000, ephemeral_1h_input_tokens: 100_000 },
        cache_read_input_tokens: 100_000,
      }),
    ]);
    const { estimate } = await scanAndEstimate(dir.projects);
    assert.equal(estimate.month, '2026-03');
    assert.deepEqual(
      estimate.days.map((day) => [day.date, cents(day.amount)]),
      [
        ['2026-03-02', '4.50'],
        ['2026-03-03', '1.38'],
      ],
    );
    assert.equal(cents(estimate.amount), '5.88');
    assert.deepEqual(estimate.tokens, { input: MILLION, output: 100_000, cacheWrite5m: 200_000, cacheWrite1h: 100_000, cacheRead: 100_000 });
    assert.equal(estimate.requests, 3);
  });

  it('counts a request once when its message id and request id repeat, in one file or across files', async () => {
    const first = usageLine('dup', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 });
    // Claude Code writes one line per content block, all with the same ids and usage.
    writeTranscript(dir.projects, 'p1/session.jsonl', [first, first, first, usageLine('own-1', '2026-03-05T10:01:00Z', { input_tokens: MILLION, output_tokens: 0 })]);
    // A resumed session copies the history into a new file.
    writeTranscript(dir.projects, 'p2/resumed.jsonl', [first, usageLine('own-2', '2026-03-05T11:00:00Z', { input_tokens: MILLION, output_tokens: 0 })]);
    const { estimate } = await scanAndEstimate(dir.projects);
    assert.equal(estimate.requests, 3);
    assert.equal(cents(estimate.amount), '9.00');
  });

  it('counts every line that has no ids: there is nothing to match them by', async () => {
    const anonymous = assistantLine({ timestamp: '2026-03-05T10:00:00Z', usage: { input_tokens: MILLION, output_tokens: 0 } });
    writeTranscript(dir.projects, 'p/s.jsonl', [anonymous, anonymous]);
    const { estimate } = await scanAndEstimate(dir.projects);
    assert.equal(estimate.requests, 2);
    assert.equal(cents(estimate.amount), '6.00');
  });

  it('skips and counts malformed lines, and ignores lines that are not usage records', async () => {
    const good = usageLine('g', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 });
    writeTranscript(dir.projects, 'p/s.jsonl', [
      good.slice(0, 80), // cut short by a crash
      'not json at all',
      usageLine('neg', '2026-03-05T10:00:00Z', { input_tokens: -5 }),
      good,
      '',
      '   ',
      userLine('2026-03-05T10:00:02Z'),
      JSON.stringify({ type: 'summary', summary: 'Fixed the build' }),
      JSON.stringify({ type: 'user', message: { role: 'user', content: [] }, toolUseResult: { usage: { input_tokens: 5 } }, timestamp: '2026-03-05T10:00:03Z' }),
    ]);
    const { estimate } = await scanAndEstimate(dir.projects);
    assert.equal(estimate.requests, 1);
    assert.equal(estimate.malformedLines, 3);
    assert.equal(cents(estimate.amount), '3.00');
  });

  it('reads only the appended bytes on refresh', async () => {
    const file = writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('1', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 })]);
    const first = await scanAndEstimate(dir.projects);
    assert.equal(first.bytesRead, fs.statSync(file).size);
    const appended = `${usageLine('2', '2026-03-06T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 })}\n`;
    fs.appendFileSync(file, appended);
    const second = await scanAndEstimate(dir.projects, first.state);
    assert.equal(second.bytesRead, Buffer.byteLength(appended));
    assert.equal(second.estimate.requests, 2);
    assert.equal(cents(second.estimate.amount), '6.00');
    const third = await scanAndEstimate(dir.projects, second.state);
    assert.equal(third.bytesRead, 0);
    assert.equal(cents(third.estimate.amount), '6.00');
  });

  it('does not consume a last line until its newline is written', async () => {
    const line = usageLine('slow', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 });
    const file = writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('1', '2026-03-05T09:00:00Z', { input_tokens: MILLION, output_tokens: 0 })]);
    fs.appendFileSync(file, line.slice(0, 100));
    const partial = await scanAndEstimate(dir.projects);
    assert.equal(partial.estimate.requests, 1);
    assert.equal(partial.estimate.malformedLines, 0);
    fs.appendFileSync(file, line.slice(100));
    const stillPartial = await scanAndEstimate(dir.projects, partial.state);
    assert.equal(stillPartial.estimate.requests, 1, 'a complete JSON object without its newline may still be growing');
    fs.appendFileSync(file, '\n');
    const complete = await scanAndEstimate(dir.projects, stillPartial.state);
    assert.equal(complete.estimate.requests, 2);
    assert.equal(complete.estimate.malformedLines, 0);
    assert.equal(cents(complete.estimate.amount), '6.00');
  });

  it('re-reads a truncated file from the start and drops what it contributed before', async () => {
    const lines = ['1', '2', '3'].map((id) => usageLine(id, '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 }));
    writeTranscript(dir.projects, 'p/keep.jsonl', [usageLine('k', '2026-03-04T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 })]);
    const file = writeTranscript(dir.projects, 'p/s.jsonl', lines);
    const before = await scanAndEstimate(dir.projects);
    assert.equal(cents(before.estimate.amount), '12.00');
    fs.truncateSync(file, 0);
    fs.appendFileSync(file, `${lines[0]!}\n`);
    const after = await scanAndEstimate(dir.projects, before.state);
    assert.equal(after.filesReset, 1);
    assert.equal(after.estimate.requests, 2);
    assert.equal(cents(after.estimate.amount), '6.00');
  });

  it('re-reads a file replaced by another (rotation), even when it grew', async () => {
    const file = writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('old', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 })]);
    const before = await scanAndEstimate(dir.projects);
    const replacement = path.join(dir.root, 'replacement.jsonl');
    fs.writeFileSync(replacement, ['x', 'y', 'z'].map((id) => usageLine(id, '2026-03-06T10:00:00Z', { input_tokens: 0, output_tokens: MILLION })).join('\n') + '\n');
    fs.renameSync(replacement, file);
    const after = await scanAndEstimate(dir.projects, before.state);
    assert.equal(after.filesReset, 1);
    assert.deepEqual(
      after.estimate.days.map((day) => [day.date, cents(day.amount)]),
      [['2026-03-06', '45.00']],
    );
  });

  it('re-reads a file rewritten in place that grew past the old size (same inode)', async () => {
    const file = writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('old', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 })]);
    const before = await scanAndEstimate(dir.projects);
    const inode = fs.statSync(file).ino;
    fs.writeFileSync(file, ['n1', 'n2'].map((id) => usageLine(id, '2026-03-07T10:00:00Z', { input_tokens: MILLION, output_tokens: 0, cache_read_input_tokens: 10 })).join('\n') + '\n');
    assert.equal(fs.statSync(file).ino, inode);
    const after = await scanAndEstimate(dir.projects, before.state);
    assert.equal(after.filesReset, 1);
    assert.deepEqual(
      after.estimate.days.map((day) => day.date),
      ['2026-03-07'],
    );
    assert.equal(after.estimate.requests, 2);
  });

  it('forgets deleted files, but a duplicate that survives elsewhere still counts once', async () => {
    const shared = usageLine('shared', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 });
    const first = writeTranscript(dir.projects, 'p/a.jsonl', [shared, usageLine('only-a', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 })]);
    writeTranscript(dir.projects, 'q/b.jsonl', [shared]);
    const before = await scanAndEstimate(dir.projects);
    assert.equal(before.estimate.requests, 2);
    fs.rmSync(first);
    const after = await scanAndEstimate(dir.projects, before.state);
    assert.equal(after.estimate.requests, 1);
    assert.equal(cents(after.estimate.amount), '3.00');
  });

  it('keeps the UTC month of the injected clock, and moves on when the month changes', async () => {
    writeTranscript(dir.projects, 'p/s.jsonl', [
      usageLine('feb', '2026-02-28T23:59:59.999Z', { input_tokens: MILLION, output_tokens: 0 }),
      // 01:00 in UTC+2 is still February in UTC.
      usageLine('feb-offset', '2026-03-01T01:00:00+02:00', { input_tokens: MILLION, output_tokens: 0 }),
      usageLine('mar', '2026-03-01T00:00:00.000Z', { input_tokens: MILLION, output_tokens: 0 }),
      usageLine('mar-end', '2026-03-31T23:59:59Z', { input_tokens: MILLION, output_tokens: 0 }),
      usageLine('apr', '2026-04-01T00:00:00Z', { input_tokens: 0, output_tokens: MILLION }),
    ]);
    const march = await scanAndEstimate(dir.projects, undefined, new Date('2026-03-01T00:30:00Z'));
    assert.deepEqual(
      march.estimate.days.map((day) => day.date),
      ['2026-03-01', '2026-03-31'],
    );
    assert.equal(cents(march.estimate.amount), '6.00');
    const april = await scanAndEstimate(dir.projects, march.state, new Date('2026-04-01T00:00:00Z'));
    assert.equal(april.bytesRead, 0, 'a new month needs no re-read');
    assert.equal(april.estimate.month, '2026-04');
    assert.deepEqual(
      april.estimate.days.map((day) => [day.date, cents(day.amount)]),
      [['2026-04-01', '15.00']],
    );
    const backInFebruary = await scanAndEstimate(dir.projects, april.state, new Date('2026-02-28T12:00:00Z'));
    assert.equal(cents(backInFebruary.estimate.amount), '6.00', 'a clock set back re-reads what was dropped');
  });

  it('counts tokens of unknown models as unpriced, never as $0', async () => {
    writeTranscript(dir.projects, 'p/s.jsonl', [
      usageLine('known', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 }),
      usageLine('unknown', '2026-03-05T10:00:00Z', { input_tokens: 500, output_tokens: 20 }, 'claude-nova-9'),
      usageLine('nomodel', '2026-03-05T10:00:00Z', { input_tokens: 7, output_tokens: 3 }, ''),
      usageLine('synthetic', '2026-03-05T10:00:00Z', { input_tokens: 0, output_tokens: 0 }, '<synthetic>'),
    ]);
    const { estimate } = await scanAndEstimate(dir.projects);
    assert.equal(cents(estimate.amount), '3.00');
    assert.deepEqual(estimate.unpriced, { tokens: 530, requests: 2, models: ['(no model recorded)', 'claude-nova-9'] });
    assert.equal(estimate.days[0]?.unpricedTokens, 530);
  });

  it('prices a model the table does not know from Claude Code\'s own cost-state line of that session, and only that session', async () => {
    const aip = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/f4bl3a11c3x9';
    const costState = (usage: Record<string, unknown>) => JSON.stringify({ type: 'cost-state', sessionId: 's', totalCostUSD: 1.2345, modelUsage: usage });
    writeTranscript(dir.projects, 'p/with-state.jsonl', [
      usageLine('known', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 }),
      usageLine('new1', '2026-03-05T10:00:00Z', { input_tokens: 500, output_tokens: 20 }, 'anthropic.claude-nova-9'),
      usageLine('new2', '2026-03-06T10:00:00Z', { input_tokens: 500, output_tokens: 20 }, 'anthropic.claude-nova-9'),
      costState({ [aip]: { inputTokens: 1000, outputTokens: 40, cacheReadInputTokens: 0, cacheCreationInputTokens: 0, costUSD: 0.5, canonicalModel: 'claude-nova-9' } }),
    ]);
    // Another session with the same model whose cost-state counts other tokens: no match, so unpriced, never guessed.
    writeTranscript(dir.projects, 'p/other.jsonl', [
      usageLine('new3', '2026-03-06T11:00:00Z', { input_tokens: 300, output_tokens: 10 }, 'anthropic.claude-nova-9'),
      costState({ [aip]: { inputTokens: 999, outputTokens: 10, cacheReadInputTokens: 0, cacheCreationInputTokens: 0, costUSD: 9 } }),
    ]);
    const { estimate } = await scanAndEstimate(dir.projects);
    assert.equal(estimate.amount.toFixed(4), '3.5000', 'the table\'s $3.00 plus Claude Code\'s $0.50');
    assert.deepEqual(estimate.days.map((day) => [day.date, day.amount.toFixed(4)]), [['2026-03-05', '3.2500'], ['2026-03-06', '0.2500']]);
    assert.deepEqual(estimate.unpriced, { tokens: 310, requests: 1, models: ['anthropic.claude-nova-9'] });
  });

  it('prices Bedrock ids, geographic profiles and application inference profiles through the id map', async () => {
    const aip = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc123';
    writeTranscript(dir.projects, 'p/s.jsonl', [
      usageLine('bedrock', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 }, 'anthropic.claude-haiku-4-5-20251001-v1:0'),
      usageLine('geo', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 }, 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'),
      usageLine('global', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 }, 'global.anthropic.claude-sonnet-4-5-20250929-v1:0'),
      usageLine('aip', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 }, aip),
    ]);
    const { state } = await scanAndEstimate(dir.projects);
    const unmapped = estimateFromTranscripts(state, { now: NOW, prices });
    // Haiku 4.5 $1 + Sonnet 4.5 in a US profile $3.30 + global $3; the AIP is unknown without a map.
    assert.equal(cents(unmapped.amount), '7.30');
    assert.deepEqual(unmapped.unpriced.models, [aip]);
    const mapped = estimateFromTranscripts(state, {
      now: NOW,
      prices,
      applicationProfiles: new Map([[aip, 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-opus-4-6-v1']]),
    });
    assert.equal(cents(mapped.amount), '12.80');
    assert.equal(mapped.unpriced.tokens, 0);
  });

  it('applies admin price overrides without re-reading transcripts', async () => {
    writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('1', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: MILLION }, 'claude-sonnet-4-5-20250929')]);
    const { state } = await scanAndEstimate(dir.projects);
    const discounted = withPriceOverrides(prices, { 'claude-sonnet-4-5': { input: 2.5 }, 'claude-nova-9': { input: 1, output: 2, cacheWrite5m: 1, cacheWrite1h: 1, cacheRead: 0.1 } });
    assert.equal(cents(estimateFromTranscripts(state, { now: NOW, prices: discounted }).amount), '17.50');
  });

  it('finds transcripts in nested folders (sub-agents) and survives a JSON round trip of its state', async () => {
    writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('1', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 })]);
    writeTranscript(dir.projects, 'p/s/subagents/agent-1.jsonl', [usageLine('2', '2026-03-05T10:00:00Z', { input_tokens: MILLION, output_tokens: 0 })]);
    const first = await scanAndEstimate(dir.projects);
    assert.equal(first.estimate.files, 2);
    const restored = JSON.parse(JSON.stringify(first.state)) as TranscriptScanState;
    const second = await scanAndEstimate(dir.projects, restored);
    assert.equal(second.bytesRead, 0);
    assert.equal(cents(second.estimate.amount), '6.00');
  });

  it('bills a whole request above 200k input tokens at the long-context rates of the shipped table', async () => {
    writeTranscript(dir.projects, 'p/s.jsonl', [
      // 150k fresh input: standard $3 per million.
      usageLine('short', '2026-03-05T10:00:00Z', { input_tokens: 150_000, output_tokens: 10_000 }),
      // 50k fresh + 160k cache reads = 210k of input: every token at the long-context rates.
      usageLine('long', '2026-03-06T10:00:00Z', { input_tokens: 50_000, output_tokens: 10_000, cache_read_input_tokens: 160_000 }),
      // Opus 4.6 has no long-context rates: standard pricing whatever the size.
      usageLine('opus', '2026-03-07T10:00:00Z', { input_tokens: 300_000, output_tokens: 0 }, 'claude-opus-4-6'),
    ]);
    const { state } = await scanAndEstimate(dir.projects);
    const estimate = estimateFromTranscripts(state, { now: NOW, prices: defaultPriceTable() });
    assert.deepEqual(
      estimate.days.map((day) => [day.date, day.amount.toFixed(4)]),
      [
        ['2026-03-05', '0.6000'], // 0.15 × 3 + 0.01 × 15
        ['2026-03-06', '0.6210'], // 0.05 × 6 + 0.01 × 22.5 + 0.16 × 0.6
        ['2026-03-07', '1.5000'], // 0.3 × 5
      ],
    );
  });

  it('answers nothing, without failing, when there is no projects folder', async () => {
    const { estimate } = await scanAndEstimate(path.join(dir.root, 'missing', 'projects'));
    assert.equal(estimate.requests, 0);
    assert.equal(estimate.amount, 0);
  });
});

describe('cost: transcript reader properties', () => {
  const validLine = (index: number, day: number): string =>
    usageLine(`p${index}`, `2026-03-${String(day).padStart(2, '0')}T12:00:00Z`, { input_tokens: 1000 + index, output_tokens: index });

  /** A transcript of valid lines, random garbage and lines cut short, in any order. */
  const transcript: fc.Arbitrary<Entry[]> = fc.array(
    fc.oneof<fc.Arbitrary<Entry>[]>(
      fc.record({ kind: fc.constant('valid' as const), day: fc.integer({ min: 1, max: 31 }) }),
      fc.record({ kind: fc.constant('garbage' as const), bytes: fc.uint8Array({ maxLength: 200 }) }),
      fc.record({ kind: fc.constant('cut' as const), day: fc.integer({ min: 1, max: 31 }), keep: fc.double({ min: 0, max: 0.999, noNaN: true }) }),
    ),
    { maxLength: 40 },
  );

  type Entry = { kind: 'valid'; day: number } | { kind: 'garbage'; bytes: Uint8Array } | { kind: 'cut'; day: number; keep: number };

  function render(entries: readonly Entry[]): { bytes: Buffer; valid: number } {
    const parts: Buffer[] = [];
    let valid = 0;
    entries.forEach((entry, index) => {
      if (entry.kind === 'valid') {
        valid++;
        parts.push(Buffer.from(`${validLine(index, entry.day)}\n`));
      } else if (entry.kind === 'cut') {
        const line = validLine(index, entry.day);
        parts.push(Buffer.from(`${line.slice(0, Math.floor(line.length * entry.keep))}\n`));
      } else {
        parts.push(Buffer.concat([Buffer.from(entry.bytes.filter((byte) => byte !== 0x0a)), Buffer.from('\n')]));
      }
    });
    return { bytes: Buffer.concat(parts), valid };
  }

  it('never throws and counts exactly the valid lines, whatever else the file holds', async () => {
    await fc.assert(
      fc.asyncProperty(transcript, async (entries) => {
        const dir = temporaryClaudeDir();
        try {
          const { bytes, valid } = render(entries);
          fs.writeFileSync(path.join(dir.projects, 'fuzz.jsonl'), bytes);
          const { estimate } = await scanAndEstimate(dir.projects);
          assert.equal(estimate.requests, valid);
        } finally {
          dir.cleanup();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same answer refreshed after every append, at any byte boundary, as one cold read', async () => {
    await fc.assert(
      fc.asyncProperty(transcript, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), async (entries, cuts) => {
        const dir = temporaryClaudeDir();
        try {
          const { bytes } = render(entries);
          const file = path.join(dir.projects, 'growing.jsonl');
          fs.writeFileSync(file, '');
          let state: TranscriptScanState | undefined;
          let written = 0;
          for (const cut of [...cuts.map((fraction) => Math.floor(bytes.length * fraction)).sort((a, b) => a - b), bytes.length]) {
            if (cut <= written) continue;
            fs.appendFileSync(file, bytes.subarray(written, cut));
            written = cut;
            state = (await scanAndEstimate(dir.projects, state)).state;
          }
          const incremental = estimateFromTranscripts(state ?? (await scanAndEstimate(dir.projects)).state, { now: NOW, prices });
          const cold = (await scanAndEstimate(dir.projects)).estimate;
          assert.deepEqual(incremental, cold);
        } finally {
          dir.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  });
});
