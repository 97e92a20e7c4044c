// bench/cost-scan: how fast the local cost estimate reads Claude Code transcripts, side by
// side with ccusage (npm) on the same files in the same run.
// Generates BENCH_COST_MB (default 200) MB of realistic synthetic transcripts under
// bench/.data, then times: our cold scan (in process, as the extension host runs it, and
// in a fresh process, as a command-line tool runs), a rescan with nothing changed, an
// incremental rescan after appending ~1 MB, a naive read-everything-and-JSON.parse
// baseline, and each pinned ccusage version (BENCH_CCUSAGE_VERSIONS, comma-separated, or
// "none") on the same month. Prints MB/s, ms, speed ratios and whether the month totals
// agree (tokens exactly; cost to half a cent, or why not). No assertions on times.
// ccusage is installed on first use into bench/.data/ccusage (never a project dependency);
// if it cannot be installed or run, one line says why and our figures still print.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
require('tsx/cjs/api').register();
const { writeSyntheticTranscripts } = require(join(root, 'bench', 'lib', 'syntheticTranscripts.ts'));
const { prepareCcusage, runCcusageMonth } = require(join(root, 'bench', 'lib', 'ccusage.ts'));
const { pricingVariants } = require(join(root, 'bench', 'lib', 'pricingVariants.ts'));
const { scanTranscripts } = require(join(root, 'src', 'core', 'cost', 'transcriptScanner.ts'));
const { estimateFromTranscripts } = require(join(root, 'src', 'core', 'cost', 'localEstimate.ts'));
const { defaultPriceTable } = require(join(root, 'src', 'core', 'cost', 'priceTable.ts'));
const { parseTranscriptLine } = require(join(root, 'src', 'core', 'cost', 'transcriptLine.ts'));
const { identifyModel } = require(join(root, 'src', 'core', 'cost', 'modelIdentity.ts'));
const { priceTokens } = require(join(root, 'src', 'core', 'cost', 'tokenPricing.ts'));

const megabytes = Number(process.env.BENCH_COST_MB ?? 200);
// 20.x: today's ccusage, a native binary per platform. 18.0.11: the last JavaScript
// version that runs on Node 20 (19.x needs Node 22).
const ccusageVersions = (process.env.BENCH_CCUSAGE_VERSIONS ?? '20.0.24,18.0.11')
  .split(',')
  .map((version) => version.trim())
  .filter((version) => version !== '' && version !== 'none');
const RUNS = 3;
const APPEND_BYTES = 1024 * 1024;
const GOAL_RATIO = 5;
/** Totals are sums of floating-point products in different orders. */
const COST_TOLERANCE_USD = 0.005;
const month = '2026-03';
const now = new Date('2026-03-28T12:00:00Z');
const from = new Date('2026-03-01T00:00:00Z');
const prices = defaultPriceTable();
const MB = 1024 * 1024;

const dataDir = join(root, 'bench', '.data');
fs.mkdirSync(dataDir, { recursive: true });
const row = (label, value) => console.log(`  ${label.padEnd(44)} ${value}`);
const mbps = (bytes, ms) => `${(bytes / MB / (ms / 1000)).toFixed(0)} MB/s`;
const dollars = (amount) => `$${amount.toFixed(2)}`;

// Installing is not part of anything timed, so it happens first.
const tools = [];
for (const version of ccusageVersions) {
  const prepared = prepareCcusage(version, join(dataDir, 'ccusage'));
  if (prepared.ok) tools.push({ tool: prepared.value, cold: [], failed: undefined });
  else tools.push({ tool: { label: `ccusage ${version}` }, cold: [], failed: prepared.reason });
}
const scanOnce = bundleScanOnce();

const scratch = fs.mkdtempSync(join(dataDir, 'cost-scan-'));
const claudeConfigDir = join(scratch, 'claude');
const projectsDir = join(claudeConfigDir, 'projects');
const scratchHome = join(scratch, 'home');
fs.mkdirSync(scratchHome, { recursive: true });
try {
  let started = performance.now();
  const corpus = writeSyntheticTranscripts({ projectsDir, targetBytes: megabytes * MB, seed: 7, from, to: now });
  const generateMs = performance.now() - started;

  // Every reader is measured on a warm page cache (the files were just written; one
  // untimed read lets writeback finish), in turn, and the median of three is shown.
  for (const file of listJsonl(projectsDir)) fs.readFileSync(file);
  const coldRuns = [];
  const freshRuns = [];
  const baselineRuns = [];
  let cold;
  let coldEstimate;
  const scanRuns = [];
  let fresh;
  for (let run = 0; run < RUNS; run++) {
    started = performance.now();
    cold = await scanTranscripts({ projectsDir, now });
    scanRuns.push(performance.now() - started);
    coldEstimate = estimateFromTranscripts(cold.state, { now, prices });
    coldRuns.push(performance.now() - started);

    started = performance.now();
    fresh = spawnSync(process.execPath, [scanOnce, projectsDir, now.toISOString()], { encoding: 'utf8' });
    freshRuns.push(performance.now() - started);
    if (fresh.status !== 0) throw new Error(`the fresh-process scan failed: ${fresh.stderr}`);

    started = performance.now();
    naiveTotal(projectsDir);
    baselineRuns.push(performance.now() - started);

    for (const entry of tools) {
      if (entry.failed) continue;
      const result = runCcusageMonth(entry.tool, { claudeConfigDir, month, scratchHome });
      if (result.ok) entry.cold.push(result.value.ms);
      else entry.failed = result.reason;
    }
  }
  const coldMs = median(coldRuns);
  const freshMs = median(freshRuns);
  const freshAmount = JSON.parse(fresh.stdout).amount;

  // The state goes to disk between refreshes in real use.
  started = performance.now();
  const stateJson = JSON.stringify(cold.state);
  const restored = JSON.parse(stateJson);
  const stateMs = performance.now() - started;

  started = performance.now();
  const unchanged = await scanTranscripts({ projectsDir, state: restored, now });
  estimateFromTranscripts(unchanged.state, { now, prices });
  const unchangedMs = performance.now() - started;

  const appended = appendNewSessions(join(scratch, 'extra'));
  started = performance.now();
  const incremental = await scanTranscripts({ projectsDir, state: unchanged.state, now });
  const incrementalEstimate = estimateFromTranscripts(incremental.state, { now, prices });
  const incrementalMs = performance.now() - started;

  // ccusage has no incremental mode: after the append it reads everything again.
  for (const entry of tools) {
    if (entry.failed) continue;
    const result = runCcusageMonth(entry.tool, { claudeConfigDir, month, scratchHome });
    if (result.ok) entry.afterAppend = result.value;
    else entry.failed = result.reason;
  }

  const baseline = naiveTotal(projectsDir);
  const baselineMs = median(baselineRuns);
  const baselineAgrees = Math.abs(baseline.amount - incrementalEstimate.amount) < 1e-6 * Math.max(1, baseline.amount);

  console.log('bench/cost-scan');
  row('corpus', `${(corpus.bytes / MB).toFixed(1)} MB, ${corpus.files} files, ${corpus.lines} lines (generated in ${(generateMs / 1000).toFixed(1)} s)`);
  row('ours: cold scan + estimate, in process', `${coldMs.toFixed(0)} ms (median of ${RUNS}), ${mbps(corpus.bytes, coldMs)} (scan alone ${median(scanRuns).toFixed(0)} ms), ${coldEstimate.requests} requests, ${dollars(coldEstimate.amount)}`);
  row('ours: same in a fresh Node process', `${freshMs.toFixed(0)} ms (median of ${RUNS}, wall clock), ${mbps(corpus.bytes, freshMs)}, ${dollars(freshAmount)}`);
  row('ours: state JSON round trip', `${stateMs.toFixed(0)} ms, ${(stateJson.length / MB).toFixed(2)} MB`);
  row('ours: rescan, nothing changed', `${unchangedMs.toFixed(1)} ms, ${unchanged.stats.bytesRead} bytes read`);
  row(`ours: rescan after appending ${(appended.bytes / MB).toFixed(2)} MB`, `${incrementalMs.toFixed(1)} ms, ${incremental.stats.bytesRead} bytes read in ${incremental.stats.filesRead} files, ${appended.lines} lines`);
  row('baseline: read all + JSON.parse all', `${baselineMs.toFixed(0)} ms (median of ${RUNS}), ${mbps(corpus.bytes, baselineMs)}, then ${baseline.requests} requests, ${dollars(baseline.amount)} after the append`);
  row('ours vs baseline, cold', `${(baselineMs / coldMs).toFixed(1)}x faster; totals after the append ${baselineAgrees ? 'agree' : 'DO NOT AGREE'} (${dollars(incrementalEstimate.amount)} vs ${dollars(baseline.amount)})`);
  if (!baselineAgrees) process.exitCode = 1;

  for (const entry of tools) {
    const { label } = entry.tool;
    if (entry.failed) {
      row(label, `not compared: ${entry.failed}`);
      continue;
    }
    const theirMs = median(entry.cold);
    const ratio = theirMs / coldMs;
    row(`${label}, cold`, `${theirMs.toFixed(0)} ms (median of ${RUNS}, wall clock), ${mbps(corpus.bytes, theirMs)}`);
    row('  ours in process vs it, cold', `${ratio.toFixed(1)}x (goal >= ${GOAL_RATIO}x: ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'}); fresh process: ${(theirMs / freshMs).toFixed(1)}x`);
    const after = entry.afterAppend;
    row('  after the append', `${after.ms.toFixed(0)} ms (reads everything again) vs our incremental ${incrementalMs.toFixed(1)} ms`);
    const verdict = compareTotals(after, incremental.state, incrementalEstimate);
    for (const line of verdict.lines) row('', line);
    if (!verdict.tokensAgree) process.exitCode = 1;
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}

/**
 * Token totals must agree exactly (both count each message id + request id once, this
 * UTC month). Costs may differ by pricing rules; if so, say which rule explains it.
 */
function compareTotals(theirs, state, ours) {
  const oursTokens = { input: ours.tokens.input, output: ours.tokens.output, cacheCreation: ours.tokens.cacheWrite5m + ours.tokens.cacheWrite1h, cacheRead: ours.tokens.cacheRead };
  const differing = Object.keys(oursTokens).filter((kind) => oursTokens[kind] !== theirs.tokens[kind]);
  const tokensAgree = differing.length === 0;
  const total = (tokens) => tokens.input + tokens.output + tokens.cacheCreation + tokens.cacheRead;
  const lines = [
    tokensAgree
      ? `tokens agree exactly: ${total(oursTokens).toLocaleString('en-US')} (input, output, cache writes, cache reads)`
      : `tokens DO NOT AGREE in ${differing.map((kind) => `${kind} (ours ${oursTokens[kind]}, theirs ${theirs.tokens[kind]})`).join(', ')}`,
  ];
  const gap = Math.abs(ours.amount - theirs.cost);
  if (gap <= COST_TOLERANCE_USD) {
    lines.push(`month totals agree: ${dollars(ours.amount)} vs ${dollars(theirs.cost)} (within $${COST_TOLERANCE_USD})`);
  } else {
    const explained = pricingVariants(prices)
      .map((variant) => ({ ...variant, amount: estimateFromTranscripts(state, { now, prices: variant.prices }).amount }))
      .find((variant) => Math.abs(variant.amount - theirs.cost) <= COST_TOLERANCE_USD);
    lines.push(`month totals differ: ours ${dollars(ours.amount)}, theirs ${dollars(theirs.cost)}`);
    lines.push(
      explained
        ? `  because it ${explained.because}: our tokens priced that way give ${dollars(explained.amount)} (within $${COST_TOLERANCE_USD} of its total)`
        : '  not explained by a known pricing difference (1-hour cache writes, regional premium)',
    );
    if (ours.unpriced.tokens > 0) lines.push(`  note: ${ours.unpriced.tokens} tokens of models we have no price for (${ours.unpriced.models.join(', ')})`);
  }
  return { tokensAgree, lines };
}

/** Whole lines of new sessions, about 1 MB, appended to a few existing files. */
function appendNewSessions(extraDir) {
  writeSyntheticTranscripts({ projectsDir: extraDir, targetBytes: APPEND_BYTES, seed: 99, from: new Date('2026-03-27T00:00:00Z'), to: now });
  const targets = listJsonl(projectsDir).slice(0, 5);
  let bytes = 0;
  let lines = 0;
  listJsonl(extraDir).forEach((file, index) => {
    const chunk = [];
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (line === '' || bytes >= APPEND_BYTES) continue;
      chunk.push(`${line}\n`);
      bytes += Buffer.byteLength(line) + 1;
      lines++;
    }
    if (chunk.length > 0) fs.appendFileSync(targets[index % targets.length], chunk.join(''));
  });
  return { bytes, lines };
}

/** Our scanner as one self-contained script, so a fresh process pays no TypeScript loader. */
function bundleScanOnce() {
  const outfile = join(dataDir, 'scan-once.cjs');
  require('esbuild').buildSync({ entryPoints: [join(root, 'bench', 'lib', 'scanOnceChild.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  return outfile;
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
      if (!record.day.startsWith(month)) continue;
      requests++;
      if (record.model === '<synthetic>') continue;
      const identity = identifyModel(record.model);
      const price = identity.priceKey === undefined ? undefined : prices.get(identity.priceKey);
      if (price) amount += priceTokens(record.tokens, price, { geographic: identity.geographic, longContext: record.longContext });
    }
  }
  return { amount, lines, requests };
}
