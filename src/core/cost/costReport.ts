import type { Logger } from '../runtime/logger';
import { silentLogger } from '../runtime/logger';
import type { BilledCost } from './billedCost';
import type { BilledCostAnswer } from './costCache';
import { readBilledCostThroughCache } from './costCache';
import { estimateFromTranscripts } from './localEstimate';
import type { ApplicationProfileModels } from './modelIdentity';
import type { CostReason, CostSource, MonthToDateCost } from './monthToDate';
import { combineMonthToDate } from './monthToDate';
import type { PriceTable } from './priceTable';
import { loadScanState, saveScanState } from './scanStateStore';
import { scanTranscripts } from './transcriptScanner';

export interface CostReportOptions {
  /** Holds the shared Cost Explorer cache and the transcript scan state. */
  readonly cacheDir: string;
  /** `<claude config dir>/projects` (see `transcriptProjectsDir`). */
  readonly projectsDir: string;
  readonly now: () => Date;
  readonly source: CostSource;
  readonly prices: PriceTable;
  readonly applicationProfiles?: ApplicationProfileModels;
  readonly budget?: number;
  readonly refreshIntervalMs?: number;
  /** Minimum time between two manual refreshes (default one minute). */
  readonly manualIntervalMs?: number;
  /**
   * How to ask Cost Explorer, when the developer's tag is known. `fetch` is
   * `loadAwsOperations().fetchBilledCost(...)` in the extension and the CLI, so this
   * module (and activation) never loads the SDK; `key` names the query for the cache.
   */
  readonly billed?: { readonly key: string; readonly keyForTagValue?: (tagValue: string) => string; readonly fetch: () => Promise<BilledCost> };
  readonly logger?: Logger;
}

export interface CostReport {
  readonly cost: MonthToDateCost;
  /** The Cost Explorer side: age of the billed figure, last error, rate limiting. */
  readonly billed: BilledCostAnswer | undefined;
  /** Why a refresh that was asked for did not happen (rate limit, another window refreshing). */
  readonly notice?: CostReason;
}

/** Month-to-date cost now: the cached (or, when due, refreshed) billed cost plus a fresh local estimate. */
export async function readCostReport(options: CostReportOptions, request: { manual?: boolean } = {}): Promise<CostReport> {
  const logger = options.logger ?? silentLogger;
  // Stryker disable next-line ConditionalExpression: without options.billed, billedQuery below is undefined either way
  const useBilled = options.billed !== undefined && (options.source === 'auto' || options.source === 'cost-explorer');
  const billedQuery = useBilled ? options.billed : undefined;
  const billed = billedQuery
    ? await readBilledCostThroughCache(
        {
          directory: options.cacheDir,
          now: options.now,
          queryKey: billedQuery.key,
          ...(billedQuery.keyForTagValue ? { keyForTagValue: billedQuery.keyForTagValue } : {}),
          logger,
          // Stryker disable next-line ConditionalExpression: the cache treats an undefined interval as not given
          ...(options.refreshIntervalMs !== undefined ? { refreshIntervalMs: options.refreshIntervalMs } : {}),
          // Stryker disable next-line ConditionalExpression: the cache treats an undefined interval as not given
          ...(options.manualIntervalMs !== undefined ? { manualIntervalMs: options.manualIntervalMs } : {}),
        },
        request,
        billedQuery.fetch,
      )
    : undefined;

  const now = options.now();
  const previous = await loadScanState(options.cacheDir, logger);
  const previousMonth = previous?.month;
  const { state, stats } = await scanTranscripts({ projectsDir: options.projectsDir, state: previous, now, logger });
  if (stats.filesRead > 0 || stats.filesRemoved > 0 || previousMonth !== state.month) await saveScanState(options.cacheDir, state);
  const estimate = estimateFromTranscripts(state, { now, prices: options.prices, ...(options.applicationProfiles ? { applicationProfiles: options.applicationProfiles } : {}) });

  const cost = combineMonthToDate({
    source: options.source,
    billed: billed?.billed,
    billedError: billed?.error,
    estimate,
    now,
    budget: options.budget,
  });
  const notice = billed ? noticeFor(billed, now) : undefined;
  return { cost, billed, ...(notice ? { notice } : {}) };
}

function noticeFor(billed: BilledCostAnswer, now: Date): CostReason | undefined {
  if (billed.rateLimited) {
    const seconds = Math.max(1, Math.ceil((Date.parse(billed.rateLimited.nextAllowedAt) - now.getTime()) / 1000));
    return {
      code: 'cost.refresh-rate-limited',
      message: `Cost Explorer was refreshed moments ago and each request is billed: showing that result; you can refresh again in ${String(seconds)} seconds.`,
    };
  }
  if (billed.refreshInProgress) {
    return { code: 'cost.refresh-in-progress', message: 'Another window is refreshing the cost from Cost Explorer right now: its result will appear here in a moment.' };
  }
  return undefined;
}
