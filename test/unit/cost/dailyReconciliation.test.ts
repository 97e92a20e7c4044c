import assert from 'node:assert/strict';
import type { BilledDay } from '../../../src/core/cost/billedCost';
import { reconcileDays } from '../../../src/core/cost/dailyReconciliation';
import type { EstimatedDay } from '../../../src/core/cost/localEstimate';
import { zeroTokens } from '../../../src/core/cost/tokenCounts';

const billed = (date: string, amount: number, estimated: boolean): BilledDay => ({ date, amount, estimated });
const local = (date: string, amount: number): EstimatedDay => ({ date, amount, tokens: zeroTokens(), unpricedTokens: 0 });
const brief = (days: ReturnType<typeof reconcileDays>) => days.map((day) => [day.date, day.amount, day.source, day.status, day.why ?? '-']);

describe('cost: per-day reconciliation of Cost Explorer and the local estimate', () => {
  it('keeps final days at the bill, takes the larger source on Estimated days, and the estimate on days Cost Explorer has no figure for', () => {
    const days = reconcileDays(
      [billed('2026-03-13', 2, false), billed('2026-03-14', 3, true), billed('2026-03-15', 0.4, true)],
      [local('2026-03-13', 5), local('2026-03-14', 1), local('2026-03-15', 1.5), local('2026-03-16', 0.7)],
    );
    assert.deepEqual(brief(days), [
      ['2026-03-13', 2, 'billed', 'final', '-'],
      ['2026-03-14', 3, 'billed', 'provisional', 'cost-explorer-estimated'],
      ['2026-03-15', 1.5, 'estimated', 'provisional', 'cost-explorer-estimated'],
      ['2026-03-16', 0.7, 'estimated', 'provisional', 'not-in-cost-explorer'],
    ]);
    for (const day of days.filter((entry) => entry.status === 'provisional')) {
      assert.ok(day.amount >= (day.billed ?? 0) && day.amount >= day.estimated, `${day.date} never drops below either source`);
    }
  });

  it('is the estimate, day by day, without Cost Explorer', () => {
    assert.deepEqual(brief(reconcileDays(undefined, [local('2026-03-02', 0.3)])), [['2026-03-02', 0.3, 'estimated', 'estimate', '-']]);
  });
});
