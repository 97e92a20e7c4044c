// IAM Identity Center administration (client-sso-admin, JSON 1.1,
// `X-Amz-Target: SWBExternalService.*`): the instance, its attributes for access control,
// permission sets with their inline policy and provisioning, and account assignments.
// Shapes and error types follow the IAM Identity Center API reference (ConflictException for
// a second Create…AccessControlAttributeConfiguration, ResourceNotFoundException for an
// unknown ARN or an instance without ABAC).
import { authorizeAdmin, page, requiredString, validation } from '../admin/adminCall';
import { newProvisioningRequest } from '../admin/adminState';
import type { AdminState, PermissionSet } from '../admin/adminState';
import { identityStoreId, instanceArn, storeObjectId } from '../admin/adminWorld';
import { jsonResponse, ServiceError } from '../wire';
import type { EmulatorRequest, EmulatorResponse } from '../wire';
import type { ServiceContext } from './context';

const notFound = (message: string) => new ServiceError('ResourceNotFoundException', 400, message);
const epochSeconds = (date: Date) => date.getTime() / 1000;

export function handleSsoAdmin(ctx: ServiceContext, operation: string, req: EmulatorRequest): EmulatorResponse {
  const world = ctx.state.world;
  const call = authorizeAdmin(ctx, req, 'sso-admin', `sso:${operation}`, instanceArn(world));
  const { admin, body } = call;
  if (operation === 'ListInstances') {
    const instances = admin.spec.identityCenterEnabled === false ? [] : [{ InstanceArn: instanceArn(world), IdentityStoreId: identityStoreId(world), OwnerAccountId: world.accounts[0]?.id, Status: 'ACTIVE' }];
    return jsonResponse(200, { Instances: instances });
  }
  const instance = requiredString(body, 'InstanceArn');
  if (instance !== instanceArn(world) || admin.spec.identityCenterEnabled === false) throw notFound(`Instance ${instance} does not exist.`);
  switch (operation) {
    case 'DescribeInstanceAccessControlAttributeConfiguration': {
      if (admin.accessControlAttributes === undefined) throw notFound('Attributes for access control are not enabled for this instance.');
      return jsonResponse(200, { Status: 'ENABLED', InstanceAccessControlAttributeConfiguration: { AccessControlAttributes: attributesView(admin) } });
    }
    case 'CreateInstanceAccessControlAttributeConfiguration':
    case 'UpdateInstanceAccessControlAttributeConfiguration': {
      const creating = operation.startsWith('Create');
      if (creating && admin.accessControlAttributes !== undefined) throw new ServiceError('ConflictException', 400, 'Attributes for access control are already enabled for this instance.');
      if (!creating && admin.accessControlAttributes === undefined) throw notFound('Attributes for access control are not enabled for this instance.');
      admin.accessControlAttributes = parseAttributes(body);
      admin.changes.push(`${operation} ${[...admin.accessControlAttributes].map(([k, v]) => `${k}=${v}`).join(',')}`);
      return jsonResponse(200, {});
    }
    case 'ListPermissionSets': {
      const { items, nextToken } = page(admin.permissionSets.map((p) => p.arn), body, admin, 'permission-sets');
      return jsonResponse(200, { PermissionSets: items, ...(nextToken === undefined ? {} : { NextToken: nextToken }) });
    }
    case 'DescribePermissionSet': {
      const set = permissionSet(admin, body);
      return jsonResponse(200, { PermissionSet: { Name: set.name, PermissionSetArn: set.arn, CreatedDate: epochSeconds(set.createdDate), SessionDuration: 'PT8H' } });
    }
    case 'GetInlinePolicyForPermissionSet': {
      const set = permissionSet(admin, body);
      return jsonResponse(200, set.inlinePolicy === undefined ? {} : { InlinePolicy: set.inlinePolicy });
    }
    case 'PutInlinePolicyToPermissionSet': {
      const set = permissionSet(admin, body);
      const policy = requiredString(body, 'InlinePolicy');
      if (policy.length > 32_768) throw validation('Inline policy must be at most 32768 characters.');
      try {
        JSON.parse(policy);
      } catch {
        throw validation('The inline policy is not valid JSON.');
      }
      set.inlinePolicy = policy;
      admin.changes.push(`PutInlinePolicyToPermissionSet ${set.name}`);
      return jsonResponse(200, {});
    }
    case 'ProvisionPermissionSet': {
      const set = permissionSet(admin, body);
      const target = body['TargetType'];
      if (target !== 'ALL_PROVISIONED_ACCOUNTS' && target !== 'AWS_ACCOUNT') throw validation('TargetType must be AWS_ACCOUNT or ALL_PROVISIONED_ACCOUNTS.');
      const request = newProvisioningRequest(admin, set.arn, new Date(ctx.state.now()));
      admin.changes.push(`ProvisionPermissionSet ${set.name}`);
      return jsonResponse(200, { PermissionSetProvisioningStatus: provisioningView(request.requestId, set.arn, 'IN_PROGRESS', request.createdDate) });
    }
    case 'DescribePermissionSetProvisioningStatus': {
      const id = requiredString(body, 'ProvisionPermissionSetRequestId');
      const request = admin.provisioning.get(id);
      if (request === undefined) throw notFound(`Provisioning request ${id} does not exist.`);
      if (request.pollsLeft > 0) {
        request.pollsLeft--;
        return jsonResponse(200, { PermissionSetProvisioningStatus: provisioningView(id, request.permissionSetArn, 'IN_PROGRESS', request.createdDate) });
      }
      const failure = admin.spec.provisioningFailure;
      return jsonResponse(200, {
        PermissionSetProvisioningStatus: { ...provisioningView(id, request.permissionSetArn, failure === undefined ? 'SUCCEEDED' : 'FAILED', request.createdDate), ...(failure === undefined ? {} : { FailureReason: failure }) },
      });
    }
    case 'CreateAccountAssignment': {
      const set = permissionSet(admin, body);
      const accountId = requiredString(body, 'TargetId');
      const principalType = body['PrincipalType'];
      const principalId = requiredString(body, 'PrincipalId');
      if (body['TargetType'] !== 'AWS_ACCOUNT' || (principalType !== 'GROUP' && principalType !== 'USER')) throw validation('TargetType must be AWS_ACCOUNT and PrincipalType GROUP or USER.');
      const principal = principalType === 'GROUP' ? admin.groups.find((g) => g.groupId === principalId)?.displayName : admin.usersById.get(principalId)?.userName;
      if (principal === undefined) throw notFound(`Principal ${principalId} does not exist.`);
      if (!admin.assignments.some((a) => a.accountId === accountId && a.permissionSet === set.name && a.principal === principal)) admin.assignments.push({ accountId, permissionSet: set.name, principal, principalType });
      const request = newProvisioningRequest(admin, set.arn, new Date(ctx.state.now()));
      admin.changes.push(`CreateAccountAssignment ${principal} ${set.name} ${accountId}`);
      return jsonResponse(200, { AccountAssignmentCreationStatus: { ...provisioningView(request.requestId, set.arn, 'IN_PROGRESS', request.createdDate), TargetId: accountId, TargetType: 'AWS_ACCOUNT', PrincipalType: principalType, PrincipalId: principalId } });
    }
    case 'DescribeAccountAssignmentCreationStatus': {
      const id = requiredString(body, 'AccountAssignmentCreationRequestId');
      const request = admin.provisioning.get(id);
      if (request === undefined) throw notFound(`Account assignment request ${id} does not exist.`);
      const status = request.pollsLeft > 0 ? 'IN_PROGRESS' : 'SUCCEEDED';
      if (request.pollsLeft > 0) request.pollsLeft--;
      return jsonResponse(200, { AccountAssignmentCreationStatus: provisioningView(id, request.permissionSetArn, status, request.createdDate) });
    }
    case 'ListAccountAssignments': {
      const accountId = requiredString(body, 'AccountId');
      const set = permissionSet(admin, body);
      const assignments = admin.assignments
        .filter((a) => a.accountId === accountId && a.permissionSet === set.name)
        .map((a) => ({ AccountId: accountId, PermissionSetArn: set.arn, PrincipalType: a.principalType ?? 'GROUP', PrincipalId: principalId(admin, a.principal, a.principalType ?? 'GROUP') }));
      const { items, nextToken } = page(assignments, body, admin, `assignments/${accountId}/${set.name}`);
      return jsonResponse(200, { AccountAssignments: items, ...(nextToken === undefined ? {} : { NextToken: nextToken }) });
    }
    default:
      throw new ServiceError('UnknownOperationException', 400, `Unsupported operation ${operation}`);
  }
}

function permissionSet(admin: AdminState, body: Record<string, unknown>): PermissionSet {
  const arn = requiredString(body, 'PermissionSetArn');
  const set = admin.permissionSets.find((p) => p.arn === arn);
  if (set === undefined) throw notFound(`Permission set ${arn} does not exist.`);
  return set;
}

function attributesView(admin: AdminState): unknown[] {
  return [...(admin.accessControlAttributes ?? new Map<string, string>())].map(([Key, source]) => ({ Key, Value: { Source: [source] } }));
}

function parseAttributes(body: Record<string, unknown>): Map<string, string> {
  const config = body['InstanceAccessControlAttributeConfiguration'] as { AccessControlAttributes?: unknown } | undefined;
  const list = config?.AccessControlAttributes;
  if (!Array.isArray(list)) throw validation('InstanceAccessControlAttributeConfiguration.AccessControlAttributes is required.');
  const result = new Map<string, string>();
  for (const item of list as { Key?: unknown; Value?: { Source?: unknown } }[]) {
    const source = Array.isArray(item.Value?.Source) ? (item.Value.Source as unknown[])[0] : undefined;
    if (typeof item.Key !== 'string' || typeof source !== 'string') throw validation('Each access control attribute needs a Key and one Value.Source.');
    if (result.has(item.Key)) throw validation(`Duplicate access control attribute key ${item.Key}.`);
    result.set(item.Key, source);
  }
  return result;
}

function provisioningView(requestId: string, arn: string, status: string, created: Date): Record<string, unknown> {
  return { RequestId: requestId, PermissionSetArn: arn, Status: status, CreatedDate: epochSeconds(created) };
}

function principalId(admin: AdminState, name: string, type: 'GROUP' | 'USER'): string {
  if (type === 'GROUP') return admin.groups.find((g) => g.displayName === name)?.groupId ?? storeObjectId('group', name);
  return admin.users.find((u) => u.userName === name)?.userId ?? storeObjectId('user', name);
}
