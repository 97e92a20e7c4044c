import { escapeHtml } from '../html/escapeHtml';
import { COST_CHART_CSS, type CostChart } from './costChartSvg';

/** The Cost Details page's content, every sentence already localised by the caller. */
export interface CostDetailsPage {
  /** A fresh random value per render, for the Content-Security-Policy. */
  readonly nonce: string;
  /** The webview's own origin (`webview.cspSource`). */
  readonly cspSource: string;
  readonly heading: string;
  /** The month-to-date figure (`$42.17`, `~$3.10`) or the sentence saying there is none. */
  readonly figure: string;
  /** billed / estimate / billed + estimate. */
  readonly sourceLabel: string;
  /** Billed through, estimated since, budget use, data age: one line each. */
  readonly facts: readonly string[];
  /** Budget use as a share (1 = the whole budget), drawn as a small bar. */
  readonly budgetUsed?: number;
  /** Why the figure is (partly) an estimate, or why there is none. */
  readonly reason?: string;
  readonly chart: CostChart;
  /** Day, amount, then any further cells (source, final or provisional and why). */
  readonly table: { readonly caption: string; readonly headers: readonly string[]; readonly rows: readonly (readonly [string, string, ...string[]])[] };
  /** Command links; the webview allows exactly these command ids. */
  readonly actions: readonly { readonly label: string; readonly command: string }[];
}

const WARNING_SHARE = 0.8;

/**
 * A page with no script: the chart is inline SVG, the table is its accessible twin, and the
 * only actions are command links the webview restricts to the commands listed.
 */
export function renderCostDetailsHtml(page: CostDetailsPage): string {
  const facts = page.facts.map((fact) => `<li>${escapeHtml(fact)}</li>`).join('');
  const reason = page.reason ? `<p class="reason">${escapeHtml(page.reason)}</p>` : '';
  const rows = page.table.rows
    .map(([day, amount, ...rest]) => `<tr><td>${escapeHtml(day)}</td><td class="amount">${escapeHtml(amount)}</td>${rest.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('');
  const actions = page.actions.map((action) => `<a href="command:${encodeURIComponent(action.command)}">${escapeHtml(action.label)}</a>`).join(' · ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${page.cspSource} 'nonce-${page.nonce}'; img-src ${page.cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${page.nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em 1.5em; }
  .figure { font-size: 2em; margin: 0.2em 0 0; }
  .source { color: var(--vscode-descriptionForeground); margin: 0 0 0.8em; }
  .reason { border-left: 3px solid var(--vscode-editorInfo-foreground); padding-left: 0.6em; }
  .budget { width: 12em; height: 0.6em; vertical-align: middle; }
  .budget .track { fill: var(--vscode-editorWidget-border, var(--vscode-descriptionForeground)); opacity: 0.4; }
  .budget .used { fill: var(--vscode-charts-green); }
  .budget .used.warning { fill: var(--vscode-charts-yellow); }
  .budget .used.error { fill: var(--vscode-charts-red); }
  table { border-collapse: collapse; margin-top: 1em; }
  caption { text-align: left; font-weight: bold; padding-bottom: 0.3em; }
  th, td { padding: 0.15em 1em 0.15em 0; text-align: left; border-bottom: 1px solid var(--vscode-panel-border); }
  td.amount { text-align: right; font-variant-numeric: tabular-nums; }
  a { color: var(--vscode-textLink-foreground); }
${COST_CHART_CSS}
</style>
</head>
<body>
<h1>${escapeHtml(page.heading)}</h1>
<p class="figure">${escapeHtml(page.figure)}</p>
<p class="source">${escapeHtml(page.sourceLabel)}</p>
<ul class="facts">${facts}</ul>
${page.budgetUsed !== undefined ? budgetBar(page.budgetUsed) : ''}
${reason}
<figure>
${page.chart.svg}
</figure>
<table>
<caption>${escapeHtml(page.table.caption)}</caption>
<thead><tr>${page.table.headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="actions">${actions}</p>
</body>
</html>
`;
}

/** Decorative: the budget line in the facts says the same in words. */
function budgetBar(used: number): string {
  const share = Number.isFinite(used) ? Math.min(1, Math.max(0, used)) : 0;
  const level = used >= 1 ? ' error' : used >= WARNING_SHARE ? ' warning' : '';
  return `<svg class="budget" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true"><rect class="track" width="100" height="6"/><rect class="used${level}" width="${String(Math.round(share * 1000) / 10)}" height="6"/></svg>`;
}
