import assert from 'node:assert/strict';
import type { BilledCost, BilledDay } from '../../../src/core/cost/billedCost';
import type { EstimatedDay, LocalEstimate } from '../../../src/core/cost/localEstimate';
import type { CombineOptions } from '../../../src/core/cost/monthToDate';
import { combineMonthToDate } from '../../../src/core/cost/monthToDate';
import { zeroTokens } from '../../../src/core/cost/tokenCounts';

const NOW = new Date('2026-03-15T12:00:00Z');
const day = (date: string, amount: number, unpricedTokens = 0): EstimatedDay => ({ date, amount, tokens: zeroTokens(), unpricedTokens });
const bill = (date: string, amount: number, estimated: boolean): BilledDay => ({ date, amount, estimated });

function estimate(days: EstimatedDay[], extra: Partial<LocalEstimate> = {}): LocalEstimate {
  return {
    month: '2026-03',
    currency: 'USD',
    amount: days.reduce((sum, entry) => sum + entry.amount, 0),
    days,
    tokens: zeroTokens(),
    requests: days.length,
    unpriced: { tokens: 0, requests: 0, models: ['mystery-model'] },
    malformedLines: 0,
    files: 1,
    ...extra,
  };
}

function ok(days: BilledDay[], extra: Partial<Extract<BilledCost, { state: 'ok' }>> = {}): BilledCost {
  return { state: 'ok', month: '2026-03', currency: 'USD', amount: days.reduce((sum, entry) => sum + entry.amount, 0), days, through: '2026-03-14', fetchedAt: '2026-03-15T11:00:00.000Z', requests: 1, tagKey: 'DeveloperId', tagValue: 'alice', ...extra };
}

function noData(days: BilledDay[] | undefined, extra: Partial<Extract<BilledCost, { state: 'no-data' }>> = {}): BilledCost {
  return { state: 'no-data', month: '2026-03', reason: 'Cost Explorer has no cost tagged DeveloperId=alice this month yet.', reasonCode: 'cost.no-billed-data', fetchedAt: '2026-03-15T11:00:00.000Z', requests: 1, tagKey: 'DeveloperId', tagValue: 'alice', ...(days ? { days } : {}), ...extra };
}

const combine = (options: Partial<CombineOptions> & { estimate: LocalEstimate }) => combineMonthToDate({ source: 'auto', billed: undefined, now: NOW, ...options });

describe('cost: the month-to-date figure from Cost Explorer and the local estimate', () => {
  it('splits a mixed month into billed, final, provisional and estimated parts', () => {
    const cost = combine({
      billed: ok([bill('2026-03-10', 2, false), bill('2026-03-11', 0, false), bill('2026-03-12', 1, true), bill('2026-03-13', 0.5, true)]),
      estimate: estimate([day('2026-03-10', 9, 4), day('2026-03-12', 0.2, 5), day('2026-03-13', 0.75, 6), day('2026-03-15', 0.25, 7)]),
      budget: 10,
    });
    assert.equal(cost.month, '2026-03');
    assert.deepEqual(cost.monthToDate, { amount: 2 + 1 + 0.75 + 0.25, currency: 'USD' });
    assert.deepEqual(cost.billed, { amount: 3, through: '2026-03-12' });
    assert.deepEqual(cost.final, { amount: 2, through: '2026-03-11' });
    assert.deepEqual(cost.estimated, { amount: 1, since: '2026-03-13', unpricedTokens: 5 + 6 + 7, unpricedModels: ['mystery-model'] });
    assert.deepEqual(cost.provisional, { amount: 1 + 0.75 + 0.25, days: ['2026-03-12', '2026-03-13', '2026-03-15'] });
    assert.equal(cost.source, 'mixed');
    assert.deepEqual(cost.tag, { key: 'DeveloperId', value: 'alice' });
    assert.equal(cost.fetchedAt, '2026-03-15T11:00:00.000Z');
    assert.equal(cost.computedAt, NOW.toISOString());
    assert.deepEqual(cost.budget, { amount: 10, used: 0.4 });
    assert.equal(cost.state, 'ok');
    assert.equal(cost.reason, undefined);
    assert.equal(cost.daily.length, 5);
  });

  it('is Cost Explorer\'s alone when every day is billed and nothing is estimated', () => {
    const cost = combine({ billed: ok([bill('2026-03-10', 2, false), bill('2026-03-11', 3, true)]), estimate: estimate([day('2026-03-10', 1)]) });
    assert.equal(cost.source, 'cost-explorer');
    assert.deepEqual(cost.monthToDate, { amount: 5, currency: 'USD' });
    assert.deepEqual(cost.estimated, { amount: 0, since: null, unpricedTokens: 0, unpricedModels: [] });
    assert.deepEqual(cost.final, { amount: 2, through: '2026-03-10' });
    assert.deepEqual(cost.provisional, { amount: 3, days: ['2026-03-11'] });
    assert.equal(cost.budget, undefined);
    assert.ok(!('budget' in cost));
    assert.ok(!('reason' in cost));
  });

  it('says the bill runs through its last day with a cost, not through trailing days billed at zero', () => {
    const cost = combine({ billed: ok([bill('2026-03-10', 2, false), bill('2026-03-11', 0, false), bill('2026-03-12', 0, true)]), estimate: estimate([day('2026-03-10', 1)]) });
    assert.deepEqual(cost.billed, { amount: 2, through: '2026-03-10' });
    assert.deepEqual(cost.final, { amount: 2, through: '2026-03-11' });
  });

  it('ignores a zero or negative budget', () => {
    assert.ok(!('budget' in combine({ estimate: estimate([day('2026-03-10', 1)]), budget: 0 })));
    assert.ok(!('budget' in combine({ estimate: estimate([day('2026-03-10', 1)]), budget: -5 })));
  });

  it('is the local estimate from the first of the month when Cost Explorer has not been asked', () => {
    const cost = combine({ estimate: estimate([day('2026-03-10', 1.5, 3)]) });
    assert.equal(cost.source, 'local');
    assert.deepEqual(cost.estimated, { amount: 1.5, since: '2026-03-01', unpricedTokens: 3, unpricedModels: ['mystery-model'] });
    assert.deepEqual(cost.billed, { amount: 0, through: null });
    assert.deepEqual(cost.final, { amount: 0, through: null });
    assert.deepEqual(cost.provisional, { amount: 0, days: [] });
    assert.deepEqual(cost.daily.map((entry) => entry.status), ['estimate']);
    assert.equal(cost.tag, null);
    assert.equal(cost.fetchedAt, null);
    assert.deepEqual(cost.reason, { code: 'cost.not-fetched', message: 'Billed cost has not been fetched yet: this is an estimate from Claude Code’s local transcripts.' });
    assert.equal(cost.state, 'ok');
  });

  it('says so when there is neither a bill nor local usage, instead of presenting $0 as fact', () => {
    const cost = combine({ source: 'local', estimate: estimate([], { requests: 0 }) });
    assert.equal(cost.state, 'no-data');
    assert.equal(cost.reason?.code, 'cost.local-only', 'the setting is the reason given first');
    const off = combine({ source: 'off', estimate: estimate([], { requests: 0 }) });
    assert.equal(off.reason?.code, 'cost.local-only');
    const nothing = combine({ billed: noData(undefined, { month: '2026-02' }), estimate: estimate([], { requests: 0 }) });
    assert.equal(nothing.state, 'no-data');
    assert.equal(nothing.reason?.code, 'cost.not-fetched');
  });

  it('does not ask about a bill the setting turned off: local only, even with a bill at hand', () => {
    for (const source of ['local', 'off'] as const) {
      const cost = combine({ source, billed: ok([bill('2026-03-10', 2, false)]), billedError: { code: 'cost.throttled', message: 'x' }, estimate: estimate([day('2026-03-10', 1)]) });
      assert.equal(cost.source, 'local');
      assert.deepEqual(cost.monthToDate, { amount: 1, currency: 'USD' });
      assert.equal(cost.tag, null);
      assert.deepEqual(cost.reason, { code: 'cost.local-only', message: 'Cost Explorer is not used (setting): this is an estimate from Claude Code’s local transcripts.' });
    }
    const explorer = combine({ source: 'cost-explorer', billed: ok([bill('2026-03-10', 2, false)]), estimate: estimate([day('2026-03-10', 1)]) });
    assert.equal(explorer.source, 'cost-explorer');
  });

  it('reports the last Cost Explorer failure while still showing the last good bill', () => {
    const failure = { code: 'cost.throttled', message: 'Cost Explorer is throttling requests.' };
    const cost = combine({ billed: ok([bill('2026-03-10', 2, false)]), billedError: failure, estimate: estimate([day('2026-03-10', 1)]) });
    assert.equal(cost.source, 'cost-explorer');
    assert.deepEqual(cost.reason, failure);
  });

  it('uses no bill of another month or another currency, and says why', () => {
    const lastMonth = combine({ billed: ok([bill('2026-02-10', 2, false)], { month: '2026-02' }), estimate: estimate([day('2026-03-10', 1)]) });
    assert.equal(lastMonth.source, 'local');
    assert.equal(lastMonth.tag, null, 'last month\'s tag is not this month\'s');
    assert.equal(lastMonth.reason?.code, 'cost.not-fetched');
    const euros = combine({ billed: ok([bill('2026-03-10', 2, false)], { currency: 'EUR' }), estimate: estimate([day('2026-03-10', 1)]) });
    assert.equal(euros.source, 'local');
    assert.deepEqual(euros.monthToDate, { amount: 1, currency: 'USD' });
    assert.deepEqual(euros.tag, { key: 'DeveloperId', value: 'alice' });
    assert.deepEqual(euros.reason, { code: 'cost.currency-mismatch', message: 'Cost Explorer reports in EUR, the estimate is in USD: showing the estimate only.' });
  });

  it('tells an inactive tag (zeros on final days with local use) from a bill not processed yet', () => {
    const inactive = combine({ billed: noData([bill('2026-03-09', 0, false), bill('2026-03-10', 0, false), bill('2026-03-14', 0, true)]), estimate: estimate([day('2026-03-08', 1), day('2026-03-10', 0, 500), day('2026-03-14', 1)]) });
    assert.equal(inactive.reason?.code, 'cost.tag-not-active');
    assert.match(inactive.reason.message, /^Cost Explorer shows no cost tagged DeveloperId=alice on days it has finished, although Claude Code was used on them \(from 2026-03-10\): the DeveloperId tag is probably not activated as a cost allocation tag\. Ask your AWS billing administrator to activate DeveloperId in the Billing and Cost Management console \(Cost allocation tags\); tagged cost appears from then on, about a day later\. Showing a local estimate meanwhile\.$/);
    assert.deepEqual(inactive.tag, { key: 'DeveloperId', value: 'alice' });

    const unnamed = combine({ billed: noData([bill('2026-03-10', 0, false)], { tagKey: undefined, tagValue: undefined }), estimate: estimate([day('2026-03-10', 2)]) });
    assert.match(unnamed.reason?.message ?? '', /no cost tagged DeveloperId on days/);
    assert.equal(unnamed.tag, null);

    const lagging = combine({ billed: noData([bill('2026-03-09', 0, false), bill('2026-03-14', 0, true)]), estimate: estimate([day('2026-03-09', 0), day('2026-03-14', 1)]) });
    assert.deepEqual(lagging.reason, { code: 'cost.no-billed-data', message: 'Cost Explorer has no cost tagged DeveloperId=alice this month yet.' });
    const noDays = combine({ billed: noData(undefined), estimate: estimate([day('2026-03-14', 1)]) });
    assert.equal(noDays.reason?.code, 'cost.no-billed-data');
  });
});
