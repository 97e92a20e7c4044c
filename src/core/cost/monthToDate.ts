import type { BilledCost } from './billedCost';
import type { LocalEstimate } from './localEstimate';
import { firstDayOfUtcMonth, nextUtcDay } from './utcCalendar';

/** Where the month-to-date figure may come from (the `cost.source` setting). */
export type CostSource = 'auto' | 'cost-explorer' | 'local' | 'off';

export interface CostReason {
  readonly code: string;
  readonly message: string;
}

/** The shape the status bar, the tooltip and `bedrock-onboard cost --json` share. */
export interface MonthToDateCost {
  /** UTC month, `YYYY-MM`. */
  readonly month: string;
  readonly monthToDate: { readonly amount: number; readonly currency: string };
  /** Cost Explorer's part: every day up to and including `through`. */
  readonly billed: { readonly amount: number; readonly through: string | null };
  /** The transcript estimate's part: every day from `since` on. */
  readonly estimated: {
    readonly amount: number;
    readonly since: string | null;
    /** Tokens of models without a price: shown, never counted as $0. */
    readonly unpricedTokens: number;
    readonly unpricedModels: readonly string[];
  };
  readonly daily: readonly { readonly date: string; readonly amount: number; readonly source: 'billed' | 'estimated' }[];
  readonly source: 'cost-explorer' | 'local' | 'mixed';
  /** When Cost Explorer was last asked successfully (null: never, or not used). */
  readonly fetchedAt: string | null;
  readonly computedAt: string;
  readonly budget?: { readonly amount: number; readonly used: number };
  /** `no-data`: nothing billed and no local usage either, so the amount is not a fact. */
  readonly state: 'ok' | 'no-data';
  /** Why the figure is (partly) an estimate, or why there is none. */
  readonly reason?: CostReason;
}

export interface CombineOptions {
  readonly source: CostSource;
  readonly billed: BilledCost | undefined;
  /** The last Cost Explorer failure, if the last attempt failed. */
  readonly billedError?: CostReason | undefined;
  readonly estimate: LocalEstimate;
  readonly now: Date;
  /** Monthly budget in USD, if the admin or user set one. */
  readonly budget?: number | undefined;
}

/**
 * Billed days from Cost Explorer, then the local estimate for the days it has not
 * processed yet (after the last day with billed cost). Where Cost Explorer is not used,
 * not permitted or has nothing yet, the whole month is the estimate, labelled as such.
 */
export function combineMonthToDate(options: CombineOptions): MonthToDateCost {
  const { estimate } = options;
  const monthStart = firstDayOfUtcMonth(options.now);
  const billed = options.billed;
  const wantsBilled = options.source === 'auto' || options.source === 'cost-explorer';
  const usable = wantsBilled && billed?.state === 'ok' && billed.month === estimate.month && billed.currency === estimate.currency ? billed : undefined;

  const daily: { date: string; amount: number; source: 'billed' | 'estimated' }[] = [];
  let billedAmount = 0;
  let estimatedAmount = 0;
  let since = monthStart;
  if (usable) {
    for (const day of usable.days) {
      if (day.date > usable.through) break;
      daily.push({ date: day.date, amount: day.amount, source: 'billed' });
      billedAmount += day.amount;
    }
    since = nextUtcDay(usable.through);
  }
  let estimatedDays = 0;
  let unpricedTokens = 0;
  for (const day of estimate.days) {
    if (day.date < since) continue;
    daily.push({ date: day.date, amount: day.amount, source: 'estimated' });
    estimatedAmount += day.amount;
    unpricedTokens += day.unpricedTokens;
    estimatedDays++;
  }

  const source = !usable ? 'local' : estimatedDays > 0 ? 'mixed' : 'cost-explorer';
  const amount = billedAmount + estimatedAmount;
  const reason = reasonFor(options, usable !== undefined);
  const nothingAtAll = !usable && estimate.requests === 0;
  const budget = options.budget !== undefined && options.budget > 0 ? { amount: options.budget, used: amount / options.budget } : undefined;
  return {
    month: estimate.month,
    monthToDate: { amount, currency: usable?.currency ?? estimate.currency },
    billed: { amount: billedAmount, through: usable?.through ?? null },
    estimated: { amount: estimatedAmount, since: source === 'cost-explorer' ? null : since, unpricedTokens, unpricedModels: unpricedTokens > 0 ? estimate.unpriced.models : [] },
    daily,
    source,
    fetchedAt: usable?.fetchedAt ?? null,
    computedAt: options.now.toISOString(),
    ...(budget ? { budget } : {}),
    state: nothingAtAll ? 'no-data' : 'ok',
    ...(reason ? { reason } : nothingAtAll ? { reason: NO_LOCAL_USAGE } : {}),
  };
}

const NO_LOCAL_USAGE: CostReason = {
  code: 'cost.no-usage',
  message: 'No Claude Code usage was found in this month’s local transcripts, and no billed cost is available.',
};

function reasonFor(options: CombineOptions, billedUsed: boolean): CostReason | undefined {
  if (options.source === 'local' || options.source === 'off') {
    return { code: 'cost.local-only', message: 'Cost Explorer is not used (setting): this is an estimate from Claude Code’s local transcripts.' };
  }
  if (options.billedError) return options.billedError;
  if (billedUsed) return undefined;
  const billed = options.billed;
  if (billed?.state === 'no-data' && billed.month === options.estimate.month) return { code: billed.reasonCode, message: billed.reason };
  if (billed?.state === 'ok' && billed.month === options.estimate.month) {
    return { code: 'cost.currency-mismatch', message: `Cost Explorer reports in ${billed.currency}, the estimate is in USD: showing the estimate only.` };
  }
  return { code: 'cost.not-fetched', message: 'Billed cost has not been fetched yet: this is an estimate from Claude Code’s local transcripts.' };
}
