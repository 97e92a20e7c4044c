import type { BilledDay } from './billedCost';
import type { EstimatedDay } from './localEstimate';

/**
 * `final`: Cost Explorer has finished the day; `provisional`: Cost Explorer calls it
 * estimated, or has no figure for it yet; `estimate`: Cost Explorer is not used at all.
 */
export type DayStatus = 'final' | 'provisional' | 'estimate';

/** Why a day is provisional. */
export type ProvisionalReason = 'cost-explorer-estimated' | 'not-in-cost-explorer';

export interface ReconciledDay {
  /** UTC day, `YYYY-MM-DD`. */
  readonly date: string;
  /** The day's figure (see reconcileDays for the rule). */
  readonly amount: number;
  /** Which source the figure is: Cost Explorer's, or the local estimate's. */
  readonly source: 'billed' | 'estimated';
  readonly status: DayStatus;
  /** What Cost Explorer billed for the day (null: it has no figure for the day, or is not used). */
  readonly billed: number | null;
  /** The local estimate for the day (priced tokens). */
  readonly estimated: number;
  readonly why?: ProvisionalReason;
  /** Tokens of the day's models without a price (counted only where the estimate can matter). */
  readonly unpricedTokens: number;
}

/**
 * The rule, in one sentence for the CLI and the log (the tooltip and Cost Details say it in
 * the display language); the README explains it at length.
 */
export const RECONCILIATION_RULE =
  'A day Cost Explorer calls final shows what it billed; a day it calls estimated, or has no figure for yet, shows the larger of what it billed so far and the local estimate for that day.';

/**
 * One figure per day from Cost Explorer's days and the local estimate's.
 *
 * Cost Explorer lags usage by hours and marks the days it has not finished `Estimated`; it
 * does not say up to which hour a day is processed, so "billed + the estimate after the
 * cut-off" cannot be placed. For such a day the larger of the two is shown: never less than
 * either source (so usage Cost Explorer has not seen yet is counted), and never the two
 * added up (so what it has seen is not counted twice). A final day is the bill, even where
 * the estimate differs: prices, discounts and credits are Cost Explorer's to know.
 *
 * `billedDays` undefined: Cost Explorer is not used, every day is the estimate.
 */
export function reconcileDays(billedDays: readonly BilledDay[] | undefined, estimateDays: readonly EstimatedDay[]): ReconciledDay[] {
  const estimates = new Map(estimateDays.map((day) => [day.date, day]));
  if (billedDays === undefined) {
    return estimateDays.map((day) => ({ date: day.date, amount: day.amount, source: 'estimated', status: 'estimate', billed: null, estimated: day.amount, unpricedTokens: day.unpricedTokens }));
  }
  const days: ReconciledDay[] = [];
  const billedDates = new Set<string>();
  for (const billed of billedDays) {
    billedDates.add(billed.date);
    const local = estimates.get(billed.date);
    const estimated = local?.amount ?? 0;
    if (!billed.estimated) {
      days.push({ date: billed.date, amount: billed.amount, source: 'billed', status: 'final', billed: billed.amount, estimated, unpricedTokens: 0 });
      continue;
    }
    const useEstimate = estimated > billed.amount;
    days.push({
      date: billed.date,
      amount: useEstimate ? estimated : billed.amount,
      source: useEstimate ? 'estimated' : 'billed',
      status: 'provisional',
      billed: billed.amount,
      estimated,
      why: 'cost-explorer-estimated',
      unpricedTokens: local?.unpricedTokens ?? 0,
    });
  }
  for (const local of estimateDays) {
    if (billedDates.has(local.date)) continue;
    days.push({ date: local.date, amount: local.amount, source: 'estimated', status: 'provisional', billed: null, estimated: local.amount, why: 'not-in-cost-explorer', unpricedTokens: local.unpricedTokens });
  }
  // YYYY-MM-DD strings: their text order is the calendar order.
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
