import assert from 'node:assert/strict';
import { BedrockClient, GetInferenceProfileCommand, ListInferenceProfilesCommand, ListTagsForResourceCommand } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { generatePermissionSetPolicy, type PermissionSetPolicyOptions } from '../../../src/core/admin/permissionSetPolicy';
import { credentialsFor, rejectionOf, REGION, SANDBOX_ACCOUNT, useEmulator, type Credentials } from '../../emulator/testSupport';
import type { AbacSwitch, PolicySwitches, Switch } from '../../emulator/world';
import { bedrockAuthorization as bedrock, evaluateAll, type PolicyLike, type Principal, type ProfileResource } from './policyEvaluator';

// The emulator models a permission set as switches (allow / abac / deny per action). This
// reads the switches off the generated policy with the IAM evaluator — for a developer on
// their own profile and on someone else's — so the emulator then enforces exactly what
// the policy grants, and the real SDK calls discovery and Claude Code make are run
// against it as that developer.

const alice: Principal = { tags: { DeveloperId: 'alice', Team: 'platform' } };
const profileArn = (id: string): string => `arn:aws:bedrock:${REGION}:${SANDBOX_ACCOUNT}:application-inference-profile/${id}`;
const aliceSonnet: ProfileResource = { arn: profileArn('k3v9q2m7x1ab'), tags: alice.tags };
const bobSonnet: ProfileResource = { arn: profileArn('b4g6k8m2q9gh'), tags: { DeveloperId: 'bob', Team: 'data' } };
const systemSonnet = `arn:aws:bedrock:${REGION}:${SANDBOX_ACCOUNT}:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0`;
const sonnetModels = ['us-east-1', 'us-east-2', 'us-west-2'].map((r) => `arn:aws:bedrock:${r}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`);

async function plain(policy: PolicyLike, requests: ReturnType<typeof bedrock.list>): Promise<Switch> {
  return (await evaluateAll(policy, requests)).allowed ? 'allow' : 'deny';
}

async function onProfiles(policy: PolicyLike, requestsFor: (profile: ProfileResource) => ReturnType<typeof bedrock.list>): Promise<AbacSwitch> {
  const own = (await evaluateAll(policy, requestsFor(aliceSonnet))).allowed;
  const other = (await evaluateAll(policy, requestsFor(bobSonnet))).allowed;
  if (own && other) return 'allow';
  if (own) return 'abac';
  assert.equal(other, false, 'the policy grants someone else’s profile but not the developer’s own');
  return 'deny';
}

async function switchesFromPolicy(policy: PolicyLike): Promise<PolicySwitches> {
  return {
    listInferenceProfiles: await plain(policy, bedrock.list(alice, REGION)),
    getInferenceProfile: await onProfiles(policy, (p) => bedrock.onProfile('bedrock:GetInferenceProfile', alice, REGION, p)),
    listTagsForResource: await onProfiles(policy, (p) => bedrock.onProfile('bedrock:ListTagsForResource', alice, REGION, p)),
    invoke: await onProfiles(policy, (p) => bedrock.invokeThroughApplicationProfile('bedrock:InvokeModel', alice, REGION, p, systemSonnet, sonnetModels)),
    invokeSystemProfiles: await plain(policy, bedrock.invokeSystemProfile('bedrock:InvokeModel', alice, REGION, systemSonnet, sonnetModels)),
    createInferenceProfile: await plain(policy, bedrock.other('bedrock:CreateInferenceProfile', '*', alice, REGION)),
    deleteInferenceProfile: await plain(policy, bedrock.other('bedrock:DeleteInferenceProfile', aliceSonnet.arn, alice, REGION)),
    costExplorer: await plain(policy, bedrock.other('ce:GetCostAndUsage', '*', alice, REGION)),
  };
}

/**
 * The emulator's control plane evaluates the generated document itself (policyDocument); the
 * runtime and Cost Explorer still read switches, derived from the same document by iam-simulate.
 */
function withPolicy(options: PermissionSetPolicyOptions) {
  const policy = generatePermissionSetPolicy(options);
  let switches: PolicySwitches = {};
  // Registered before useEmulator's own hook, so it runs first.
  before(async () => {
    switches = await switchesFromPolicy(policy);
  });
  return useEmulator((world) => {
    const role = world.roles.find((r) => r.name === 'BedrockDeveloper');
    assert.ok(role);
    role.policy = switches;
    role.policyDocument = policy;
    world.abacTagKeys = ['DeveloperId', 'Team'];
  });
}

const converse = (runtime: BedrockRuntimeClient, modelId: string) =>
  runtime.send(new ConverseCommand({ modelId, messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { maxTokens: 1 } }));

describe('admin: the generated policy, enforced by the emulator', () => {
  describe('default options', () => {
    const fixture = withPolicy({});
    let credentials: Credentials;
    let control: BedrockClient;
    let runtime: BedrockRuntimeClient;
    before(async () => {
      credentials = await credentialsFor(fixture.emulator, 'alice');
      control = new BedrockClient({ region: REGION, credentials, maxAttempts: 1 });
      runtime = new BedrockRuntimeClient({ region: REGION, credentials, maxAttempts: 1 });
    });

    it('reads as the ABAC switches the issue asks for', async () => {
      assert.deepEqual(await switchesFromPolicy(generatePermissionSetPolicy()), {
        listInferenceProfiles: 'allow',
        getInferenceProfile: 'abac',
        listTagsForResource: 'abac',
        invoke: 'abac',
        invokeSystemProfiles: 'deny',
        createInferenceProfile: 'deny',
        deleteInferenceProfile: 'deny',
        costExplorer: 'deny',
      });
    });

    it('lets alice’s discovery list, read and tag-check her own profile', async () => {
      const listed = await control.send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));
      assert.ok((listed.inferenceProfileSummaries ?? []).some((p) => p.inferenceProfileArn === aliceSonnet.arn));
      const own = await control.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: aliceSonnet.arn }));
      assert.equal(own.inferenceProfileArn, aliceSonnet.arn);
      const tags = await control.send(new ListTagsForResourceCommand({ resourceARN: aliceSonnet.arn }));
      assert.deepEqual(Object.fromEntries((tags.tags ?? []).map((t) => [t.key, t.value])), alice.tags);
    });

    it('lets Claude Code call Claude through her profile', async () => {
      const answer = await converse(runtime, aliceSonnet.arn);
      assert.ok(answer.output?.message);
    });

    it('denies bob’s profile to alice, for reading, tags and invoking', async () => {
      for (const attempt of [
        () => control.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: bobSonnet.arn })),
        () => control.send(new ListTagsForResourceCommand({ resourceARN: bobSonnet.arn })),
        () => converse(runtime, bobSonnet.arn),
      ]) {
        const error = await rejectionOf(attempt());
        assert.equal(error.name, 'AccessDeniedException');
      }
    });

    it('denies calling a system profile directly, and Cost Explorer', async () => {
      assert.equal((await rejectionOf(converse(runtime, 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'))).name, 'AccessDeniedException');
      const ce = new CostExplorerClient({ region: REGION, credentials, maxAttempts: 1 });
      const error = await rejectionOf(ce.send(new GetCostAndUsageCommand({ TimePeriod: { Start: '2026-11-01', End: '2026-11-02' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] })));
      assert.equal(error.name, 'AccessDeniedException');
    });
  });

  describe('with Cost Explorer opted in', () => {
    const fixture = withPolicy({ allowCostExplorer: true });
    it('lets alice read month-to-date cost, still not bob’s profile', async () => {
      const credentials = await credentialsFor(fixture.emulator, 'alice');
      const ce = new CostExplorerClient({ region: REGION, credentials, maxAttempts: 1 });
      const cost = await ce.send(new GetCostAndUsageCommand({ TimePeriod: { Start: '2026-11-01', End: '2026-11-02' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] }));
      assert.ok(cost.ResultsByTime);
      const control = new BedrockClient({ region: REGION, credentials, maxAttempts: 1 });
      assert.equal((await rejectionOf(control.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: bobSonnet.arn })))).name, 'AccessDeniedException');
    });
  });
});
