import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { costChartSvg } from '../../core/cost/costChartSvg';
import { renderCostDetailsHtml } from '../../core/cost/costDetailsHtml';
import type { CostReport } from '../../core/cost/costReport';
import { formatMoney } from '../../core/cost/money';

export const COST_DETAILS_VIEW_TYPE = 'bedrockOnboarding.costDetails';
/** The only commands the page's links may run. */
export const COST_DETAILS_COMMANDS = ['bedrockOnboarding.refreshCost', 'bedrockOnboarding.checkSetup'] as const;

/** What Show Cost Details rendered: the page and the figures it drew, for callers and tests. */
export interface CostDetailsShown {
  readonly viewType: string;
  readonly html: string;
  readonly days: number;
  readonly chartMax: number;
}

let panel: vscode.WebviewPanel | undefined;

/** Opens the one Cost Details panel, or reveals it with the new report if it is open. */
export function showCostDetailsPanel(report: CostReport): CostDetailsShown {
  if (panel) {
    panel.reveal();
  } else {
    const created = vscode.window.createWebviewPanel(COST_DETAILS_VIEW_TYPE, vscode.l10n.t('Claude Cost'), vscode.ViewColumn.Active, {
      enableScripts: false,
      enableCommandUris: COST_DETAILS_COMMANDS,
      localResourceRoots: [],
    });
    created.onDidDispose(() => {
      panel = undefined;
    });
    panel = created;
  }
  return render(panel, report);
}

/** Keeps an open panel in step with a refresh; a closed one stays closed. */
export function updateCostDetailsPanel(report: CostReport): void {
  if (panel) render(panel, report);
}

function render(target: vscode.WebviewPanel, report: CostReport): CostDetailsShown {
  const cost = report.cost;
  const currency = cost.monthToDate.currency;
  const billedLabel = vscode.l10n.t('billed');
  const estimatedLabel = vscode.l10n.t('estimated');
  const chart = costChartSvg(cost.daily, currency, {
    title: vscode.l10n.t('Daily Claude cost, {0}', cost.month),
    billed: vscode.l10n.t('billed (Cost Explorer)'),
    estimated: vscode.l10n.t('estimated (local transcripts)'),
    noData: vscode.l10n.t('No cost data yet this month.'),
    allZero: vscode.l10n.t('No cost recorded on these days.'),
  });
  const facts: string[] = [];
  if (cost.tag) facts.push(vscode.l10n.t('The figure is the spend tagged {0} in Cost Explorer (any AWS service), plus the local estimate where Cost Explorer is behind.', `${cost.tag.key}=${cost.tag.value}`));
  if (cost.billed.through) facts.push(vscode.l10n.t('Billed: {0} through {1}', formatMoney(cost.billed.amount, currency), cost.billed.through));
  if (cost.final.through) facts.push(vscode.l10n.t('Final (Cost Explorer has finished them): {0} through {1}', formatMoney(cost.final.amount, currency), cost.final.through));
  if (cost.provisional.days.length > 0) {
    facts.push(
      vscode.l10n.t(
        'Provisional: {0} on {1} days Cost Explorer calls estimated or has no figure for yet; each shows the larger of its figure so far and the local estimate.',
        formatMoney(cost.provisional.amount, currency),
        cost.provisional.days.length,
      ),
    );
  }
  if (cost.estimated.since) facts.push(vscode.l10n.t('Estimated: {0} since {1}', formatMoney(cost.estimated.amount, currency), cost.estimated.since));
  if (cost.estimated.unpricedTokens > 0) facts.push(vscode.l10n.t('{0} tokens of models without a price: {1}', cost.estimated.unpricedTokens, cost.estimated.unpricedModels.join(', ')));
  if (cost.budget) facts.push(vscode.l10n.t('Budget: {0}, {1}% used', formatMoney(cost.budget.amount, 'USD'), Math.round(cost.budget.used * 100)));
  const ageMs = report.billed?.ageMs;
  if (ageMs !== undefined && cost.fetchedAt) facts.push(vscode.l10n.t('Cost Explorer data fetched at {0} ({1} minutes ago)', cost.fetchedAt, Math.round(ageMs / 60_000)));
  else facts.push(vscode.l10n.t('Computed at {0}', cost.computedAt));
  const html = renderCostDetailsHtml({
    nonce: randomBytes(16).toString('base64'),
    cspSource: target.webview.cspSource,
    heading: vscode.l10n.t('Claude cost, {0}', cost.month),
    figure: cost.state === 'no-data' ? vscode.l10n.t('No cost data yet') : `${cost.source === 'cost-explorer' ? '' : '~'}${formatMoney(cost.monthToDate.amount, currency)}`,
    sourceLabel: { 'cost-explorer': vscode.l10n.t('billed (Cost Explorer)'), local: vscode.l10n.t('estimate (local transcripts)'), mixed: vscode.l10n.t('billed + estimate') }[cost.source],
    facts,
    ...(cost.budget ? { budgetUsed: cost.budget.used } : {}),
    ...(cost.reason ? { reason: cost.reason.message } : {}),
    chart,
    table: {
      caption: vscode.l10n.t('Cost per day'),
      headers: [vscode.l10n.t('Day'), vscode.l10n.t('Amount'), vscode.l10n.t('Source'), vscode.l10n.t('Status')],
      rows: cost.daily.map((day) => [day.date, formatMoney(day.amount, currency), day.source === 'estimated' ? estimatedLabel : billedLabel, dayStatus(day, currency)] as const),
    },
    actions: [
      { label: vscode.l10n.t('Refresh'), command: 'bedrockOnboarding.refreshCost' },
      { label: vscode.l10n.t('Check Setup'), command: 'bedrockOnboarding.checkSetup' },
    ],
  });
  target.webview.html = html;
  return { viewType: COST_DETAILS_VIEW_TYPE, html, days: chart.bars.length, chartMax: chart.max };
}

/** Final, provisional and why, or an estimate only: the Status column. */
function dayStatus(day: CostReport['cost']['daily'][number], currency: string): string {
  if (day.status === 'final') return vscode.l10n.t('final');
  if (day.status === 'estimate') return vscode.l10n.t('estimate only');
  if (day.why === 'not-in-cost-explorer') return vscode.l10n.t('provisional: not in Cost Explorer yet');
  return vscode.l10n.t('provisional: Cost Explorer so far {0}, local estimate {1}', formatMoney(day.billed ?? 0, currency), formatMoney(day.estimated, currency));
}
