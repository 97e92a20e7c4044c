import * as vscode from 'vscode';
import type { CostReport } from '../../core/cost/costReport';
import type { ExtensionServices } from '../extensionServices';
import type { CostService } from './costService';
import { showCostDetailsPanel, updateCostDetailsPanel, type CostDetailsShown } from './costDetailsPanel';

let service: CostService | undefined;

/** The extension hands its one cost service to the commands at activation. */
export function provideCostService(costService: CostService): void {
  service = costService;
}

/** Runs `work` (Set Up) with the status bar's automatic cost reads held back; see CostService. */
export function withoutAutomaticCostReads<T>(work: () => PromiseLike<T>): Promise<T> {
  return service ? service.withoutAutomaticReads(work) : Promise.resolve(work());
}

function costService(): CostService {
  if (!service) throw new Error('The cost service is not ready yet.');
  return service;
}

/** `Refresh Cost`: asks Cost Explorer now (rate-limited by the shared cache). */
export async function refreshCostCommand(_services: ExtensionServices): Promise<CostReport | undefined> {
  const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Refreshing Claude cost…') }, () => costService().refreshNow());
  if (!report) return undefined;
  updateCostDetailsPanel(report);
  const message = report.notice?.message ?? report.cost.reason?.message;
  if (message) void vscode.window.showInformationMessage(message);
  return report;
}

/** `Show Cost Details`: the daily chart and table in one webview panel, from the cached report. */
export async function showCostDetailsCommand(_services: ExtensionServices): Promise<CostDetailsShown | undefined> {
  const report = costService().current() ?? (await costService().refreshNow());
  if (!report) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The cost display is turned off (costSource setting), so there is nothing to show.'));
    return undefined;
  }
  return showCostDetailsPanel(report);
}
