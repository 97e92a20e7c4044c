import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { readCostReport, type CostReport } from '../../core/cost/costReport';
import { costReportOptions, developerCostPlan, readDeveloperCostHints } from '../../core/cost/costReportOptions';
import { RECONCILIATION_RULE } from '../../core/cost/dailyReconciliation';
import { formatMoney } from '../../core/cost/money';
import { processEnvironment, type CoreEnvironment } from '../../core/runtime/coreEnvironment';
import { silentLogger } from '../../core/runtime/logger';
import { EXIT_OK, type CliIo } from '../cliIo';
import { loadCliOrgSettings, packageRootAbove } from './cliOrgSettings';

export const COST_USAGE = `Usage: bedrock-onboard cost [options]

Shows your month-to-date Claude cost: the spend Cost Explorer bills under your
developer tag, reconciled day by day with an estimate from Claude Code's local
transcripts. A day Cost Explorer calls final shows what it billed; a day it calls
estimated, or has no figure for yet, shows the larger of what it billed so far and
the local estimate. Cost Explorer is asked at most every few hours (each request is
billed); the result is cached.

Options:
  --profile NAME        AWS profile to use (default: the organisation's, else claude-code)
  --developer-id VALUE  Your developer tag value (default: from your inference profile's tags)
  --refresh             Ask Cost Explorer now (at most once a minute)
  --json                Print the report as JSON
`;

/** Where the CLI keeps the Cost Explorer cache and the transcript scan state. */
export function cliCostCacheDir(environment: Pick<CoreEnvironment, 'homeDir' | 'env'>): string {
  const xdg = environment.env['XDG_CACHE_HOME']?.trim();
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(environment.homeDir, '.cache'), 'bedrock-onboarding');
}

/** `bedrock-onboard cost [--json] [--refresh]`. */
export async function runCost(args: readonly string[], io: CliIo, environment: CoreEnvironment = processEnvironment()): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      profile: { type: 'string' },
      'developer-id': { type: 'string' },
      refresh: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(COST_USAGE);
    return EXIT_OK;
  }
  const org = await loadCliOrgSettings(environment, { extensionRoot: packageRootAbove(__dirname) }, silentLogger);
  for (const problem of org.problems) io.stderr(`bedrock-onboard: warning: ${problem}\n`);
  const plan = developerCostPlan(
    { effective: org.settings, profileName: values.profile, developerId: values['developer-id'] },
    await readDeveloperCostHints(environment),
  );
  if (plan.source === 'off') {
    io.stdout('The cost display is turned off by the costSource setting of your organisation; nothing was read.\n');
    return EXIT_OK;
  }
  const report = await readCostReport(
    costReportOptions(plan, {
      cacheDir: cliCostCacheDir(environment),
      environment,
      fetchBilled: (query) => loadAwsOperations().fetchDeveloperBilledCost({ query, now: environment.now() }),
    }),
    { manual: values.refresh },
  );
  io.stdout(values.json ? `${JSON.stringify(costJson(report), null, 2)}\n` : costText(report, environment.now()));
  if (report.notice) io.stderr(`bedrock-onboard: ${report.notice.message}\n`);
  return EXIT_OK;
}

/** The `--json` shape: the fields first, then the state and reason that qualify them. */
function costJson(report: CostReport): Record<string, unknown> {
  const cost = report.cost;
  return {
    month: cost.month,
    monthToDate: cost.monthToDate,
    billed: cost.billed,
    final: cost.final,
    provisional: cost.provisional,
    estimated: { amount: cost.estimated.amount, since: cost.estimated.since, unpricedTokens: cost.estimated.unpricedTokens, unpricedModels: cost.estimated.unpricedModels },
    daily: cost.daily,
    source: cost.source,
    tag: cost.tag,
    rule: RECONCILIATION_RULE,
    fetchedAt: cost.fetchedAt,
    state: cost.state,
    ...(cost.budget ? { budget: cost.budget } : {}),
    ...(cost.reason ? { reason: cost.reason } : {}),
  };
}

const SOURCE_LABEL = { 'cost-explorer': 'billed (Cost Explorer)', local: 'estimate (local transcripts)', mixed: 'billed + estimate' } as const;

function costText(report: CostReport, now: Date): string {
  const cost = report.cost;
  const currency = cost.monthToDate.currency;
  const lines: string[] = [];
  const amount = cost.state === 'no-data' ? 'no cost data yet' : `${cost.source === 'cost-explorer' ? '' : '~'}${formatMoney(cost.monthToDate.amount, currency)}`;
  lines.push(`Month to date (${cost.month}): ${amount}`);
  lines.push(`Source: ${SOURCE_LABEL[cost.source]}`);
  if (cost.tag) lines.push(`Scope: spend tagged ${cost.tag.key}=${cost.tag.value} in Cost Explorer (any AWS service)`);
  if (cost.billed.through) lines.push(`Billed: ${formatMoney(cost.billed.amount, currency)} through ${cost.billed.through}`);
  if (cost.final.through) lines.push(`Final: ${formatMoney(cost.final.amount, currency)} through ${cost.final.through}`);
  if (cost.provisional.days.length > 0) lines.push(`Provisional: ${formatMoney(cost.provisional.amount, currency)} on ${String(cost.provisional.days.length)} day(s) Cost Explorer has not finished (${RECONCILIATION_RULE})`);
  if (cost.estimated.since) lines.push(`Estimated: ${formatMoney(cost.estimated.amount, currency)} since ${cost.estimated.since}`);
  if (cost.estimated.unpricedTokens > 0) lines.push(`Not priced: ${String(cost.estimated.unpricedTokens)} tokens of ${cost.estimated.unpricedModels.join(', ')}`);
  if (cost.fetchedAt) lines.push(`Cost Explorer data from ${cost.fetchedAt} (${ageText(now.getTime() - Date.parse(cost.fetchedAt))} ago)`);
  if (cost.budget) lines.push(`Budget: ${formatMoney(cost.budget.amount, 'USD')}, ${String(Math.round(cost.budget.used * 100))}% used`);
  if (cost.reason) lines.push(`Note: ${cost.reason.message}`);
  if (cost.daily.length > 0) {
    lines.push('', 'Day         Amount      Source     Status');
    for (const day of cost.daily) lines.push(`${day.date}  ${formatMoney(day.amount, currency).padStart(10)}  ${day.source.padEnd(9)}  ${dayStatus(day, currency)}`);
  }
  return `${lines.join('\n')}\n`;
}

function dayStatus(day: CostReport['cost']['daily'][number], currency: string): string {
  if (day.status !== 'provisional') return day.status;
  if (day.why === 'not-in-cost-explorer') return 'provisional: not in Cost Explorer yet';
  return `provisional: Cost Explorer so far ${formatMoney(day.billed ?? 0, currency)}, local estimate ${formatMoney(day.estimated, currency)}`;
}

function ageText(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${String(minutes)} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${String(hours)} h ${String(minutes % 60)} min` : `${String(Math.floor(hours / 24))} days`;
}
