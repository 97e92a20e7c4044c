import type { BilledCost } from './billedCost';
import type { LocalEstimate } from './localEstimate';
import type { CostReason } from './monthToDate';

/**
 * Cost Explorer answers zeros, not an error, for a tag key that is not activated as a cost
 * allocation tag (or a value nobody's cost carries). Zeros on days it calls final while
 * Claude Code was used on them locally is that case, and only an admin of the paying
 * account can fix it; zeros on days it has not finished are only its lag.
 */
export function tagNotActive(billed: Extract<BilledCost, { state: 'no-data' }>, estimate: LocalEstimate): CostReason | undefined {
  const finalDays = new Set((billed.days ?? []).filter((day) => !day.estimated).map((day) => day.date));
  const used = estimate.days.filter((day) => finalDays.has(day.date) && (day.amount > 0 || day.unpricedTokens > 0));
  const first = used[0];
  if (first === undefined) return undefined;
  const key = billed.tagKey ?? 'DeveloperId';
  const tag = billed.tagValue !== undefined ? `${key}=${billed.tagValue}` : key;
  return {
    code: 'cost.tag-not-active',
    message: `Cost Explorer shows no cost tagged ${tag} on days it has finished, although Claude Code was used on them (from ${first.date}): the ${key} tag is probably not activated as a cost allocation tag. Ask your AWS billing administrator to activate ${key} in the Billing and Cost Management console (Cost allocation tags); tagged cost appears from then on, about a day later. Showing a local estimate meanwhile.`,
  };
}
