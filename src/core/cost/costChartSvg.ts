import { escapeHtml } from '../html/escapeHtml';
import { formatMoney } from './money';
import type { MonthToDateCost } from './monthToDate';

/** Words on the chart, localised by the caller. */
export interface CostChartLabels {
  /** The chart's accessible name, e.g. "Daily Claude cost, 2026-03". */
  readonly title: string;
  readonly billed: string;
  readonly estimated: string;
  /** Shown instead of bars when there is no day at all. */
  readonly noData: string;
  /** Shown over the axis when every day is zero. */
  readonly allZero: string;
}

/** What the chart draws of a day: its figure and which source it is. */
export type CostDay = Pick<MonthToDateCost['daily'][number], 'date' | 'amount' | 'source'>;

export interface CostChartBar extends CostDay {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface CostChart {
  readonly svg: string;
  /** The geometry drawn, one entry per day, for tests and for the table beside it. */
  readonly bars: readonly CostChartBar[];
  /** The amount the top of the axis stands for (the largest day). */
  readonly max: number;
}

/** The viewBox; the page scales it to its width. */
export const CHART_LAYOUT = { width: 640, height: 230, left: 64, right: 8, top: 30, bottom: 24 } as const;
const PLOT_HEIGHT = CHART_LAYOUT.height - CHART_LAYOUT.top - CHART_LAYOUT.bottom;
const PLOT_WIDTH = CHART_LAYOUT.width - CHART_LAYOUT.left - CHART_LAYOUT.right;
const BAR_SHARE = 0.7;
const MAX_DATE_LABELS = 10;

/**
 * Theme colours only (VS Code sets these variables in every webview), so the chart follows
 * dark, light and high-contrast themes; estimated days are hatched and outlined, so they
 * differ from billed days by pattern as well as colour.
 */
export const COST_CHART_CSS = `
.cost-chart { width: 100%; max-width: ${String(CHART_LAYOUT.width)}px; height: auto; }
.cost-chart text { fill: var(--vscode-descriptionForeground); font-size: 11px; font-family: var(--vscode-font-family); }
.cost-chart .axis { stroke: var(--vscode-editorWidget-border, var(--vscode-descriptionForeground)); stroke-width: 1; }
.cost-chart .bar-billed { fill: var(--vscode-charts-blue); stroke: var(--vscode-charts-blue); }
.cost-chart .bar-estimated { fill: url(#cost-hatch); stroke: var(--vscode-charts-orange); stroke-width: 1; }
.cost-chart .hatch-line { stroke: var(--vscode-charts-orange); stroke-width: 2; }
.cost-chart .message { fill: var(--vscode-foreground); font-size: 13px; }
`;

/** Rounded for a compact file; two decimals of a 640-unit viewBox are far below a pixel. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** One bar per day of `daily` (oldest first), heights proportional to the amounts, as inline SVG. */
export function costChartSvg(daily: readonly CostDay[], currency: string, labels: CostChartLabels): CostChart {
  const { width, height, left, top } = CHART_LAYOUT;
  const days = [...daily].sort((a, b) => a.date.localeCompare(b.date));
  const finite = (amount: number): number => (Number.isFinite(amount) ? Math.max(0, amount) : 0);
  const max = days.reduce((largest, day) => Math.max(largest, finite(day.amount)), 0);
  const baseline = top + PLOT_HEIGHT;
  // No day draws no bar, so the slot of an empty month is never used; max(1, …) only keeps it finite.
  const slot = PLOT_WIDTH / Math.max(1, days.length);
  const barWidth = slot * BAR_SHARE;

  const bars: CostChartBar[] = days.map((day, index) => {
    const barHeight = max > 0 ? (finite(day.amount) / max) * PLOT_HEIGHT : 0;
    return { ...day, x: left + index * slot + (slot - barWidth) / 2, y: baseline - barHeight, width: barWidth, height: barHeight };
  });

  const parts: string[] = [
    `<svg class="cost-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${String(width)} ${String(height)}" role="img" aria-labelledby="cost-chart-title">`,
    `<title id="cost-chart-title">${escapeHtml(labels.title)}</title>`,
  ];
  if (days.length === 0) {
    parts.push(`<text class="message" x="${n(width / 2)}" y="${n(height / 2)}" text-anchor="middle">${escapeHtml(labels.noData)}</text>`, '</svg>');
    return { svg: parts.join(''), bars, max };
  }
  parts.push(
    '<defs><pattern id="cost-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><line class="hatch-line" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>',
    legend(labels, days),
    `<line class="axis" x1="${String(left)}" y1="${String(top)}" x2="${String(left)}" y2="${String(baseline)}"/>`,
    `<line class="axis" x1="${String(left)}" y1="${String(baseline)}" x2="${String(width - CHART_LAYOUT.right)}" y2="${String(baseline)}"/>`,
    `<text class="axis-max" x="${String(left - 6)}" y="${String(top + 4)}" text-anchor="end">${escapeHtml(formatMoney(max, currency))}</text>`,
    `<text x="${String(left - 6)}" y="${String(baseline)}" text-anchor="end">${escapeHtml(formatMoney(0, currency))}</text>`,
  );
  for (const bar of bars) {
    const kind = bar.source === 'estimated' ? labels.estimated : labels.billed;
    parts.push(
      `<rect class="bar bar-${bar.source === 'estimated' ? 'estimated' : 'billed'}" x="${n(bar.x)}" y="${n(bar.y)}" width="${n(bar.width)}" height="${n(bar.height)}">` +
        `<title>${escapeHtml(`${bar.date}: ${formatMoney(bar.amount, currency)} (${kind})`)}</title></rect>`,
    );
  }
  const step = Math.ceil(bars.length / MAX_DATE_LABELS);
  bars.forEach((bar, index) => {
    if (index % step !== 0 && index !== bars.length - 1) return;
    parts.push(`<text x="${n(bar.x + bar.width / 2)}" y="${String(baseline + 16)}" text-anchor="middle">${escapeHtml(bar.date.slice(8))}</text>`);
  });
  if (max === 0) parts.push(`<text class="message" x="${n(left + PLOT_WIDTH / 2)}" y="${n(top + PLOT_HEIGHT / 2)}" text-anchor="middle">${escapeHtml(labels.allZero)}</text>`);
  parts.push('</svg>');
  return { svg: parts.join(''), bars, max };
}

/** Only the kinds present, so a month fully billed does not explain hatching it never shows. */
function legend(labels: CostChartLabels, days: readonly CostDay[]): string {
  const kinds = (['billed', 'estimated'] as const).filter((kind) => days.some((day) => day.source === kind));
  let x = CHART_LAYOUT.left;
  return kinds
    .map((kind) => {
      const text = kind === 'billed' ? labels.billed : labels.estimated;
      const item = `<rect class="bar-${kind}" x="${String(x)}" y="6" width="12" height="12"/><text x="${String(x + 18)}" y="16">${escapeHtml(text)}</text>`;
      x += 18 + text.length * 7 + 16;
      return item;
    })
    .join('');
}
