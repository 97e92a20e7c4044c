import assert from 'node:assert/strict';
import { validateDeveloperId, validateTeam } from '../../../src/core/admin/developerFields';
import { generatePermissionSetPolicy } from '../../../src/core/admin/permissionSetPolicy';
import { policyOptionsFromSettings } from '../../../src/core/admin/policyOptionsFromSettings';
import { BUILT_IN_SETTINGS } from '../../../src/core/orgDefaults/builtInSettings';
import { resolveEffectiveSettings } from '../../../src/core/orgDefaults/effectiveSettings';
import type { OrgDefaults } from '../../../src/core/orgDefaults/orgDefaults';
import { isInvalid } from '../../../src/core/validation/invalidValue';

const settings = (org: OrgDefaults) => resolveEffectiveSettings({ builtIn: BUILT_IN_SETTINGS, org, user: {} });

describe('admin: the policy for the organisation’s settings (VS Code command)', () => {
  it('uses the built-in tag keys and no region or account limits by default', () => {
    assert.deepEqual(policyOptionsFromSettings(settings({})), { tagKeys: ['DeveloperId', 'Team'], allowCostExplorer: false });
  });

  it('takes the organisation’s tag keys, regions and account, and Cost Explorer only when it is the cost source', () => {
    const options = policyOptionsFromSettings(settings({ developerTagKey: 'Engineer', teamTagKey: 'Squad', allowedRegions: ['eu-west-1'], defaultRegion: 'eu-west-1', accountId: '444455556666', costSource: 'costExplorer' }));
    assert.deepEqual(options, { tagKeys: ['Engineer', 'Squad'], regions: ['eu-west-1'], accountId: '444455556666', allowCostExplorer: true });
    const policy = JSON.stringify(generatePermissionSetPolicy(options));
    assert.match(policy, /aws:ResourceTag\/Engineer/);
    assert.match(policy, /arn:aws:bedrock:eu-west-1:444455556666:application-inference-profile\/\*/);
    assert.match(policy, /ce:GetCostAndUsage/);
    assert.equal(policyOptionsFromSettings(settings({ costSource: 'auto' })).allowCostExplorer, false);
  });

  it('compares one tag when the developer and team keys are the same', () => {
    assert.deepEqual(policyOptionsFromSettings(settings({ developerTagKey: 'Owner', teamTagKey: 'Owner' })).tagKeys, ['Owner']);
  });
});

describe('admin: developer id and team typed in VS Code', () => {
  it('accepts tag values, trimmed', () => {
    assert.equal(validateDeveloperId('  jane.doe@example.com '), 'jane.doe@example.com');
    assert.equal(validateTeam('platform'), 'platform');
  });

  it('refuses what cannot be a tag value, naming the field', () => {
    for (const [validate, field] of [
      [validateDeveloperId, 'developer ID'],
      [validateTeam, 'team'],
    ] as const) {
      const bad = validate('jane,doe');
      assert.ok(isInvalid(bad));
      assert.match(bad.message, new RegExp(`^The ${field} "jane,doe" is not valid\\.`));
      assert.ok(isInvalid(validate('')));
      assert.ok(isInvalid(validate('x'.repeat(257))));
    }
  });
});
