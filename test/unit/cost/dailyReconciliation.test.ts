import assert from 'node:assert/strict';
import type { BilledDay } from '../../../src/core/cost/billedCost';
import { RECONCILIATION_RULE, reconcileDays } from '../../../src/core/cost/dailyReconciliation';
import type { EstimatedDay } from '../../../src/core/cost/localEstimate';
import { zeroTokens } from '../../../src/core/cost/tokenCounts';

const billed = (date: string, amount: number, estimated: boolean): BilledDay => ({ date, amount, estimated });
const local = (date: string, amount: number, unpricedTokens = 0): EstimatedDay => ({ date, amount, tokens: zeroTokens(), unpricedTokens });
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

  it('gives every field of each kind of day: both sources, the reason, and unpriced tokens only where the estimate can matter', () => {
    const days = reconcileDays(
      [billed('2026-03-14', 3, true), billed('2026-03-13', 2, false), billed('2026-03-15', 1.5, true), billed('2026-03-17', 0.2, true)],
      [local('2026-03-16', 0.7, 11), local('2026-03-13', 5, 12), local('2026-03-15', 1.5, 13), local('2026-03-14', 1, 14)],
    );
    assert.deepEqual(days, [
      { date: '2026-03-13', amount: 2, source: 'billed', status: 'final', billed: 2, estimated: 5, unpricedTokens: 0 },
      { date: '2026-03-14', amount: 3, source: 'billed', status: 'provisional', billed: 3, estimated: 1, why: 'cost-explorer-estimated', unpricedTokens: 14 },
      // A tie is Cost Explorer's figure.
      { date: '2026-03-15', amount: 1.5, source: 'billed', status: 'provisional', billed: 1.5, estimated: 1.5, why: 'cost-explorer-estimated', unpricedTokens: 13 },
      { date: '2026-03-16', amount: 0.7, source: 'estimated', status: 'provisional', billed: null, estimated: 0.7, why: 'not-in-cost-explorer', unpricedTokens: 11 },
      // No local use that day: the estimate is 0 and no tokens are unpriced.
      { date: '2026-03-17', amount: 0.2, source: 'billed', status: 'provisional', billed: 0.2, estimated: 0, why: 'cost-explorer-estimated', unpricedTokens: 0 },
    ]);
  });

  it('keeps every field of the estimate-only days, oldest first as given', () => {
    assert.deepEqual(reconcileDays(undefined, [local('2026-03-02', 0.3, 5), local('2026-03-03', 0, 0)]), [
      { date: '2026-03-02', amount: 0.3, source: 'estimated', status: 'estimate', billed: null, estimated: 0.3, unpricedTokens: 5 },
      { date: '2026-03-03', amount: 0, source: 'estimated', status: 'estimate', billed: null, estimated: 0, unpricedTokens: 0 },
    ]);
  });

  it('orders days by date whichever order the two sources list them in, and keeps one entry per day', () => {
    const days = reconcileDays([billed('2026-03-20', 1, false), billed('2026-03-02', 1, false), billed('2026-03-11', 1, true)], [local('2026-03-25', 1), local('2026-03-01', 1), local('2026-03-11', 2)]);
    assert.deepEqual(days.map((day) => day.date), ['2026-03-01', '2026-03-02', '2026-03-11', '2026-03-20', '2026-03-25']);
  });

  it('states the rule it applies in one sentence (the CLI prints it beside provisional days)', () => {
    assert.equal(RECONCILIATION_RULE, 'A day Cost Explorer calls final shows what it billed; a day it calls estimated, or has no figure for yet, shows the larger of what it billed so far and the local estimate for that day.');
  });
});
