// A child process for the cost cache's multi-process tests: another VS Code window (or a
// CLI run) reading the month-to-date cost through the shared cache. It reads one command a
// line from stdin, so the parent decides when every process asks, and what the time is:
//   tick <clock ms> <role credentials JSON>  read the report once, print the answer as JSON
// It ends when stdin closes. Argument: JSON { cacheDir, projectsDir, query, refreshIntervalMs }.
import * as readline from 'node:readline';
import type { BilledCostQuery } from '../../../../src/core/cost/billedCostQuery';
import { billedCostQueryKey } from '../../../../src/core/cost/billedCostQuery';
import { readCostReport } from '../../../../src/core/cost/costReport';
import { fetchDeveloperBilledCost } from '../../../../src/core/cost/developerBilledCost';
import { defaultPriceTable } from '../../../../src/core/cost/priceTable';

interface ChildSetup {
  readonly cacheDir: string;
  readonly projectsDir: string;
  readonly query: BilledCostQuery;
  readonly refreshIntervalMs?: number;
}

interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

async function main(): Promise<void> {
  const setup = JSON.parse(process.argv[2] ?? '{}') as ChildSetup;
  const prices = defaultPriceTable();
  const lines = readline.createInterface({ input: process.stdin });
  process.stdout.write('ready\n');
  for await (const line of lines) {
    const [command, clockText, credentialsJson] = line.split(' ');
    if (command !== 'tick' || clockText === undefined || credentialsJson === undefined) throw new Error(`unknown command: ${line}`);
    const clock = Number(clockText);
    const credentials = JSON.parse(credentialsJson) as Credentials;
    const report = await readCostReport({
      cacheDir: setup.cacheDir,
      projectsDir: setup.projectsDir,
      now: () => new Date(clock),
      source: 'auto',
      prices,
      ...(setup.refreshIntervalMs === undefined ? {} : { refreshIntervalMs: setup.refreshIntervalMs }),
      billed: {
        key: billedCostQueryKey(setup.query),
        fetch: () => fetchDeveloperBilledCost({ query: setup.query, now: new Date(clock), credentials: () => Promise.resolve(credentials), maxAttempts: 3 }),
      },
    });
    process.stdout.write(
      `${JSON.stringify({ pid: process.pid, refreshed: report.billed?.refreshed ?? false, refreshInProgress: report.billed?.refreshInProgress ?? false, amount: report.cost.monthToDate.amount })}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
