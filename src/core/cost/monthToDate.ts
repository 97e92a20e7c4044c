import type { BilledCost } from './billedCost';
import { reconcileDays, type ReconciledDay } from './dailyReconciliation';
import type { LocalEstimate } from './localEstimate';
import { tagNotActive } from './tagActivation';
import { firstDayOfUtcMonth } from './utcCalendar';

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
  /** The days whose figure is Cost Explorer's; `through`: the last of them with a cost. */
  readonly billed: { readonly amount: number; readonly through: string | null };
  /** The days Cost Explorer calls final (their figures will not change); `through`: the last one. */
  readonly final: { readonly amount: number; readonly through: string | null };
  /** The days whose figure is the transcript estimate's, from `since` (the first such day) on. */
  readonly estimated: {
    readonly amount: number;
    readonly since: string | null;
    /** Tokens of models without a price: shown, never counted as $0. */
    readonly unpricedTokens: number;
    readonly unpricedModels: readonly string[];
  };
  /** Days Cost Explorer has not finished (see reconcileDays): their figures may still change. */
  readonly provisional: { readonly amount: number; readonly days: readonly string[] };
  /** One entry per day, oldest first: its figure, whether it is final, and why not. */
  readonly daily: readonly ReconciledDay[];
  readonly source: 'cost-explorer' | 'local' | 'mixed';
  /** What Cost Explorer is filtered by: the figure is the spend tagged `key=value`, whatever service. */
  readonly tag: { readonly key: string; readonly value: string } | null;
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
 * Cost Explorer's days reconciled with the local estimate day by day (reconcileDays: final
 * days are the bill, the others never less than either source). Where Cost Explorer is not
 * used, not permitted or has nothing yet, the whole month is the estimate, labelled as such.
 */
export function combineMonthToDate(options: CombineOptions): MonthToDateCost {
  const { estimate } = options;
  const billed = options.billed;
  const wantsBilled = options.source === 'auto' || options.source === 'cost-explorer';
  const usable = wantsBilled && billed?.state === 'ok' && billed.month === estimate.month && billed.currency === estimate.currency ? billed : undefined;

  const daily = reconcileDays(usable?.days, estimate.days);
  let billedAmount = 0;
  let billedThrough: string | null = null;
  let finalAmount = 0;
  let estimatedAmount = 0;
  let provisionalAmount = 0;
  let unpricedTokens = 0;
  let through: string | null = null;
  let since: string | null = null;
  const provisionalDays: string[] = [];
  for (const day of daily) {
    if (day.source === 'billed') {
      billedAmount += day.amount;
      if (day.amount !== 0) billedThrough = day.date;
    } else {
      estimatedAmount += day.amount;
      since ??= day.date;
    }
    if (day.status === 'final') {
      finalAmount += day.amount;
      through = day.date;
    }
    if (day.status === 'provisional') {
      provisionalAmount += day.amount;
      provisionalDays.push(day.date);
    }
    unpricedTokens += day.unpricedTokens;
  }
  if (!usable) since = firstDayOfUtcMonth(options.now);

  const source = !usable ? 'local' : estimatedAmount > 0 ? 'mixed' : 'cost-explorer';
  const amount = billedAmount + estimatedAmount;
  const reason = reasonFor(options, usable !== undefined);
  const nothingAtAll = !usable && estimate.requests === 0;
  const budget = options.budget !== undefined && options.budget > 0 ? { amount: options.budget, used: amount / options.budget } : undefined;
  const tagged = billed && billed.month === estimate.month && wantsBilled ? billed : undefined;
  return {
    month: estimate.month,
    monthToDate: { amount, currency: usable?.currency ?? estimate.currency },
    billed: { amount: billedAmount, through: billedThrough },
    final: { amount: finalAmount, through },
    estimated: { amount: estimatedAmount, since, unpricedTokens, unpricedModels: unpricedTokens > 0 ? estimate.unpriced.models : [] },
    provisional: { amount: provisionalAmount, days: provisionalDays },
    daily,
    source,
    tag: tagged?.tagKey !== undefined && tagged.tagValue !== undefined ? { key: tagged.tagKey, value: tagged.tagValue } : null,
    fetchedAt: usable?.fetchedAt ?? null,
    computedAt: options.now.toISOString(),
    ...(budget ? { budget } : {}),
    state: nothingAtAll ? 'no-data' : 'ok',
    // Without a usable bill there is always a reason (the setting, the failure, or why the bill is missing).
    ...(reason ? { reason } : {}),
  };
}

function reasonFor(options: CombineOptions, billedUsed: boolean): CostReason | undefined {
  if (options.source === 'local' || options.source === 'off') {
    return { code: 'cost.local-only', message: 'Cost Explorer is not used (setting): this is an estimate from Claude Code’s local transcripts.' };
  }
  if (options.billedError) return options.billedError;
  if (billedUsed) return undefined;
  const billed = options.billed;
  if (billed?.state === 'no-data' && billed.month === options.estimate.month) return tagNotActive(billed, options.estimate) ?? { code: billed.reasonCode, message: billed.reason };
  if (billed?.state === 'ok' && billed.month === options.estimate.month) {
    return { code: 'cost.currency-mismatch', message: `Cost Explorer reports in ${billed.currency}, the estimate is in USD: showing the estimate only.` };
  }
  return { code: 'cost.not-fetched', message: 'Billed cost has not been fetched yet: this is an estimate from Claude Code’s local transcripts.' };
}
