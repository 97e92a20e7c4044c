import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { estimateFromTranscripts } from '../../../src/core/cost/localEstimate';
import type { PriceTable } from '../../../src/core/cost/priceTable';
import { defaultPriceTable } from '../../../src/core/cost/priceTable';
import type { Logger } from '../../../src/core/runtime/logger';
import { scanTranscripts } from '../../../src/core/cost/transcriptScanner';
import type { TranscriptScanStats } from '../../../src/core/cost/transcriptScanner';
import type { TranscriptScanState } from '../../../src/core/cost/transcriptScanState';
import { MILLION, assistantLine, temporaryClaudeDir, userLine, writeTranscript } from './transcriptFixtures';

const NOW = new Date('2026-03-15T12:00:00Z');
const prices: PriceTable = new Map([...defaultPriceTable()].map(([model, { longContext: _longContext, ...standard }]) => [model, standard]));

function usageLine(id: string, timestamp = '2026-03-05T10:00:00Z', text?: string): string {
  return assistantLine({ messageId: `msg_${id}`, requestId: `req_${id}`, timestamp, text, usage: { input_tokens: MILLION, output_tokens: 0 } });
}

function recordingLogger(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const ignore = (): undefined => undefined;
  return { warnings, logger: { trace: ignore, debug: ignore, info: ignore, warn: (message) => { warnings.push(message); }, error: ignore } };
}

async function scan(projects: string, state?: TranscriptScanState, logger?: Logger): Promise<{ state: TranscriptScanState; stats: TranscriptScanStats; requests: number; amount: string; malformedLines: number }> {
  const scanned = await scanTranscripts({ projectsDir: projects, state, now: NOW, logger });
  const estimate = estimateFromTranscripts(scanned.state, { now: NOW, prices });
  return { state: scanned.state, stats: scanned.stats, requests: estimate.requests, amount: estimate.amount.toFixed(2), malformedLines: estimate.malformedLines };
}

/** A whole second, so that setting it again gives exactly the same `mtimeMs`. */
const MTIME = new Date('2026-03-05T12:00:00Z');

/** Gives a file a chosen modification time, so that only size, inode or content tell two versions apart. */
function setMtime(file: string, mtime = MTIME): void {
  fs.utimesSync(file, mtime, mtime);
}

describe('cost: transcript reader, files on disk', () => {
  let dir: ReturnType<typeof temporaryClaudeDir>;
  beforeEach(() => {
    dir = temporaryClaudeDir();
  });
  afterEach(() => {
    dir.cleanup();
  });

  it('reads only .jsonl files, follows links to transcripts and ignores links to folders', async () => {
    writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('a')]);
    writeTranscript(dir.projects, 'p/notes.txt', [usageLine('txt')]);
    writeTranscript(dir.root, 'elsewhere/linked.jsonl', [usageLine('linked')]);
    fs.symlinkSync(path.join(dir.root, 'elsewhere', 'linked.jsonl'), path.join(dir.projects, 'p', 'link.jsonl'));
    fs.symlinkSync(path.join(dir.root, 'elsewhere'), path.join(dir.projects, 'p', 'folder.jsonl'));
    fs.mkdirSync(path.join(dir.projects, 'p', 'dir.jsonl'));
    const { logger, warnings } = recordingLogger();
    const { stats, requests } = await scan(dir.projects, undefined, logger);
    assert.deepEqual(warnings, []);
    assert.equal(requests, 2);
    assert.equal(stats.files, 2);
  });

  it('warns about a transcript it cannot read, skips a dangling link, and still reads the others', async () => {
    writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('a')]);
    fs.symlinkSync('loop.jsonl', path.join(dir.projects, 'p', 'loop.jsonl'));
    fs.symlinkSync(path.join(dir.root, 'missing.jsonl'), path.join(dir.projects, 'p', 'dangling.jsonl'));
    const { logger, warnings } = recordingLogger();
    const { requests, stats } = await scan(dir.projects, undefined, logger);
    assert.equal(requests, 1);
    assert.equal(stats.files, 1);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^Could not read transcript p\/loop\.jsonl: ELOOP/);
  });

  it('answers nothing, without a warning, when the projects path is a file', async () => {
    const file = path.join(dir.root, 'not-a-folder');
    fs.writeFileSync(file, `${usageLine('a')}\n`);
    const { logger, warnings } = recordingLogger();
    const { requests, stats } = await scan(file, undefined, logger);
    assert.equal(requests, 0);
    assert.equal(stats.files, 0);
    assert.deepEqual(warnings, []);
  });

  it('fails when the projects folder cannot be listed for another reason than being absent', async () => {
    const looping = path.join(dir.root, 'looping');
    fs.symlinkSync('looping', looping);
    await assert.rejects(scanTranscripts({ projectsDir: looping, now: NOW }), { code: 'ELOOP' });
  });

  it('counts as read only the files that changed', async () => {
    writeTranscript(dir.projects, 'p/a.jsonl', [usageLine('a')]);
    const changing = writeTranscript(dir.projects, 'p/b.jsonl', [usageLine('b')]);
    const first = await scan(dir.projects);
    assert.equal(first.stats.filesRead, 2);
    const idle = await scan(dir.projects, first.state);
    assert.deepEqual(idle.stats, { files: 2, filesRead: 0, filesReset: 0, filesRemoved: 0, bytesRead: 0 });
    fs.appendFileSync(changing, `${usageLine('c')}\n`);
    const after = await scan(dir.projects, idle.state);
    assert.equal(after.stats.filesRead, 1);
    assert.equal(after.requests, 3);
  });

  it('reads what was appended even when the modification time was kept', async () => {
    const file = writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('a')]);
    setMtime(file);
    const first = await scan(dir.projects);
    fs.appendFileSync(file, `${usageLine('b')}\n`);
    setMtime(file);
    const after = await scan(dir.projects, first.state);
    assert.equal(after.requests, 2);
  });

  it('re-reads a file rewritten at the same size when its modification time changed', async () => {
    const file = writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('a', '2026-03-05T10:00:00Z')]);
    setMtime(file);
    const first = await scan(dir.projects);
    const { ino } = fs.statSync(file);
    fs.writeFileSync(file, `${usageLine('a', '2026-03-06T10:00:00Z')}\n`);
    setMtime(file, new Date(MTIME.getTime() + 5000));
    assert.equal(fs.statSync(file).ino, ino);
    const after = await scan(dir.projects, first.state);
    assert.equal(after.stats.filesReset, 1);
    assert.deepEqual(Object.values(after.state.files).map((file) => Object.values(file.keyed).map((record) => record[0])), [['2026-03-06']]);
  });

  it('re-reads a file replaced by another of the same size and modification time', async () => {
    const file = writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('a', '2026-03-05T10:00:00Z')]);
    setMtime(file);
    const first = await scan(dir.projects);
    const replacement = path.join(dir.root, 'replacement.jsonl');
    fs.writeFileSync(replacement, `${usageLine('a', '2026-03-06T10:00:00Z')}\n`);
    setMtime(replacement);
    fs.renameSync(replacement, file);
    const after = await scan(dir.projects, first.state);
    assert.equal(after.stats.filesReset, 1);
    assert.deepEqual(Object.values(after.state.files).map((file) => Object.values(file.keyed).map((record) => record[0])), [['2026-03-06']]);
  });

  it('does not reopen a file whose size, modification time and inode are all unchanged', async () => {
    const file = writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('a', '2026-03-05T10:00:00Z')]);
    setMtime(file);
    const first = await scan(dir.projects);
    // Same bytes count, other content: only reopening the file could notice.
    fs.writeFileSync(file, `${usageLine('a', '2026-03-06T10:00:00Z')}\n`);
    setMtime(file);
    const after = await scan(dir.projects, first.state);
    assert.deepEqual(after.stats, { files: 1, filesRead: 0, filesReset: 0, filesRemoved: 0, bytesRead: 0 });
  });

  it('re-reads a file replaced by a longer copy of itself from the start', async () => {
    const file = writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('a')]);
    const first = await scan(dir.projects);
    const replacement = path.join(dir.root, 'replacement.jsonl');
    fs.copyFileSync(file, replacement);
    fs.appendFileSync(replacement, `${usageLine('b')}\n`);
    fs.renameSync(replacement, file);
    const after = await scan(dir.projects, first.state);
    assert.equal(after.stats.filesReset, 1);
    assert.equal(after.stats.bytesRead, fs.statSync(file).size);
    assert.equal(after.requests, 2);
  });

  it('re-reads a file that shrank, even when only its unfinished last line went away', async () => {
    const file = writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('a')]);
    const complete = fs.statSync(file).size;
    fs.appendFileSync(file, usageLine('b').slice(0, 50));
    const first = await scan(dir.projects);
    fs.truncateSync(file, complete);
    const after = await scan(dir.projects, first.state);
    assert.equal(after.stats.filesReset, 1);
    assert.equal(after.stats.bytesRead, complete);
    assert.equal(after.requests, 1);
  });

  it('does not re-read a file that was only touched', async () => {
    const file = writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('a')]);
    setMtime(file);
    const first = await scan(dir.projects);
    setMtime(file, new Date(MTIME.getTime() + 5000));
    const after = await scan(dir.projects, first.state);
    assert.equal(after.stats.filesReset, 0);
    assert.equal(after.stats.bytesRead, 0);
    assert.equal(after.requests, 1);
  });

  it('reads only the appended bytes of a state saved where files have no inode numbers', async () => {
    const file = writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('a')]);
    const first = await scan(dir.projects);
    first.state.files['p/s.jsonl']!.ino = 0;
    const appended = `${usageLine('b')}\n`;
    fs.appendFileSync(file, appended);
    const after = await scan(dir.projects, first.state);
    assert.equal(after.stats.filesReset, 0);
    assert.equal(after.stats.bytesRead, Buffer.byteLength(appended));
    assert.equal(after.requests, 2);
  });

  it('still notices a rewrite after a refresh that found no complete line', async () => {
    const file = writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('a', '2026-03-05T10:00:00Z')]);
    const first = await scan(dir.projects);
    fs.appendFileSync(file, '{"type":"user"');
    const partial = await scan(dir.projects, first.state);
    assert.equal(partial.requests, 1);
    fs.writeFileSync(file, `${usageLine('b', '2026-03-07T10:00:00Z')}\n${usageLine('c', '2026-03-07T11:00:00Z')}\n`);
    const after = await scan(dir.projects, partial.state);
    assert.equal(after.stats.filesReset, 1);
    assert.deepEqual(Object.values(after.state.files['p/s.jsonl']!.keyed).map((record) => record[0]), ['2026-03-07', '2026-03-07']);
  });

  it('closes every transcript it opens', async () => {
    // Linux shows a process's open descriptors in /proc; elsewhere there is nothing to count.
    if (!fs.existsSync('/proc/self/fd')) return;
    for (let index = 0; index < 6; index++) writeTranscript(dir.projects, `p/s${index}.jsonl`, [usageLine(String(index))]);
    const before = fs.readdirSync('/proc/self/fd').length;
    const { requests } = await scan(dir.projects);
    assert.equal(requests, 6);
    assert.equal(fs.readdirSync('/proc/self/fd').length, before);
  });
});

describe('cost: transcript reader, large transcripts', () => {
  let dir: ReturnType<typeof temporaryClaudeDir>;
  beforeEach(() => {
    dir = temporaryClaudeDir();
  });
  afterEach(() => {
    dir.cleanup();
  });

  it('reads a transcript bigger than its read buffer, with lines cut across reads', async () => {
    // 1,000 responses of ~10 KB: about 10 MB, more than two 4 MB reads, at odd line lengths.
    const lines = Array.from({ length: 1000 }, (_, index) => usageLine(`big-${index}`, '2026-03-05T10:00:00Z', 'x'.repeat(10_000 + (index % 7) * 13)));
    writeTranscript(dir.projects, 'p/s.jsonl', lines);
    const { requests, malformedLines, stats } = await scan(dir.projects);
    assert.equal(malformedLines, 0);
    assert.equal(requests, 1000);
    assert.equal(stats.bytesRead, fs.statSync(path.join(dir.projects, 'p/s.jsonl')).size);
  });

  it('reads a single line longer than its read buffer, in the middle or at the start of a file', async () => {
    const long = userLine('2026-03-05T10:00:01Z', 'y'.repeat(9 * 1024 * 1024));
    writeTranscript(dir.projects, 'p/middle.jsonl', [usageLine('before'), long, usageLine('after')]);
    writeTranscript(dir.projects, 'p/start.jsonl', [long, usageLine('last')]);
    const { requests, malformedLines } = await scan(dir.projects);
    assert.equal(malformedLines, 0);
    assert.equal(requests, 3);
  });

  it('stops exactly at the end of a transcript bigger than its read buffer, so that the next refresh reads only what was appended', async () => {
    // Lines of exactly 10,000 bytes, the last one a byte shorter: the end of the file then
    // falls just before where a newline sat in the previous read.
    const LINE = 10_000;
    const line = (index: number, length: number): string => {
      const bare = usageLine(`fixed-${index}`, '2026-03-05T10:00:00Z', '');
      return usageLine(`fixed-${index}`, '2026-03-05T10:00:00Z', 'z'.repeat(length - 1 - Buffer.byteLength(bare)));
    };
    const lines = Array.from({ length: 500 }, (_, index) => line(index, index === 499 ? LINE - 1 : LINE));
    const file = writeTranscript(dir.projects, 'p/s.jsonl', lines);
    assert.equal(fs.statSync(file).size, 500 * LINE - 1);
    const first = await scan(dir.projects);
    assert.equal(first.requests, 500);
    const appended = `${usageLine('appended')}\n`;
    fs.appendFileSync(file, appended);
    const after = await scan(dir.projects, first.state);
    assert.equal(after.stats.filesReset, 0);
    assert.equal(after.stats.bytesRead, Buffer.byteLength(appended));
    assert.equal(after.requests, 501);
  });

  it('still notices a rewrite after reading an unfinished line longer than its read buffer', async () => {
    const file = writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('a', '2026-03-05T10:00:00Z')]);
    fs.appendFileSync(file, `{"type":"user","text":"${'u'.repeat(5 * 1024 * 1024)}`);
    const first = await scan(dir.projects);
    assert.equal(first.requests, 1);
    fs.writeFileSync(file, `${usageLine('b', '2026-03-07T10:00:00Z')}\n`.repeat(2) + 'v'.repeat(6 * 1024 * 1024) + '\n');
    const after = await scan(dir.projects, first.state);
    assert.equal(after.stats.filesReset, 1);
    assert.deepEqual(Object.values(after.state.files['p/s.jsonl']!.keyed).map((record) => record[0]), ['2026-03-07']);
  });
});

describe('cost: transcript reader, which lines it parses', () => {
  let dir: ReturnType<typeof temporaryClaudeDir>;
  beforeEach(() => {
    dir = temporaryClaudeDir();
  });
  afterEach(() => {
    dir.cleanup();
  });

  it('counts as malformed what does not look like a JSON object, and skips object-like lines that mention no usage', async () => {
    writeTranscript(dir.projects, 'p/a.jsonl', [
      '"usage" is not an object', // malformed
      '{"type":"user" broken}', // looks like an object, no usage: skipped
      usageLine('a'),
      '  \t{"type":"user" broken}\r  ', // padded: still looks like an object
      'x', // malformed, one byte
      'not json but ends like one}', // malformed
      '{"type":"user" broken} trailing', // malformed
      '{"type":"user" broken}',
    ]);
    writeTranscript(dir.projects, 'p/b.jsonl', [
      '"cost-state" is not an object', // malformed
      '{"type":"user" broken}',
      '{"type":"cost-state" broken}', // mentions cost-state: parsed, malformed
      '{"type":"user" broken}',
    ]);
    const { requests, malformedLines } = await scan(dir.projects);
    assert.equal(requests, 1);
    assert.equal(malformedLines, 6);
  });

  it('parses only the first line of each response, in one read and across refreshes', async () => {
    const file = writeTranscript(dir.projects, 'p/s.jsonl', [usageLine('a'), usageLine('a'), userLine('2026-03-05T10:00:00Z'), usageLine('a'), usageLine('b'), usageLine('b')]);
    const first = await scan(dir.projects);
    assert.equal(first.requests, 2);
    assert.equal(first.state.files['p/s.jsonl']!.usageLines, 2);
    fs.appendFileSync(file, `${usageLine('b')}\n${usageLine('a')}\n`);
    const after = await scan(dir.projects, first.state);
    assert.equal(after.requests, 2);
    assert.equal(after.state.files['p/s.jsonl']!.usageLines, 2);
  });

  it('parses repeated lines it cannot read the ids of quickly: other layouts, long or escaped ids', async () => {
    const reordered = (id: string): string => JSON.stringify({ requestId: `req_${id}`, message: { id: `msg_${id}`, model: 'claude-sonnet-4-5-20250929', usage: { input_tokens: MILLION, output_tokens: 0 } }, timestamp: '2026-03-05T10:00:00Z' });
    const withIds = (messageId: string): string => assistantLine({ messageId, requestId: 'req_x', timestamp: '2026-03-05T10:00:00Z', usage: { input_tokens: MILLION, output_tokens: 0 } });
    // A quick look for the request id of the repeated `q` must not run into the next line.
    writeTranscript(dir.projects, 'p/reordered.jsonl', [usageLine('q'), usageLine('q'), reordered('r'), reordered('r')]);
    writeTranscript(dir.projects, 'p/long.jsonl', [withIds('m'.repeat(201)), withIds('m'.repeat(201))]);
    writeTranscript(dir.projects, 'p/longest-quick.jsonl', [withIds('n'.repeat(200)), withIds('n'.repeat(200))]);
    writeTranscript(dir.projects, 'p/escaped.jsonl', [withIds('e\\"e'), withIds('e\\"e')]);
    const { state, requests } = await scan(dir.projects);
    assert.equal(requests, 5);
    assert.deepEqual(
      Object.fromEntries(Object.entries(state.files).map(([name, file]) => [name, file.usageLines])),
      { 'p/escaped.jsonl': 2, 'p/long.jsonl': 2, 'p/longest-quick.jsonl': 1, 'p/reordered.jsonl': 3 },
    );
  });

  it('parses a line that carries the ids of a counted response but is not a JSON object', async () => {
    const line = usageLine('a');
    writeTranscript(dir.projects, 'p/s.jsonl', [line, `x${line}`, `${line}x`, line]);
    const { requests, malformedLines } = await scan(dir.projects);
    assert.equal(requests, 1);
    assert.equal(malformedLines, 2);
  });

  it('never takes an id it could not read quickly for the id of a counted response', async () => {
    const withIds = (messageId: string, requestId: string): string => assistantLine({ messageId, requestId, timestamp: '2026-03-05T10:00:00Z', usage: { input_tokens: MILLION, output_tokens: 0 } });
    writeTranscript(dir.projects, 'p/long-message-id.jsonl', [withIds('undefined', 'req_u'), withIds('m'.repeat(201), 'req_u')]);
    writeTranscript(dir.projects, 'p/long-request-id.jsonl', [withIds('msg_u', 'undefined'), withIds('msg_u', 'r'.repeat(201))]);
    // A request id left open runs into the next line, or to the end of what was read.
    const open = (messageId: string): string => withIds(messageId, 'cut').replace(/"requestId":"cut".*$/, '"requestId":"}');
    writeTranscript(dir.projects, 'p/open-request-id.jsonl', [withIds('msg_o', '}\n{'), open('msg_o'), userLine('2026-03-05T10:00:00Z')]);
    writeTranscript(dir.projects, 'p/open-at-end.jsonl', [withIds('msg_e', ''), open('msg_e')]);
    const { requests, malformedLines } = await scan(dir.projects);
    assert.equal(requests, 6);
    assert.equal(malformedLines, 2);
  });

  it('never takes a different escaped id for a counted one', async () => {
    // The same characters, once as an escaped backslash (`x\u0041`), once as an escape (`xA`).
    const literal = assistantLine({ messageId: 'x\\u0041', requestId: 'req', timestamp: '2026-03-05T10:00:00Z', usage: { input_tokens: MILLION, output_tokens: 0 } });
    const escaped = literal.replace('"id":"x\\\\u0041"', '"id":"x\\u0041"');
    assert.notEqual(escaped, literal);
    writeTranscript(dir.projects, 'p/s.jsonl', [literal, escaped]);
    const { requests } = await scan(dir.projects);
    assert.equal(requests, 2);
  });
});
