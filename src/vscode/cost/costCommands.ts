import * as vscode from 'vscode';
import type { CostReport } from '../../core/cost/costReport';
import type { ExtensionServices } from '../extensionServices';
import type { CostService } from './costService';
import { formatMoney } from './costStatusView';

let service: CostService | undefined;

/** The extension hands its one cost service to the commands at activation. */
export function provideCostService(costService: CostService): void {
  service = costService;
}

function costService(): CostService {
  if (!service) throw new Error('The cost service is not ready yet.');
  return service;
}

/** `Refresh Cost`: asks Cost Explorer now (rate-limited by the shared cache). */
export async function refreshCostCommand(_services: ExtensionServices): Promise<CostReport | undefined> {
  const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Refreshing Claude cost…') }, () => costService().refreshNow());
  if (!report) return undefined;
  const message = report.notice?.message ?? report.cost.reason?.message;
  if (message) void vscode.window.showInformationMessage(message);
  return report;
}

/** `Show Cost Details`: a Markdown preview with one row per day (no webview, no remote content). */
export async function showCostDetailsCommand(_services: ExtensionServices): Promise<vscode.TextDocument | undefined> {
  const report = costService().current() ?? (await costService().refreshNow());
  if (!report) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The cost display is turned off (costSource setting), so there is nothing to show.'));
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: costDetailsMarkdown(report) });
  await vscode.commands.executeCommand('markdown.showPreview', document.uri);
  return document;
}

export function costDetailsMarkdown(report: CostReport): string {
  const cost = report.cost;
  const currency = cost.monthToDate.currency;
  const source = { 'cost-explorer': vscode.l10n.t('billed (Cost Explorer)'), local: vscode.l10n.t('estimate (local transcripts)'), mixed: vscode.l10n.t('billed + estimate') }[cost.source];
  const max = Math.max(0, ...cost.daily.map((day) => day.amount));
  const lines = [
    `# ${vscode.l10n.t('Claude cost, {0}', cost.month)}`,
    '',
    `**${vscode.l10n.t('Month to date')}:** ${cost.state === 'no-data' ? vscode.l10n.t('no cost data yet') : formatMoney(cost.monthToDate.amount, currency)} (${source})`,
    '',
  ];
  if (cost.billed.through) lines.push(`- ${vscode.l10n.t('Billed: {0} through {1}', formatMoney(cost.billed.amount, currency), cost.billed.through)}`);
  if (cost.estimated.since) lines.push(`- ${vscode.l10n.t('Estimated: {0} since {1}', formatMoney(cost.estimated.amount, currency), cost.estimated.since)}`);
  if (cost.budget) lines.push(`- ${vscode.l10n.t('Budget: {0}, {1}% used', formatMoney(cost.budget.amount, 'USD'), Math.round(cost.budget.used * 100))}`);
  if (cost.fetchedAt) lines.push(`- ${vscode.l10n.t('Cost Explorer data fetched at {0}', cost.fetchedAt)}`);
  if (cost.reason) lines.push(`- ${cost.reason.message}`);
  lines.push('', `| ${vscode.l10n.t('Day')} | ${vscode.l10n.t('Amount')} | ${vscode.l10n.t('Source')} | |`, '|---|---:|---|---|');
  for (const day of cost.daily) {
    const bar = max > 0 ? '█'.repeat(Math.round((day.amount / max) * 20)) : '';
    lines.push(`| ${day.date} | ${formatMoney(day.amount, currency)} | ${day.source} | \`${bar}\` |`);
  }
  return `${lines.join('\n')}\n`;
}
