import assert from 'node:assert/strict';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { fetchBilledCost } from '../../../src/core/cost/costExplorer';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';
import { issuedCredentials, setEnv, useEmulator } from '../../emulator/testSupport';
import { recordingLogger } from '../../support/recordingLogger';
import { startCannedEndpoint, type CannedEndpoint } from './support/cannedEndpoint';

const MID_MARCH = Date.parse('2026-03-15T12:00:00Z');

describe('cost: fetchBilledCost, one developer\'s month-to-date from Cost Explorer', function () {
  this.timeout(60_000);
  let clock = MID_MARCH;
  const fixture = useEmulator(undefined, { clock: () => clock });
  const credentials: AwsCredentialIdentityProvider = (identity) => issuedCredentials(fixture.emulator, 'alice')(identity);

  beforeEach(() => {
    clock = MID_MARCH;
    fixture.emulator.clearFaults();
    fixture.emulator.resetRequests();
    fixture.emulator.setCostExplorer(undefined);
  });

  it('asks for DeveloperId\'s unblended cost unless told otherwise, and adds up the month\'s days', async () => {
    const cost = await fetchBilledCost({ credentials, tagValue: 'alice', now: new Date(clock) });
    assert.equal(cost.state, 'ok');
    assert.equal(cost.tagKey, 'DeveloperId');
    assert.equal(cost.currency, 'USD');
    // The default world's alice: 1.25 today, 3.50, 2.75, 4.10 and 6.00 on earlier days of March (9.99 was in February).
    assert.equal(cost.amount.toFixed(2), '17.60');
    assert.equal(cost.through, '2026-03-15');
    assert.equal(cost.requests, 1);
  });

  it('filters on the tag key it is given', async () => {
    const cost = await fetchBilledCost({ credentials, tagKey: 'Team', tagValue: 'data', now: new Date(clock) });
    assert.equal(cost.state, 'ok');
    assert.equal(cost.tagKey, 'Team');
    assert.equal(cost.amount.toFixed(2), '2.40', 'bob\'s 0.80 and 1.60, the data team\'s only cost');
  });

  it('reports the unit Cost Explorer gives for the metric', async () => {
    const cost = await fetchBilledCost({ credentials, tagValue: 'alice', metric: 'UsageQuantity', now: new Date(clock) });
    assert.equal(cost.state, 'ok');
    assert.equal(cost.currency, 'N/A');
  });

  for (const tagValue of ['', '   ']) {
    it(`refuses an unknown tag value (${JSON.stringify(tagValue)}) without a billed request`, async () => {
      await assert.rejects(fetchBilledCost({ credentials, tagKey: 'CostCenter', tagValue, now: new Date(clock) }), (error: unknown) => {
        assert.ok(isUserFacingError(error));
        assert.equal(error.code, 'cost.no-tag-value');
        assert.equal(error.message, 'Your CostCenter tag value is not known yet, so Cost Explorer cannot be asked for your cost: pick your inference profile (or ask your admin for your CostCenter); showing a local estimate.');
        return true;
      });
      assert.equal(fixture.emulator.requestCount('GetCostAndUsage'), 0);
    });
  }

  it('stops after 20 pages from an endpoint that keeps paging (each page is billed)', async () => {
    clock = Date.parse('2026-03-25T12:00:00Z');
    fixture.emulator.setCostExplorer({ pageSize: 1 });
    const cost = await fetchBilledCost({ credentials, tagValue: 'alice', now: new Date(clock) });
    assert.equal(fixture.emulator.requestCount('GetCostAndUsage'), 20);
    assert.equal(cost.state, 'ok');
    assert.equal(cost.requests, 20);
    assert.equal(cost.days.length, 20, 'the 20 days those pages held');
  });

  it('logs the error\'s name and message when Cost Explorer fails', async () => {
    fixture.emulator.injectFault({ operation: 'GetCostAndUsage', kind: 'throttle' });
    const { logger, lines } = recordingLogger();
    await assert.rejects(fetchBilledCost({ credentials, tagValue: 'alice', now: new Date(clock), maxAttempts: 1, logger }), (error: unknown) => isUserFacingError(error) && error.code === 'cost.throttled');
    assert.deepEqual(lines, ['warn: Cost Explorer GetCostAndUsage failed: LimitExceededException: Rate exceeded']);
  });

  describe('answers the emulator never gives', () => {
    /** Days in the order a misbehaving endpoint might send them, one of them twice, with no unit. */
    const results = [
      { TimePeriod: { Start: '2026-03-02', End: '2026-03-03' }, Total: { UnblendedCost: { Amount: '0.5', Unit: '' } }, Estimated: false },
      { TimePeriod: { Start: '2026-03-03', End: '2026-03-04' }, Total: { UnblendedCost: { Amount: '3', Unit: '' } }, Estimated: false },
      { TimePeriod: { Start: '2026-03-01', End: '2026-03-02' }, Total: { UnblendedCost: { Amount: '1', Unit: '' } }, Estimated: false },
      { TimePeriod: { Start: '2026-03-04', End: '2026-03-05' }, Total: { UnblendedCost: { Amount: '0', Unit: '' } }, Estimated: true },
      { TimePeriod: { Start: '2026-03-02', End: '2026-03-03' }, Total: { UnblendedCost: { Amount: '2', Unit: '' } }, Estimated: false },
    ];
    let endpoint: CannedEndpoint;
    let restore: () => void;
    before(async () => {
      endpoint = await startCannedEndpoint({ ResultsByTime: results, DimensionValueAttributes: [] }, 'application/x-amz-json-1.1');
      restore = setEnv({ AWS_ENDPOINT_URL_COST_EXPLORER: endpoint.url });
    });
    after(async () => {
      restore();
      await endpoint.close();
    });
    const fake: AwsCredentialIdentityProvider = () => Promise.resolve({ accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret' });

    it('puts days out of order back in date order (a repeated day as it came), billed through the last day with cost, in dollars when no unit is given', async () => {
      const cost = await fetchBilledCost({ credentials: fake, tagValue: 'alice', now: new Date('2026-03-04T12:00:00Z') });
      assert.equal(cost.state, 'ok');
      assert.deepEqual(cost.days.map((day) => [day.date, day.amount]), [['2026-03-01', 1], ['2026-03-02', 0.5], ['2026-03-02', 2], ['2026-03-03', 3], ['2026-03-04', 0]]);
      assert.equal(cost.through, '2026-03-03');
      assert.equal(cost.currency, 'USD');
      assert.equal(cost.amount, 6.5);
    });

    it('closes its connection once answered, so a CLI run can exit', async () => {
      const earlier = endpoint.connections();
      await fetchBilledCost({ credentials: fake, tagValue: 'alice', now: new Date('2026-03-04T12:00:00Z') });
      assert.ok(endpoint.connections() > earlier, 'the request came over a connection of its own');
      // A connection kept alive would never close and time the test out.
      await endpoint.allClosed();
    });
  });
});
