// Each way IAM refuses, evaluated by iam-simulate over real policy documents in the emulator
// (the permission set `admin policy` emits, an SCP, missing principal tags, a create that
// also needs TagResource), read back through the real SDK: the sentence names the action
// IAM refused, the resource, and the cause.
import assert from 'node:assert/strict';
import { BedrockClient, GetInferenceProfileCommand } from '@aws-sdk/client-bedrock';
import { createDeveloperProfiles } from '../../../src/core/admin/createDeveloperProfiles';
import { generatePermissionSetPolicy } from '../../../src/core/admin/permissionSetPolicy';
import { discoverInferenceProfiles, type DiscoveryOptions } from '../../../src/core/discovery/discoverInferenceProfiles';
import { profileCredentials } from '../../../src/core/identity/profileCredentials';
import { silentLogger } from '../../../src/core/runtime/logger';
import { isUserFacingError, type UserFacingError } from '../../../src/core/runtime/userFacingError';
import { organisationDeveloper, organisationWorld } from '../../emulator/organisationWorld';
import type { World } from '../../emulator/world';
import { developers, startAdminEmulator, type AdminEmulator } from '../admin/adminEmulator';
import { signedInHome, type SignedInHome } from './signedInHome';
import { aipArn, threeDevelopersWorld } from './worldBuilders';

const ACCOUNT = '111122223333';

function options(home: SignedInHome, overrides: Partial<DiscoveryOptions> = {}): DiscoveryOptions {
  return { credentials: profileCredentials(home.profile), profileName: home.profile, regions: ['us-east-1'], logger: silentLogger, ...overrides };
}

/** The default world with BedrockDeveloper governed by the permission-set policy `admin policy` emits. */
function permissionSetWorld(extraStatements: object[] = []): World {
  const world = threeDevelopersWorld();
  const policy = generatePermissionSetPolicy({ accountId: ACCOUNT });
  const role = world.roles.find((r) => r.name === 'BedrockDeveloper');
  if (role) role.policyDocument = { ...policy, Statement: [...policy.Statement, ...extraStatements] };
  return world;
}

function arnOf(world: World, name: string): string {
  const spec = (world.applicationProfiles ?? []).find((p) => p.name === name);
  assert.ok(spec, name);
  return aipArn(spec);
}

async function refusal(promise: Promise<unknown>): Promise<UserFacingError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isUserFacingError(error), String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

/** What Bedrock itself answered (the product's sentence is built from this text). */
async function awsMessage(home: SignedInHome, arn: string): Promise<string> {
  const client = new BedrockClient({ region: 'us-east-1', credentials: profileCredentials(home.profile), maxAttempts: 1 });
  try {
    await client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: arn }));
    return 'allowed';
  } catch (error) {
    assert.equal((error as Error).name, 'AccessDeniedException');
    return (error as Error).message;
  } finally {
    client.destroy();
  }
}

describe('IAM denials, evaluated from real policy documents, named in the sentence', function () {
  this.timeout(30_000);
  let home: SignedInHome | undefined;
  let admin: AdminEmulator | undefined;
  afterEach(async () => {
    await home?.close();
    await admin?.close();
    home = undefined;
    admin = undefined;
  });

  it('the permission set allows alice her own profile and discovery selects it', async () => {
    home = await signedInHome(permissionSetWorld(), { userName: 'alice' });
    const result = await discoverInferenceProfiles(options(home));
    assert.equal(result.selection.kind, 'selected');
    assert.ok(result.candidates.some((c) => c.ownership === 'denied'), 'the others were refused by the policy');
  });

  it('identity policy: someone else\'s profile is refused because no identity-based policy allows it', async () => {
    const world = permissionSetWorld();
    home = await signedInHome(world, { userName: 'alice' });
    const bob = arnOf(world, 'claude-sonnet-bob');
    const error = await refusal(discoverInferenceProfiles(options(home, { explicitArns: [bob] })));
    assert.match(await awsMessage(home, bob), new RegExp(`is not authorized to perform: bedrock:GetInferenceProfile on resource: ${bob} because no identity-based policy allows the bedrock:GetInferenceProfile action`));
    assert.match(error.message, /your role lacks bedrock:GetInferenceProfile/);
    assert.ok(error.message.includes(bob));
  });

  it('explicit deny in the permission set: named as such, not as a missing grant', async () => {
    const world = permissionSetWorld([{ Sid: 'NoReading', Effect: 'Deny', Action: 'bedrock:GetInferenceProfile', Resource: '*' }]);
    home = await signedInHome(world, { userName: 'alice' });
    const own = arnOf(world, 'claude-sonnet-alice');
    const error = await refusal(discoverInferenceProfiles(options(home, { explicitArns: [own] })));
    assert.match(await awsMessage(home, own), /with an explicit deny in an identity-based policy$/);
    assert.match(error.message, new RegExp(`IAM refused bedrock:GetInferenceProfile on ${own} because an explicit deny in an identity-based policy refuses it`));
    assert.doesNotMatch(error.message, /lacks/);
  });

  it('explicit deny in a service control policy: names the SCP and the organisation\'s administrator', async () => {
    const world = permissionSetWorld();
    world.serviceControlPolicies = [
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Deny', Action: 'bedrock:GetInferenceProfile', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
        ],
      },
    ];
    home = await signedInHome(world, { userName: 'alice' });
    const own = arnOf(world, 'claude-sonnet-alice');
    const error = await refusal(discoverInferenceProfiles(options(home, { explicitArns: [own] })));
    assert.match(await awsMessage(home, own), /with an explicit deny in a service control policy$/);
    assert.match(error.message, /explicit deny in a service control policy \(SCP\)/);
    assert.match(error.message, /AWS Organization's administrator/);
  });

  it('no principal tags (attributes for access control not enabled): every profile refused by the real ABAC condition, and the DeveloperId sentence', async () => {
    const world = organisationWorld({ developers: 4 });
    const policy = generatePermissionSetPolicy({ accountId: ACCOUNT });
    const role = world.roles.find((r) => r.name === 'BedrockDeveloper');
    if (role) role.policyDocument = policy;
    world.attributesForAccessControl = false;
    world.quotas = 'off';
    home = await signedInHome(world, { userName: organisationDeveloper(3) });
    const result = await discoverInferenceProfiles(options(home));
    assert.equal(result.selection.kind, 'none');
    assert.equal(result.candidates.length, 12);
    assert.ok(result.candidates.every((c) => c.ownership === 'denied'));
    assert.equal(result.problems[0]?.code, 'discovery.abac-attribute-missing');
    assert.match(result.problems[0].message, /claude-code-opus-dev00003/);
    assert.match(result.problems[0].message, /IAM Identity Center administrator to map DeveloperId under Settings → Attributes for access control/);
  });

  it('a tagged create without bedrock:TagResource: the sentence names TagResource, not CreateInferenceProfile', async () => {
    const world = threeDevelopersWorld();
    const role = world.roles.find((r) => r.name === 'BedrockAdmin');
    if (role) {
      role.policyDocument = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['bedrock:ListInferenceProfiles', 'bedrock:CreateInferenceProfile', 'bedrock:GetInferenceProfile', 'bedrock:ListTagsForResource'], Resource: '*' }],
      };
    }
    admin = await startAdminEmulator({ world, userName: 'dana' });
    const result = await createDeveloperProfiles({ region: 'us-east-1', credentials: admin.credentials, developers: developers(2), defaultTiers: ['sonnet'] });
    assert.equal(result.counts.created, 0);
    const first = result.outcomes.find((o) => !o.error?.startsWith('Not attempted'));
    assert.match(first?.error ?? '', /Amazon Bedrock denied CreateInferenceProfile: your role lacks bedrock:TagResource on arn:aws:bedrock:us-east-1:111122223333:application-inference-profile\/[a-z0-9]{12}, which CreateInferenceProfile needs besides bedrock:CreateInferenceProfile/);
    assert.deepEqual(admin.emulator.applicationProfiles().filter((p) => p.name.startsWith('claude-code-')), [], 'nothing was created');
  });
});
