// The admin services through the real SDK clients: Identity Store paging and extensions,
// IAM Identity Center errors, cost allocation tags and the "Cost Explorer not enabled" state.
import * as assert from 'node:assert/strict';
import { GetCostAndUsageCommand, CostExplorerClient, ListCostAllocationTagsCommand, UpdateCostAllocationTagsStatusCommand } from '@aws-sdk/client-cost-explorer';
import { DescribeUserCommand, IdentitystoreClient, ListGroupMembershipsCommand, GetGroupIdCommand } from '@aws-sdk/client-identitystore';
import { CreateInstanceAccessControlAttributeConfigurationCommand, ListInstancesCommand, SSOAdminClient, DescribeInstanceAccessControlAttributeConfigurationCommand } from '@aws-sdk/client-sso-admin';
import { credentialsFor, REGION, rejectionOf, useEmulator } from './testSupport';

describe('emulator: admin services', function () {
  this.timeout(20_000);
  const fixture = useEmulator((world) => {
    world.admin = {
      users: Array.from({ length: 7 }, (_, i) => ({ userName: `u${i}`, employeeNumber: `E${i}` })),
      groups: [{ displayName: 'Devs', members: ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6'] }],
      pageSize: 3,
      costAllocationTags: { DeveloperId: 'Inactive' },
    };
  });

  const admin = async () => credentialsFor(fixture.emulator, 'dana', 'BedrockAdmin');

  it('pages group memberships with an opaque NextToken and refuses a token from another list', async () => {
    const store = new IdentitystoreClient({ region: REGION, credentials: await admin() });
    const { Instances } = await new SSOAdminClient({ region: REGION, credentials: await admin() }).send(new ListInstancesCommand({}));
    const storeId = Instances?.[0]?.IdentityStoreId ?? '';
    const { GroupId } = await store.send(new GetGroupIdCommand({ IdentityStoreId: storeId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'Devs' } } }));
    const pages: number[] = [];
    let token: string | undefined;
    do {
      const page = await store.send(new ListGroupMembershipsCommand({ IdentityStoreId: storeId, GroupId, ...(token ? { NextToken: token } : {}) }));
      pages.push(page.GroupMemberships?.length ?? 0);
      token = page.NextToken;
    } while (token);
    assert.deepEqual(pages, [3, 3, 1]);
    const foreign = await rejectionOf(store.send(new ListGroupMembershipsCommand({ IdentityStoreId: storeId, GroupId, NextToken: Buffer.from('3|users').toString('base64') })));
    assert.equal(foreign.name, 'ValidationException');
    const first = await store.send(new ListGroupMembershipsCommand({ IdentityStoreId: storeId, GroupId, MaxResults: 1 }));
    const userId = first.GroupMemberships?.[0]?.MemberId && 'UserId' in first.GroupMemberships[0].MemberId ? first.GroupMemberships[0].MemberId.UserId : undefined;
    const plain = await store.send(new DescribeUserCommand({ IdentityStoreId: storeId, UserId: userId }));
    assert.equal(plain.Extensions, undefined);
    const enterprise = await store.send(new DescribeUserCommand({ IdentityStoreId: storeId, UserId: userId, Extensions: ['aws:identitystore:enterprise'] }));
    assert.deepEqual(enterprise.Extensions, { 'aws:identitystore:enterprise': { employeeNumber: 'E0' } });
  });

  it('refuses non-admin callers with IAM\'s AccessDenied wording', async () => {
    const developer = new SSOAdminClient({ region: REGION, credentials: await credentialsFor(fixture.emulator, 'alice') });
    const denied = await rejectionOf(developer.send(new ListInstancesCommand({})));
    assert.equal(denied.name, 'AccessDeniedException');
    assert.match(denied.message, /is not authorized to perform: sso:ListInstances/);
  });

  it('answers a second Create of the ABAC configuration with ConflictException', async () => {
    const sso = new SSOAdminClient({ region: REGION, credentials: await admin() });
    const { Instances } = await sso.send(new ListInstancesCommand({}));
    const InstanceArn = Instances?.[0]?.InstanceArn;
    const config = await sso.send(new DescribeInstanceAccessControlAttributeConfigurationCommand({ InstanceArn }));
    assert.deepEqual(config.InstanceAccessControlAttributeConfiguration?.AccessControlAttributes?.map((a) => [a.Key, a.Value?.Source]), [['DeveloperId', ['${path:userName}']], ['Team', ['${path:enterprise.department}']]]);
    const conflict = await rejectionOf(sso.send(new CreateInstanceAccessControlAttributeConfigurationCommand({ InstanceArn, InstanceAccessControlAttributeConfiguration: { AccessControlAttributes: [{ Key: 'DeveloperId', Value: { Source: ['${path:userName}'] } }] } })));
    assert.equal(conflict.name, 'ConflictException');
  });

  it('lists cost allocation tags, activates a known key and reports an unknown one in Errors', async () => {
    const ce = new CostExplorerClient({ region: 'us-east-1', credentials: await admin() });
    const before = await ce.send(new ListCostAllocationTagsCommand({ TagKeys: ['DeveloperId', 'Team'] }));
    assert.deepEqual(before.CostAllocationTags?.map((t) => [t.TagKey, t.Status, t.Type]), [['DeveloperId', 'Inactive', 'UserDefined']]);
    const update = await ce.send(new UpdateCostAllocationTagsStatusCommand({ CostAllocationTagsStatus: [{ TagKey: 'DeveloperId', Status: 'Active' }, { TagKey: 'Team', Status: 'Active' }] }));
    assert.deepEqual(update.Errors?.map((e) => e.TagKey), ['Team']);
    const after = await ce.send(new ListCostAllocationTagsCommand({ Status: 'Active' }));
    assert.deepEqual(after.CostAllocationTags?.map((t) => t.TagKey), ['DeveloperId']);
  });
});

describe('emulator: Cost Explorer not enabled', function () {
  this.timeout(20_000);
  const fixture = useEmulator((world) => {
    world.costExplorer = { enabled: false };
  });

  it('answers the cost allocation tag calls like GetCostAndUsage: "User not enabled for cost explorer access"', async () => {
    const ce = new CostExplorerClient({ region: 'us-east-1', credentials: await credentialsFor(fixture.emulator, 'dana', 'BedrockAdmin') });
    const tags = await rejectionOf(ce.send(new ListCostAllocationTagsCommand({})));
    assert.equal(tags.message, 'User not enabled for cost explorer access');
    const error = await rejectionOf(ce.send(new GetCostAndUsageCommand({ TimePeriod: { Start: '2026-03-01', End: '2026-03-02' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'] })));
    assert.equal(error.name, 'AccessDeniedException');
    assert.equal(error.message, 'User not enabled for cost explorer access');
  });
});
