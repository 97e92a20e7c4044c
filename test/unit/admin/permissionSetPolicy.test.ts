import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatePermissionSetPolicy, POLICY_STATEMENT_IDS, type IamPolicyDocument } from '../../../src/core/admin/permissionSetPolicy';
import { explainPermissionSetPolicy } from '../../../src/core/admin/permissionSetPolicyExplanation';
import { UserFacingError } from '../../../src/core/runtime/userFacingError';
import { bedrockAuthorization as bedrock, evaluate, evaluateAll, type PolicyLike } from './policyEvaluator';

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const alice = { tags: { DeveloperId: 'alice', Team: 'platform' } };
const bob = { tags: { DeveloperId: 'bob', Team: 'data' } };
/** Same developer id as alice, another team: ABAC on both keys must refuse. */
const aliceElsewhere = { tags: { DeveloperId: 'alice', Team: 'data' } };
const untagged = { tags: {} };

const aliceSonnet = { arn: `arn:aws:bedrock:${REGION}:${ACCOUNT}:application-inference-profile/k3v9q2m7x1ab`, tags: { DeveloperId: 'alice', Team: 'platform' } };
const bobSonnet = { arn: `arn:aws:bedrock:${REGION}:${ACCOUNT}:application-inference-profile/b4g6k8m2q9gh`, tags: { DeveloperId: 'bob', Team: 'data' } };
const systemSonnet = `arn:aws:bedrock:${REGION}:${ACCOUNT}:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0`;
const sonnetModels = ['us-east-1', 'us-east-2', 'us-west-2'].map((r) => `arn:aws:bedrock:${r}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`);
const STREAM = 'bedrock:InvokeModelWithResponseStream';

/** The seed's policy (seeds/001), verbatim in substance. */
const SEED_POLICY: PolicyLike = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowFMsAccessViaAIPs', Effect: 'Allow', Action: ['bedrock:InvokeModel', STREAM], Resource: ['arn:aws:bedrock:*:*:inference-profile/*', 'arn:aws:bedrock:*:*:foundation-model/*'] },
    {
      Sid: 'ABAC4AppInferenceProfiles',
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel', STREAM, 'bedrock:ListInferenceProfiles'],
      Resource: ['arn:aws:bedrock:*:*:application-inference-profile/*'],
      Condition: { StringEquals: { 'aws:ResourceTag/Team': '${aws:PrincipalTag/Team}', 'aws:ResourceTag/DeveloperId': '${aws:PrincipalTag/DeveloperId}' } },
    },
  ],
};

async function allowed(policy: PolicyLike, requests: ReturnType<typeof bedrock.list>): Promise<boolean> {
  return (await evaluateAll(policy, requests)).allowed;
}

describe('admin: permission-set policy', () => {
  describe('the evaluator used to check it (iam-simulate)', () => {
    it('lets an explicit Deny win and names the deciding statements', async () => {
      const deny: PolicyLike = { Version: '2012-10-17', Statement: [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'No', Effect: 'Deny', Action: 'bedrock:List*', Resource: '*' }] };
      assert.deepEqual(await evaluate(deny, bedrock.list(alice, REGION)[0]!), { allowed: false, by: ['No'] });
      assert.deepEqual(await evaluate(deny, bedrock.onProfile('bedrock:GetInferenceProfile', alice, REGION, aliceSonnet)[0]!), { allowed: true, by: ['All'] });
    });

    it('shows why the seed policy fails in practice', async () => {
      assert.equal(await allowed(SEED_POLICY, bedrock.list(alice, REGION)), false, 'ListInferenceProfiles is only ever evaluated against "*"');
      assert.equal(await allowed(SEED_POLICY, bedrock.onProfile('bedrock:GetInferenceProfile', alice, REGION, aliceSonnet)), false, 'Claude Code calls GetInferenceProfile');
      assert.equal(await allowed(SEED_POLICY, bedrock.invokeModelDirectly('bedrock:InvokeModel', alice, REGION, sonnetModels[0]!)), true, 'foundation models are open to direct calls');
    });
  });

  describe('the generated policy', () => {
    const policy = generatePermissionSetPolicy({ accountId: ACCOUNT });

    it('is plain JSON with exactly the expected statements', () => {
      const text = JSON.stringify(policy, null, 2);
      assert.deepEqual(JSON.parse(text), policy);
      assert.ok(!/\/\/|\/\*/.test(text.replace(/arn:aws:[^"]*/g, '')), 'no comments');
      assert.deepEqual(
        policy.Statement.map((s) => s.Sid),
        [POLICY_STATEMENT_IDS.list, POLICY_STATEMENT_IDS.ownProfiles, POLICY_STATEMENT_IDS.modelsThroughProfiles, POLICY_STATEMENT_IDS.readSystemProfiles, POLICY_STATEMENT_IDS.marketplace],
      );
      const list = policy.Statement[0]!;
      assert.equal(list.Resource, '*');
      const own = policy.Statement[1]!;
      assert.deepEqual(own.Condition, { StringEquals: { 'aws:ResourceTag/DeveloperId': '${aws:PrincipalTag/DeveloperId}', 'aws:ResourceTag/Team': '${aws:PrincipalTag/Team}' } });
      assert.deepEqual(own.Resource, [`arn:aws:bedrock:*:${ACCOUNT}:application-inference-profile/*`]);
      const through = policy.Statement[2]!;
      assert.deepEqual(through.Condition, { ArnLike: { 'bedrock:InferenceProfileArn': `arn:aws:bedrock:*:${ACCOUNT}:application-inference-profile/*` } });
      const actions = new Set(policy.Statement.flatMap((s) => (typeof s.Action === 'string' ? [s.Action] : s.Action)));
      assert.deepEqual(
        [...actions].sort(),
        ['aws-marketplace:Subscribe', 'aws-marketplace:ViewSubscriptions', 'bedrock:GetInferenceProfile', 'bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream', 'bedrock:ListInferenceProfiles', 'bedrock:ListTagsForResource'],
        'nothing else',
      );
    });

    const cases: [string, ReturnType<typeof bedrock.list>, boolean][] = [
      ['alice lists profiles', bedrock.list(alice, REGION), true],
      ['alice reads her profile', bedrock.onProfile('bedrock:GetInferenceProfile', alice, REGION, aliceSonnet), true],
      ["alice reads her profile's tags", bedrock.onProfile('bedrock:ListTagsForResource', alice, REGION, aliceSonnet), true],
      ["alice reads bob's profile", bedrock.onProfile('bedrock:GetInferenceProfile', alice, REGION, bobSonnet), false],
      ["alice reads bob's tags", bedrock.onProfile('bedrock:ListTagsForResource', alice, REGION, bobSonnet), false],
      ['alice streams through her profile (Claude Code)', bedrock.invokeThroughApplicationProfile(STREAM, alice, REGION, aliceSonnet, systemSonnet, sonnetModels), true],
      ['alice probes through her profile (Converse)', bedrock.invokeThroughApplicationProfile('bedrock:InvokeModel', alice, REGION, aliceSonnet, systemSonnet, sonnetModels), true],
      ["alice invokes through bob's profile", bedrock.invokeThroughApplicationProfile(STREAM, alice, REGION, bobSonnet, systemSonnet, sonnetModels), false],
      ['alice calls a foundation model directly', bedrock.invokeModelDirectly('bedrock:InvokeModel', alice, REGION, sonnetModels[0]!), false],
      ['alice calls a system profile directly (Claude Code probe)', bedrock.invokeSystemProfile('bedrock:InvokeModel', alice, REGION, systemSonnet, sonnetModels), false],
      ['alice reads a system profile (Claude Code start-up)', bedrock.onProfile('bedrock:GetInferenceProfile', alice, REGION, { arn: systemSonnet, tags: {} }), true],
      ['a same-id developer of another team reads it', bedrock.onProfile('bedrock:GetInferenceProfile', aliceElsewhere, REGION, aliceSonnet), false],
      ['an untagged principal reads it', bedrock.onProfile('bedrock:GetInferenceProfile', untagged, REGION, aliceSonnet), false],
      ['an untagged principal reads an untagged profile', bedrock.onProfile('bedrock:GetInferenceProfile', untagged, REGION, { arn: aliceSonnet.arn, tags: {} }), false],
      ['bob streams through his profile', bedrock.invokeThroughApplicationProfile(STREAM, bob, REGION, bobSonnet, systemSonnet, sonnetModels), true],
      ['alice creates a profile', bedrock.other('bedrock:CreateInferenceProfile', `arn:aws:bedrock:${REGION}:${ACCOUNT}:application-inference-profile/*`, alice, REGION), false],
      ['alice reads cost and usage', bedrock.other('ce:GetCostAndUsage', '*', alice, 'us-east-1'), false],
    ];
    for (const [name, requests, expected] of cases) {
      it(`${expected ? 'allows' : 'denies'}: ${name}`, async () => {
        const result = await evaluateAll(policy, requests);
        assert.equal(result.allowed, expected, `denied: ${JSON.stringify(result.denied.map((r) => `${r.action} ${r.resource}`))}`);
      });
    }

    it('keeps another account out when an account is given', async () => {
      const foreign = { arn: 'arn:aws:bedrock:us-east-1:999988887777:application-inference-profile/zzzzzzzzzzzz', tags: aliceSonnet.tags };
      assert.equal(await allowed(policy, bedrock.onProfile('bedrock:GetInferenceProfile', alice, REGION, foreign)), false);
    });
  });

  describe('options', () => {
    it('limits listing and own profiles to --regions, but lets cross-region routing reach every region', async () => {
      const policy = generatePermissionSetPolicy({ regions: ['us-east-1', 'us-west-2'] });
      assert.equal(await allowed(policy, bedrock.list(alice, 'eu-west-1')), false);
      assert.equal(await allowed(policy, bedrock.list(alice, 'us-west-2')), true);
      const euProfile = { arn: aliceSonnet.arn.replace('us-east-1', 'eu-west-1'), tags: aliceSonnet.tags };
      assert.equal(await allowed(policy, bedrock.onProfile('bedrock:GetInferenceProfile', alice, 'eu-west-1', euProfile)), false);
      // us-east-2 is not listed, yet the us. profile routes there.
      assert.equal(await allowed(policy, bedrock.invokeThroughApplicationProfile(STREAM, alice, REGION, aliceSonnet, systemSonnet, sonnetModels)), true);
    });

    it('uses the given tag keys only', async () => {
      const policy = generatePermissionSetPolicy({ tagKeys: ['CostCenter'] });
      const own = { arn: aliceSonnet.arn, tags: { CostCenter: '4711' } };
      assert.equal(await allowed(policy, bedrock.onProfile('bedrock:GetInferenceProfile', { tags: { CostCenter: '4711' } }, REGION, own)), true);
      assert.equal(await allowed(policy, bedrock.onProfile('bedrock:GetInferenceProfile', { tags: { CostCenter: '4712' } }, REGION, own)), false);
    });

    it('adds Cost Explorer, direct invocation and drops Marketplace only when asked', async () => {
      const policy = generatePermissionSetPolicy({ allowCostExplorer: true, allowDirectSystemProfileInvoke: true, allowMarketplaceSubscription: false });
      assert.equal(await allowed(policy, bedrock.other('ce:GetCostAndUsage', '*', alice, 'us-east-1')), true);
      assert.equal(await allowed(policy, bedrock.invokeSystemProfile('bedrock:InvokeModel', alice, REGION, systemSonnet, sonnetModels)), true);
      // Direct calls to a bare foundation model stay closed: they carry no profile at all.
      assert.equal(await allowed(policy, bedrock.invokeModelDirectly('bedrock:InvokeModel', alice, REGION, sonnetModels[0]!)), false);
      assert.ok(!policy.Statement.some((s) => s.Sid === POLICY_STATEMENT_IDS.marketplace));
      assert.equal(await allowed(policy, bedrock.onProfile('bedrock:GetInferenceProfile', alice, REGION, bobSonnet)), false, 'ABAC still holds');
    });

    it('refuses options that would make a broken or open policy, naming them', () => {
      const attempt = (options: Parameters<typeof generatePermissionSetPolicy>[0]): UserFacingError => {
        try {
          generatePermissionSetPolicy(options);
        } catch (error) {
          assert.ok(error instanceof UserFacingError);
          return error;
        }
        assert.fail('expected a refusal');
      };
      assert.match(attempt({ tagKeys: [] }).message, /at least one tag key/);
      assert.match(attempt({ tagKeys: ['Dev${x}'] }).message, /"Dev\$\{x\}" is not a valid AWS tag key/);
      assert.match(attempt({ regions: ['useast1'] }).message, /"useast1" is not an AWS region/);
      assert.match(attempt({ accountId: '1234' }).message, /"1234" is not a 12-digit/);
    });
  });

  describe('explanation', () => {
    it('explains every statement it generated, and the probe trade-off', () => {
      const options = { allowCostExplorer: true, allowDirectSystemProfileInvoke: true };
      const policy: IamPolicyDocument = generatePermissionSetPolicy(options);
      const markdown = explainPermissionSetPolicy(policy, options);
      for (const statement of policy.Statement) assert.match(markdown, new RegExp(`## ${statement.Sid}\\n\\n(?!No explanation)`));
      assert.match(markdown, /cannot restrict `ce:GetCostAndUsage` to one tag value/);
      const defaults = explainPermissionSetPolicy(generatePermissionSetPolicy());
      assert.match(defaults, /start-up probes of system-defined profiles are denied/);
    });

    it('is what docs/ADMIN.md shows as the default policy', () => {
      const doc = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'ADMIN.md'), 'utf8');
      const block = /<!-- default-policy -->\n```json\n([\s\S]*?)```/.exec(doc)?.[1];
      assert.ok(block, 'docs/ADMIN.md has the default policy block');
      assert.deepEqual(JSON.parse(block), generatePermissionSetPolicy());
    });
  });
});
