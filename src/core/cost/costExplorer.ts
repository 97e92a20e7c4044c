import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import type { GetCostAndUsageCommandOutput } from '@aws-sdk/client-cost-explorer';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { Logger } from '../runtime/logger';
import { silentLogger } from '../runtime/logger';
import { UserFacingError } from '../runtime/userFacingError';
import { redactSecrets } from '../secrets/redact';
import type { BilledCost, BilledDay } from './billedCost';
import { costExplorerFailure } from './costExplorerErrors';
import { firstDayOfUtcMonth, nextUtcDay, utcDay, utcMonth } from './utcCalendar';

export interface FetchBilledCostOptions {
  readonly credentials: AwsCredentialIdentityProvider;
  /** The cost allocation tag that identifies the developer, bare (no `user:` prefix). */
  readonly tagKey?: string;
  readonly tagValue: string;
  readonly metric?: string;
  readonly now: Date;
  /** SDK attempts per request, retries included (throttling and 5xx are retried). */
  readonly maxAttempts?: number;
  readonly abortSignal?: AbortSignal;
  readonly logger?: Logger;
}

/** Cost Explorer's API lives in us-east-1 whatever region the work runs in. */
const COST_EXPLORER_REGION = 'us-east-1';
/**
 * A month of daily results usually fits in one page, but Cost Explorer may page any answer
 * (each page is a billed request); this only stops a misbehaving endpoint.
 */
const MAX_PAGES = 20;

/**
 * Month-to-date daily cost for one tag value: one `GetCostAndUsage` (plus pages, if
 * any) from the first day of the UTC month to tomorrow (End is exclusive, so today is
 * included, and on the 1st the window is one day). Each request costs $0.01: callers
 * go through the shared cache, never call this on a timer of their own.
 */
export async function fetchBilledCost(options: FetchBilledCostOptions): Promise<BilledCost> {
  const tagKey = options.tagKey ?? 'DeveloperId';
  const metric = options.metric ?? 'UnblendedCost';
  const logger = options.logger ?? silentLogger;
  if (options.tagValue.trim() === '') {
    throw new UserFacingError(
      `Your ${tagKey} tag value is not known yet, so Cost Explorer cannot be asked for your cost: pick your inference profile (or ask your admin for your ${tagKey}); showing a local estimate.`,
      'cost.no-tag-value',
    );
  }
  const start = firstDayOfUtcMonth(options.now);
  const end = nextUtcDay(utcDay(options.now));
  const client = new CostExplorerClient({
    region: COST_EXPLORER_REGION,
    credentials: options.credentials,
    // Stryker disable next-line ConditionalExpression: the client treats maxAttempts: undefined as not given
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
  });
  const days: BilledDay[] = [];
  let currency: string | undefined;
  let requests = 0;
  try {
    let nextPageToken: string | undefined;
    do {
      requests++;
      const output: GetCostAndUsageCommandOutput = await client.send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: start, End: end },
          Granularity: 'DAILY',
          Metrics: [metric],
          Filter: { Tags: { Key: tagKey, Values: [options.tagValue] } },
          ...(nextPageToken ? { NextPageToken: nextPageToken } : {}),
        }),
        { abortSignal: options.abortSignal },
      );
      for (const result of output.ResultsByTime ?? []) {
        const date = result.TimePeriod?.Start;
        const value = result.Total?.[metric];
        if (!date) continue;
        // Stryker disable next-line StringLiteral: Number('') is 0 as well
        const amount = Number(value?.Amount ?? '0');
        currency ??= value?.Unit || undefined;
        days.push({ date, amount: Number.isFinite(amount) ? amount : 0, estimated: result.Estimated === true });
      }
      nextPageToken = output.NextPageToken || undefined;
    } while (nextPageToken && requests < MAX_PAGES);
  } catch (error) {
    const failure = costExplorerFailure(error);
    logger.warn(`Cost Explorer GetCostAndUsage failed: ${redactSecrets(error instanceof Error ? `${error.name}: ${error.message}` : String(error))}`);
    throw failure;
  } finally {
    client.destroy();
  }

  // YYYY-MM-DD strings of one shape: their locale order is their character order.
  days.sort((a, b) => a.date.localeCompare(b.date));
  const fetchedAt = options.now.toISOString();
  const month = utcMonth(options.now);
  const billed = days.filter((day) => day.amount !== 0);
  const through = billed[billed.length - 1]?.date;
  if (through === undefined) {
    return {
      state: 'no-data',
      month,
      reason: `Cost Explorer has no cost tagged ${tagKey}=${options.tagValue} this month yet: the tag may not be activated as a cost allocation tag, or the first charges are not processed yet (this takes 24 to 48 hours); showing a local estimate.`,
      reasonCode: 'cost.no-billed-data',
      fetchedAt,
      requests,
      tagKey,
      days,
    };
  }
  const amount = days.reduce((sum, day) => sum + day.amount, 0);
  return { state: 'ok', month, currency: currency ?? 'USD', amount, days, through, fetchedAt, requests, tagKey };
}
