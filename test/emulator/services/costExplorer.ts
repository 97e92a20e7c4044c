// Cost Explorer (client-cost-explorer, JSON 1.1, `X-Amz-Target: AWSInsightsIndexService.*`):
// GetCostAndUsage over the world's cost records, with tag/dimension filters, grouping,
// Estimated flags for the most recent days and NextPageToken pagination; optionally with
// Cost Explorer's lag (world.costExplorer.lagHours / refreshEveryHours), an account that
// never enabled it, data not available yet and tags not activated for cost allocation.
import { createHash } from 'node:crypto';
import { callerLabel, resolveCaller } from '../identity';
import type { Caller } from '../identity';
import { adminState } from '../admin/adminState';
import { accessDenied, allows, effectivePolicy } from '../policy';
import type { EmulatorState } from '../state';
import { authError, jsonResponse, parseJsonBody, ServiceError, stringArray } from '../wire';
import type { EmulatorRequest, EmulatorResponse } from '../wire';
import type { CostRecord } from '../world';
import type { ServiceContext } from './context';

const DAY_MS = 86_400_000;
const COST_METRICS = new Set(['AmortizedCost', 'BlendedCost', 'NetAmortizedCost', 'NetUnblendedCost', 'NormalizedUsageAmount', 'UnblendedCost', 'UsageQuantity']);

const validation = (message: string) => new ServiceError('ValidationException', 400, message);

export function handleCostExplorer(ctx: ServiceContext, operation: string, req: EmulatorRequest): EmulatorResponse {
  if (operation !== 'GetCostAndUsage') throw new ServiceError('UnknownOperationException', 400, `Unsupported operation ${operation}`);
  const resolved = resolveCaller(ctx.state, req, false);
  if (!resolved.ok) throw authError('cost-explorer', resolved.failure);
  const { caller } = resolved;
  ctx.setCaller(callerLabel(caller));
  // IAM cannot narrow ce:GetCostAndUsage to a tag value: it is all or nothing.
  if (!allows(ctx.state.world, caller, effectivePolicy(caller.policy).costExplorer)) {
    throw accessDenied(caller, 'ce:GetCostAndUsage', `arn:aws:ce:us-east-1:${caller.accountId}:/GetCostAndUsage`, 400);
  }
  const spec = ctx.state.world.costExplorer ?? {};
  // Cost Explorer is enabled once per account by opening it in the console, never through
  // the API ("Enabling Cost Explorer", AWS Cost Management User Guide, ce-enable); until
  // then every call answers this (the wording AWS SDK users report, e.g.
  // cloudgraphdev/cli#91, aws-samples/aws-cost-explorer-report#15).
  if (spec.enabled === false) throw new ServiceError('AccessDeniedException', 400, 'User not enabled for cost explorer access');
  // "The requested data is unavailable." (GetCostAndUsage errors, Cost Explorer API reference).
  if (spec.dataUnavailable === true) throw new ServiceError('DataUnavailableException', 400, 'The requested data is unavailable.');
  return getCostAndUsage(ctx.state, caller, parseJsonBody(req, () => validation('Request body is not valid JSON')));
}

interface Expression {
  And?: Expression[];
  Or?: Expression[];
  Not?: Expression;
  Tags?: { Key?: string; Values?: string[]; MatchOptions?: string[] };
  Dimensions?: { Key?: string; Values?: string[]; MatchOptions?: string[] };
}

interface Line {
  day: number;
  amount: number;
  tags: Record<string, string>;
  service: string;
  accountId: string | undefined;
}

function parseDay(value: unknown, field: string): number {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw validation(`${field} must be a date in the format YYYY-MM-DD`);
  }
  return Date.parse(`${value}T00:00:00Z`) / DAY_MS;
}

const dayString = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

function lineOf(record: CostRecord, today: number, inactiveTagKeys: readonly string[], visibleShare: (day: number) => number): Line {
  const day = record.date === undefined ? today - (record.daysAgo ?? 0) : Date.parse(`${record.date}T00:00:00Z`) / DAY_MS;
  // A tag key that is not an active cost allocation tag is absent from Cost Explorer's data:
  // "After you activate the tags, AWS generates a cost allocation report … with the tags"
  // (user-defined cost allocation tags, AWS Billing User Guide); costs from before activation stay untagged.
  const tags = Object.fromEntries(Object.entries(record.tags ?? {}).filter(([key]) => !inactiveTagKeys.includes(key)));
  return { day, amount: record.amount * visibleShare(day), tags, service: record.service ?? 'Claude Sonnet 4.5 (Amazon Bedrock Edition)', accountId: record.accountId };
}

/**
 * How far Cost Explorer's data reaches, in ms. AWS: "Cost Explorer updates your cost data at
 * least once every 24 hours" (ce-enable) and account data "updates up to three times a day"
 * (Best practices for the Cost Explorer API), so the newest day is partial and marked
 * Estimated ("Determines whether the result is estimated", API_ResultByTime). The emulator
 * refreshes at UTC multiples of refreshEveryHours and sees usage up to lagHours before that.
 */
function dataCutOff(now: number, lagHours: number, refreshEveryHours: number | undefined): number {
  const hour = 3_600_000;
  const refreshedAt = refreshEveryHours !== undefined && refreshEveryHours > 0 ? Math.floor(now / (refreshEveryHours * hour)) * refreshEveryHours * hour : now;
  return refreshedAt - lagHours * hour;
}

function matchValues(actual: string | undefined, values: string[], options: string[]): boolean {
  if (options.includes('ABSENT')) return actual === undefined;
  if (actual === undefined) return false;
  if (options.includes('STARTS_WITH')) return values.some((v) => actual.startsWith(v));
  if (options.includes('ENDS_WITH')) return values.some((v) => actual.endsWith(v));
  if (options.includes('CONTAINS')) return values.some((v) => actual.includes(v));
  if (options.includes('CASE_INSENSITIVE')) return values.some((v) => v.toLowerCase() === actual.toLowerCase());
  return values.includes(actual);
}

function dimensionValue(line: Line, key: string, caller: Caller): string | undefined {
  switch (key) {
    case 'SERVICE':
      return line.service;
    case 'LINKED_ACCOUNT':
      return line.accountId ?? caller.accountId;
    case 'RECORD_TYPE':
      return 'Usage';
    default:
      throw validation(`Dimension ${key} is not supported by the emulator`);
  }
}

function matches(expr: Expression, line: Line, caller: Caller): boolean {
  if (expr.And) return expr.And.every((e) => matches(e, line, caller));
  if (expr.Or) return expr.Or.some((e) => matches(e, line, caller));
  if (expr.Not) return !matches(expr.Not, line, caller);
  if (expr.Tags) {
    // The filter uses the bare tag key (no `user:` prefix), as Cost Explorer does.
    const key = expr.Tags.Key ?? '';
    return matchValues(line.tags[key], stringArray(expr.Tags.Values), stringArray(expr.Tags.MatchOptions));
  }
  if (expr.Dimensions) {
    return matchValues(dimensionValue(line, expr.Dimensions.Key ?? '', caller), stringArray(expr.Dimensions.Values), stringArray(expr.Dimensions.MatchOptions));
  }
  throw validation('Expression must contain one of And, Or, Not, Tags, Dimensions');
}

/** Cost Explorer amounts are decimal strings; no exponent notation, no trailing zeros. */
export function formatAmount(amount: number): string {
  const fixed = amount.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

function metricValues(metrics: string[], lines: Line[]): Record<string, { Amount: string; Unit: string }> {
  const amount = lines.reduce((sum, l) => sum + l.amount, 0);
  return Object.fromEntries(
    metrics.map((m) => [m, m === 'UsageQuantity' || m === 'NormalizedUsageAmount' ? { Amount: formatAmount(lines.length), Unit: 'N/A' } : { Amount: formatAmount(amount), Unit: 'USD' }]),
  );
}

/** [start, end) buckets: one per day, or one per calendar month clipped to the period. */
function buckets(start: number, end: number, granularity: string): [number, number][] {
  const out: [number, number][] = [];
  for (let s = start; s < end; ) {
    let e: number;
    if (granularity === 'DAILY') {
      e = s + 1;
    } else {
      const d = new Date(s * DAY_MS);
      e = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
    }
    e = Math.min(e, end);
    out.push([s, e]);
    s = e;
  }
  return out;
}

interface GroupBy {
  Type?: string;
  Key?: string;
}

function groupKey(line: Line, groupBy: GroupBy[], caller: Caller): string[] {
  return groupBy.map((g) => (g.Type === 'TAG' ? `${g.Key ?? ''}$${line.tags[g.Key ?? ''] ?? ''}` : (dimensionValue(line, g.Key ?? '', caller) ?? '')));
}

function getCostAndUsage(state: EmulatorState, caller: Caller, body: Record<string, unknown>): EmulatorResponse {
  const period = body.TimePeriod as { Start?: unknown; End?: unknown } | undefined;
  const start = parseDay(period?.Start, 'TimePeriod.Start');
  const end = parseDay(period?.End, 'TimePeriod.End');
  if (start >= end) throw validation('Start date (and hour) should be before end date (and hour)');
  const granularity = body.Granularity;
  if (granularity === 'HOURLY') throw validation('Hourly granularity is not enabled for this account.');
  if (granularity !== 'DAILY' && granularity !== 'MONTHLY') throw validation('Granularity must be DAILY or MONTHLY');
  const metrics = stringArray(body.Metrics);
  if (metrics.length === 0) throw validation('Metrics must not be empty');
  for (const m of metrics) if (!COST_METRICS.has(m)) throw validation(`Metric ${m} is not a valid metric`);
  const groupBy = (Array.isArray(body.GroupBy) ? body.GroupBy : []) as GroupBy[];
  if (groupBy.length > 2) throw validation('GroupBy accepts at most two groups');
  const filter = body.Filter as Expression | undefined;

  const spec = state.world.costExplorer ?? {};
  const now = state.now();
  const today = Math.floor(now / DAY_MS);
  const lag = spec.lagHours;
  // Without lagHours every record is billed whole, today included (the emulator's old behaviour).
  const cutOff = lag === undefined ? undefined : dataCutOff(now, lag, spec.refreshEveryHours);
  const visibleShare = (day: number): number => (cutOff === undefined ? 1 : Math.min(1, Math.max(0, (cutOff - day * DAY_MS) / DAY_MS)));
  const newestDay = cutOff === undefined ? today : Math.floor(cutOff / DAY_MS);
  const firstEstimated = newestDay - ((spec.estimatedDays ?? 2) - 1);
  // Keys deactivated through UpdateCostAllocationTagsStatus (costAllocationTags.ts) count too;
  // the emulator applies a status to all days, where AWS applies it from the change on.
  const deactivated = [...adminState(state).costAllocationTags].filter(([, tag]) => tag.status === 'Inactive').map(([key]) => key);
  const inactiveTagKeys = [...(spec.inactiveTagKeys ?? []), ...deactivated];
  const lines = (state.world.costRecords ?? [])
    .map((r) => lineOf(r, today, inactiveTagKeys, visibleShare))
    .filter((l) => l.amount !== 0 || cutOff === undefined)
    .filter((l) => (l.accountId === undefined || l.accountId === caller.accountId) && l.day >= start && l.day < end)
    .filter((l) => filter === undefined || matches(filter, l, caller));

  const results = buckets(start, end, granularity).map(([s, e]) => {
    const inBucket = lines.filter((l) => l.day >= s && l.day < e);
    const timePeriod = { Start: dayString(s), End: dayString(e) };
    const estimated = e > firstEstimated;
    if (groupBy.length === 0) return { TimePeriod: timePeriod, Total: metricValues(metrics, inBucket), Groups: [], Estimated: estimated };
    const groups = new Map<string, Line[]>();
    for (const l of inBucket) {
      const key = JSON.stringify(groupKey(l, groupBy, caller));
      groups.set(key, [...(groups.get(key) ?? []), l]);
    }
    return {
      TimePeriod: timePeriod,
      Total: {},
      Groups: [...groups.entries()].map(([k, ls]) => ({ Keys: JSON.parse(k) as string[], Metrics: metricValues(metrics, ls) })),
      Estimated: estimated,
    };
  });

  // Page tokens are bound to the request they came from, as Cost Explorer's are.
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ ...body, NextPageToken: undefined }))
    .digest('hex')
    .slice(0, 16);
  let offset = 0;
  if (typeof body.NextPageToken === 'string') {
    const [fp, raw] = Buffer.from(body.NextPageToken, 'base64url').toString('utf8').split(':');
    offset = Number(raw);
    if (fp !== fingerprint || !Number.isInteger(offset) || offset < 0 || offset > results.length) {
      throw new ServiceError('InvalidNextTokenException', 400, 'Invalid pagination token');
    }
  }
  const pageSize = state.world.costExplorer?.pageSize ?? 1000;
  const next = offset + pageSize;
  return {
    ...jsonResponse(200, {
      ...(groupBy.length > 0 ? { GroupDefinitions: groupBy } : {}),
      ResultsByTime: results.slice(offset, next),
      DimensionValueAttributes: [],
      ...(next < results.length ? { NextPageToken: Buffer.from(`${fingerprint}:${next}`).toString('base64url') } : {}),
    }),
    headers: { 'content-type': 'application/x-amz-json-1.1' },
  };
}
