// bench/cost-scan: how fast the local cost estimate reads Claude Code transcripts.
// Generates BENCH_COST_MB (default 200) MB of realistic synthetic transcripts, then times
// in the same run: a cold scan (no state), a rescan with nothing changed, an incremental
// rescan after appending ~1 MB to a few files, and a baseline that reads every file whole
// and JSON.parses every line (what a straightforward tool does). Prints MB/s, ms, lines,
// and whether the two totals agree. No assertions on times: figures only.
// (ccusage is not installed here and the machine is offline, so the naive reader stands in
// for it as the baseline.)
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
require('tsx/cjs/api').register();
const { writeSyntheticTranscripts } = require(join(root, 'bench', 'lib', 'syntheticTranscripts.ts'));
const { scanTranscripts } = require(join(root, 'src', 'core', 'cost', 'transcriptScanner.ts'));
const { estimateFromTranscripts } = require(join(root, 'src', 'core', 'cost', 'localEstimate.ts'));
const { defaultPriceTable } = require(join(root, 'src', 'core', 'cost', 'priceTable.ts'));
const { parseTranscriptLine } = require(join(root, 'src', 'core', 'cost', 'transcriptLine.ts'));
const { identifyModel } = require(join(root, 'src', 'core', 'cost', 'modelIdentity.ts'));
const { priceTokens } = require(join(root, 'src', 'core', 'cost', 'tokenPricing.ts'));

const megabytes = Number(process.env.BENCH_COST_MB ?? 200);
const appendMegabytes = 1;
const now = new Date('2026-03-28T12:00:00Z');
const from = new Date('2026-03-01T00:00:00Z');
const prices = defaultPriceTable();
const MB = 1024 * 1024;

const scratch = mkdtempSync(join(tmpdir(), 'bench-cost-scan-'));
const projectsDir = join(scratch, 'projects');
try {
  let started = performance.now();
  const corpus = writeSyntheticTranscripts({ projectsDir, targetBytes: megabytes * MB, seed: 7, from, to: now });
  const generateMs = performance.now() - started;

  // Both readers are measured on a warm page cache (the files were just written; one
  // untimed read lets writeback finish), alternately, and the median of three is shown.
  for (const file of listJsonl(projectsDir)) fs.readFileSync(file);
  const coldRuns = [];
  const baselineRuns = [];
  let cold;
  let coldEstimate;
  let coldScanMs = 0;
  for (let run = 0; run < 3; run++) {
    started = performance.now();
    cold = await scanTranscripts({ projectsDir, now });
    coldScanMs = performance.now() - started;
    coldEstimate = estimateFromTranscripts(cold.state, { now, prices });
    coldRuns.push(performance.now() - started);
    started = performance.now();
    naiveTotal(projectsDir);
    baselineRuns.push(performance.now() - started);
  }
  const coldMs = median(coldRuns);

  // The state goes to disk between refreshes in real use.
  started = performance.now();
  const stateJson = JSON.stringify(cold.state);
  const restored = JSON.parse(stateJson);
  const stateMs = performance.now() - started;

  started = performance.now();
  const unchanged = await scanTranscripts({ projectsDir, state: restored, now });
  estimateFromTranscripts(unchanged.state, { now, prices });
  const unchangedMs = performance.now() - started;

  // Append ~1 MB of new sessions' lines to a few existing files.
  const extraDir = join(scratch, 'extra');
  const extra = writeSyntheticTranscripts({ projectsDir: extraDir, targetBytes: appendMegabytes * MB, seed: 99, from: new Date('2026-03-27T00:00:00Z'), to: now });
  const targets = listJsonl(projectsDir).slice(0, 5);
  const extraFiles = listJsonl(extraDir);
  extraFiles.forEach((file, index) => fs.appendFileSync(targets[index % targets.length], fs.readFileSync(file)));
  started = performance.now();
  const incremental = await scanTranscripts({ projectsDir, state: unchanged.state, now });
  const incrementalEstimate = estimateFromTranscripts(incremental.state, { now, prices });
  const incrementalMs = performance.now() - started;

  // Baseline once more on the appended files, for the totals to compare.
  const baseline = naiveTotal(projectsDir);
  const baselineMs = median(baselineRuns);

  const agree = Math.abs(baseline.amount - incrementalEstimate.amount) < 1e-6 * Math.max(1, baseline.amount);
  const row = (label, value) => console.log(`  ${label.padEnd(38)} ${value}`);
  console.log('bench/cost-scan');
  row('corpus', `${(corpus.bytes / MB).toFixed(1)} MB, ${corpus.files} files, ${corpus.lines} lines (generated in ${(generateMs / 1000).toFixed(1)} s)`);
  row('cold scan + estimate (median of 3)', `${coldMs.toFixed(0)} ms, ${(corpus.bytes / MB / (coldMs / 1000)).toFixed(0)} MB/s (scan alone ${coldScanMs.toFixed(0)} ms), ${coldEstimate.requests} requests, $${coldEstimate.amount.toFixed(2)}`);
  row('state JSON round trip', `${stateMs.toFixed(0)} ms, ${(stateJson.length / MB).toFixed(2)} MB`);
  row('rescan, nothing changed', `${unchangedMs.toFixed(1)} ms, ${unchanged.stats.bytesRead} bytes read`);
  row(`rescan after appending ${(extra.bytes / MB).toFixed(2)} MB`, `${incrementalMs.toFixed(1)} ms, ${incremental.stats.bytesRead} bytes read in ${incremental.stats.filesRead} files, ${extra.lines} lines`);
  row('baseline: read all + JSON.parse all', `${baselineMs.toFixed(0)} ms (median of 3), ${(corpus.bytes / MB / (baselineMs / 1000)).toFixed(0)} MB/s, then ${baseline.lines} lines, ${baseline.requests} requests, $${baseline.amount.toFixed(2)} after the append`);
  row('cold speed-up over baseline', `${(baselineMs / coldMs).toFixed(1)}x`);
  row('totals agree (incremental vs baseline)', `${agree ? 'yes' : 'NO'} ($${incrementalEstimate.amount.toFixed(4)} vs $${baseline.amount.toFixed(4)})`);
  if (!agree) process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function listJsonl(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.jsonl'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

function naiveTotal(dir) {
  const seen = new Set();
  let amount = 0;
  let lines = 0;
  let requests = 0;
  for (const file of listJsonl(dir)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      lines++;
      const parsed = parseTranscriptLine(line);
      if (parsed.kind !== 'usage') continue;
      const { record } = parsed;
      if (record.key !== undefined) {
        if (seen.has(record.key)) continue;
        seen.add(record.key);
      }
      if (!record.day.startsWith('2026-03')) continue;
      requests++;
      if (record.model === '<synthetic>') continue;
      const identity = identifyModel(record.model);
      const price = identity.priceKey === undefined ? undefined : prices.get(identity.priceKey);
      if (price) amount += priceTokens(record.tokens, price, { geographic: identity.geographic, longContext: record.longContext });
    }
  }
  return { amount, lines, requests };
}
