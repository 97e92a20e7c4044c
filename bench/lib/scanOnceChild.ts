// Child of bench/cost-scan: one cold scan + estimate in a fresh Node process, the way a
// command-line tool runs, so its wall-clock time compares like for like with ccusage's.
// Bundled by the bench (no tsx at run time). Arguments: <projects dir> <ISO now>.
import { estimateFromTranscripts } from '../../src/core/cost/localEstimate';
import { defaultPriceTable } from '../../src/core/cost/priceTable';
import { scanTranscripts } from '../../src/core/cost/transcriptScanner';

async function main(): Promise<void> {
  const [projectsDir, nowText] = process.argv.slice(2);
  if (projectsDir === undefined || nowText === undefined) throw new Error('usage: scanOnceChild <projects dir> <ISO now>');
  const now = new Date(nowText);
  const { state } = await scanTranscripts({ projectsDir, now });
  const estimate = estimateFromTranscripts(state, { now, prices: defaultPriceTable() });
  process.stdout.write(`${JSON.stringify({ amount: estimate.amount, requests: estimate.requests })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
