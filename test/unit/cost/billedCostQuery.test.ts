import assert from 'node:assert/strict';
import type { BilledCostQuery } from '../../../src/core/cost/billedCostQuery';
import { billedCostQueryKey } from '../../../src/core/cost/billedCostQuery';

const who = (query: BilledCostQuery): unknown => (JSON.parse(billedCostQueryKey(query)) as unknown[])[2];
const base: BilledCostQuery = { profile: 'claude-code', tagKey: 'DeveloperId', metric: 'UnblendedCost', region: 'us-east-1' };

describe('cost: the shared cache key of a Cost Explorer query', () => {
  it('names the profile, tag key, who the figures are for and the metric', () => {
    assert.deepEqual(JSON.parse(billedCostQueryKey(base)), ['claude-code', 'DeveloperId', 'identity', 'UnblendedCost']);
    assert.deepEqual(JSON.parse(billedCostQueryKey({ ...base, inferenceProfileArn: 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc' })), [
      'claude-code',
      'DeveloperId',
      'aip=arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc',
      'UnblendedCost',
    ]);
  });

  it('prefers a configured value (trimmed) over the inference profile, and ignores a blank one', () => {
    const aip = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc';
    assert.deepEqual(who({ ...base, configuredTagValue: '  alice ', inferenceProfileArn: aip }), 'value=alice');
    assert.equal(billedCostQueryKey({ ...base, configuredTagValue: 'alice' }), billedCostQueryKey({ ...base, configuredTagValue: ' alice  ' }));
    assert.deepEqual(who({ ...base, configuredTagValue: '   ', inferenceProfileArn: aip }), `aip=${aip}`);
    assert.deepEqual(who({ ...base, configuredTagValue: '' }), 'identity');
    assert.deepEqual(who({ ...base, inferenceProfileArn: '' }), 'identity');
  });

  it('is not shared across profiles, tag keys or metrics; the region does not matter', () => {
    const key = billedCostQueryKey(base);
    assert.notEqual(billedCostQueryKey({ ...base, profile: 'other' }), key);
    assert.notEqual(billedCostQueryKey({ ...base, tagKey: 'Owner' }), key);
    assert.notEqual(billedCostQueryKey({ ...base, metric: 'AmortizedCost' }), key);
    assert.equal(billedCostQueryKey({ ...base, region: 'eu-west-1' }), key);
  });
});
