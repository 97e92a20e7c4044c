import assert from 'node:assert/strict';
import { identifyModel } from '../../../src/core/cost/modelIdentity';

const SONNET = { priceKey: 'claude-sonnet-4-5', geographic: false };
const NOT_PRICED = { priceKey: undefined, geographic: false };

describe('cost: the price key of a recorded model, beyond the usual spellings', () => {
  it('reads ARNs of every AWS partition, and only a whole ARN', () => {
    assert.deepEqual(identifyModel('arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0'), SONNET);
    assert.deepEqual(identifyModel('arn:aws-cn:bedrock:cn-north-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0'), SONNET);
    assert.deepEqual(identifyModel('x-arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0'), NOT_PRICED, 'text before the ARN');
    assert.deepEqual(identifyModel('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0\nnote'), NOT_PRICED, 'a second line after the ARN');
  });

  it('takes a geography only as the prefix of the id', () => {
    assert.deepEqual(identifyModel('custom.us.claude-sonnet-4-5'), NOT_PRICED);
    assert.deepEqual(identifyModel('us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0'), { priceKey: 'claude-sonnet-4-5', geographic: true });
  });

  it('drops a version, date or context marker only at the end, whatever its number of digits', () => {
    assert.deepEqual(identifyModel('anthropic.claude-sonnet-4-5-20250929-v12:0'), SONNET);
    assert.deepEqual(identifyModel('anthropic.claude-sonnet-4-5-20250929-v1:10'), SONNET);
    assert.deepEqual(identifyModel('claude-v2-preview').priceKey, 'claude-v2-preview');
    assert.deepEqual(identifyModel('claude-sonnet-20250929-preview').priceKey, 'claude-sonnet-20250929-preview');
    assert.deepEqual(identifyModel('claude-sonnet-4-5[1m]-20250929').priceKey, 'claude-sonnet-4-5[1m]');
  });

  it('does not follow a profile mapped to an application inference profile, not even to itself', () => {
    const aip = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc';
    const second = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/def';
    assert.deepEqual(identifyModel(aip, new Map([[aip, aip]])), NOT_PRICED);
    assert.deepEqual(identifyModel(aip, new Map([[aip, second], [second, 'anthropic.claude-sonnet-4-5-20250929-v1:0']])), NOT_PRICED);
  });
});
