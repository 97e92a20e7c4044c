import assert from 'node:assert/strict';
import { parseIamDenial } from '../../../src/core/awsErrors/iamDenial';

const WHO = 'User: arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Dev_0123456789abcdef/alice';
const ARN = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/k3v9q2m7x1ab';

describe('parseIamDenial: the action, resource and cause IAM names', () => {
  it('implicit, identity-based', () => {
    assert.deepEqual(parseIamDenial(`${WHO} is not authorized to perform: bedrock:TagResource on resource: ${ARN} because no identity-based policy allows the bedrock:TagResource action`), {
      action: 'bedrock:TagResource',
      resource: ARN,
      kind: 'implicit',
      policyType: 'identity-based',
    });
  });
  it('explicit, in an SCP and in a permissions boundary', () => {
    assert.deepEqual(parseIamDenial(`${WHO} is not authorized to perform: bedrock:GetInferenceProfile on resource: ${ARN} with an explicit deny in a service control policy`), {
      action: 'bedrock:GetInferenceProfile',
      resource: ARN,
      kind: 'explicit',
      policyType: 'service control',
    });
    assert.equal(parseIamDenial(`${WHO} is not authorized to perform: bedrock:GetInferenceProfile on resource: ${ARN} with an explicit deny in a permissions boundary`)?.policyType, 'permissions boundary');
  });
  it('without a resource (actions with no resource type), and with a trailing full stop', () => {
    assert.deepEqual(parseIamDenial(`${WHO} is not authorized to perform: ce:GetCostAndUsage because no identity-based policy allows the ce:GetCostAndUsage action.`), {
      action: 'ce:GetCostAndUsage',
      resource: undefined,
      kind: 'implicit',
      policyType: 'identity-based',
    });
  });
  it('nothing for other messages', () => {
    assert.equal(parseIamDenial('User not enabled for cost explorer access'), undefined);
    assert.equal(parseIamDenial('AccessDeniedException'), undefined);
  });
});
