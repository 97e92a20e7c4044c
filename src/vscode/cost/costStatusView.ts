import * as vscode from 'vscode';
import type { CostReport } from '../../core/cost/costReport';
import { formatMoney } from '../../core/cost/money';
import type { MonthToDateCost } from '../../core/cost/monthToDate';

/** What the status bar item shows for the cost; the controller places it. */
export interface CostStatusView {
  /** e.g. `$(graph) $42.17`, `$(graph) ~$3.10` for an estimate. */
  readonly text: string;
  /** Markdown for the tooltip's cost section (trusted command links only). */
  readonly tooltipMarkdown: string;
  readonly level: 'normal' | 'warning' | 'error';
  readonly accessibilityLabel: string;
}

export const COST_TOOLTIP_COMMANDS = ['bedrockOnboarding.refreshCost', 'bedrockOnboarding.showCostDetails', 'bedrockOnboarding.checkSetup'];

const WARNING_SHARE = 0.8;
const BAR_CELLS = 10;

export function costStatusView(report: CostReport, now: Date): CostStatusView {
  const cost = report.cost;
  const currency = cost.monthToDate.currency;
  const estimate = cost.source !== 'cost-explorer';
  const amount = formatMoney(cost.monthToDate.amount, currency);
  const used = cost.budget?.used;
  const level = used === undefined ? 'normal' : used >= 1 ? 'error' : used >= WARNING_SHARE ? 'warning' : 'normal';
  if (cost.state === 'no-data') {
    return {
      text: `$(graph) ${vscode.l10n.t('Claude: no cost yet')}`,
      tooltipMarkdown: section(cost, report, now),
      level: 'normal',
      accessibilityLabel: vscode.l10n.t('Claude cost this month: no data yet. {0}', cost.reason?.message ?? ''),
    };
  }
  return {
    // The item must say what the figure is: alone, "$5.00" could be anything's cost.
    text: `$(graph) ${vscode.l10n.t('Claude {0}', `${estimate ? '~' : ''}${amount}`)}`,
    tooltipMarkdown: section(cost, report, now),
    level,
    accessibilityLabel: estimate
      ? vscode.l10n.t('Claude cost this month: about {0} dollars and {1} cents, estimated', Math.floor(cost.monthToDate.amount), Math.round((cost.monthToDate.amount % 1) * 100))
      : vscode.l10n.t('Claude cost this month: {0} dollars and {1} cents', Math.floor(cost.monthToDate.amount), Math.round((cost.monthToDate.amount % 1) * 100)),
  };
}

function section(cost: MonthToDateCost, report: CostReport, now: Date): string {
  const currency = cost.monthToDate.currency;
  const lines: string[] = [`**${vscode.l10n.t('Month to date ({0})', cost.month)}**`];
  // Claude on Bedrock is billed under Marketplace-style service names, so the tag, not the service, names the developer's spend.
  if (cost.tag) lines.push(`$(tag) ${vscode.l10n.t('Spend tagged {0} in Cost Explorer (any AWS service)', escapeMarkdown(`${cost.tag.key}=${cost.tag.value}`))}`);
  if (cost.billed.through) lines.push(`$(check) ${vscode.l10n.t('Billed {0} through {1}', formatMoney(cost.billed.amount, currency), cost.billed.through)}`);
  const provisional = provisionalLine(cost);
  if (provisional) lines.push(provisional);
  if (cost.estimated.since && cost.state === 'ok') lines.push(`$(pulse) ${vscode.l10n.t('Estimated {0} since {1} (local transcripts)', formatMoney(cost.estimated.amount, currency), cost.estimated.since)}`);
  if (cost.estimated.unpricedTokens > 0) lines.push(`$(question) ${vscode.l10n.t('{0} tokens of models without a price: {1}', cost.estimated.unpricedTokens, cost.estimated.unpricedModels.join(', '))}`);
  if (cost.budget) {
    const share = Math.min(1, cost.budget.used);
    const filled = Math.round(share * BAR_CELLS);
    lines.push(`$(graph) ${vscode.l10n.t('Budget {0}: {1}% used', formatMoney(cost.budget.amount, 'USD'), Math.round(cost.budget.used * 100))} \`${'█'.repeat(filled)}${'░'.repeat(BAR_CELLS - filled)}\``);
  }
  const lastWeek = cost.daily.slice(-7);
  if (lastWeek.length > 0) {
    lines.push(lastWeek.map((day) => `${day.date.slice(5)} ${formatMoney(day.amount, currency)}${day.source === 'estimated' ? '~' : ''}`).join(' · '));
  }
  const ageMs = report.billed?.ageMs;
  if (ageMs !== undefined) lines.push(`$(clock) ${vscode.l10n.t('Cost Explorer data is {0} minutes old', Math.round(ageMs / 60_000))}`);
  else lines.push(`$(clock) ${vscode.l10n.t('Computed {0}', now.toLocaleTimeString())}`);
  if (cost.reason) lines.push(`$(info) ${escapeMarkdown(cost.reason.message)}`);
  lines.push(
    `[${vscode.l10n.t('Refresh')}](command:bedrockOnboarding.refreshCost) · [${vscode.l10n.t('Cost Details')}](command:bedrockOnboarding.showCostDetails) · [${vscode.l10n.t('Check Setup')}](command:bedrockOnboarding.checkSetup)`,
  );
  return lines.join('\n\n');
}

/** Which days are final, which are not and why: the rule is reconcileDays'. */
function provisionalLine(cost: MonthToDateCost): string | undefined {
  const currency = cost.monthToDate.currency;
  const days = cost.daily.filter((day) => day.status === 'provisional');
  if (days.length === 0) return undefined;
  const listed = days.slice(-7).map((day) => `${day.date.slice(5)} ${formatMoney(day.amount, currency)} (${provisionalWhy(day, currency)})`).join(' · ');
  const final = cost.final.through ? vscode.l10n.t('Final through {0}.', cost.final.through) : vscode.l10n.t('No day is final yet.');
  return `$(history) ${final} ${vscode.l10n.t('Provisional, as Cost Explorer has not finished them (each shows the larger of its figure so far and the local estimate): {0}', listed)}`;
}

function provisionalWhy(day: MonthToDateCost['daily'][number], currency: string): string {
  if (day.why === 'not-in-cost-explorer') return vscode.l10n.t('local estimate, not in Cost Explorer yet');
  if (day.source === 'estimated') return vscode.l10n.t('local estimate; Cost Explorer so far {0}', formatMoney(day.billed ?? 0, currency));
  return vscode.l10n.t('Cost Explorer, estimated');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (character) => `\\${character}`);
}
