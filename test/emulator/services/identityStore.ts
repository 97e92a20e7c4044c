// Identity Store (client-identitystore, JSON 1.1, `X-Amz-Target: AWSIdentityStore.*`):
// the users and groups behind IAM Identity Center, read by `admin sync`. Shapes follow the
// Identity Store API reference; `Extensions: ["aws:identitystore:enterprise"]` (the only
// extension AWS supports, per the DescribeUser reference) adds the SCIM enterprise fields.
import { authorizeAdmin, page, requiredString, validation } from '../admin/adminCall';
import type { StoreUser } from '../admin/adminState';
import { identityStoreId } from '../admin/adminWorld';
import { jsonResponse, ServiceError, stringArray } from '../wire';
import type { EmulatorRequest, EmulatorResponse } from '../wire';
import type { ServiceContext } from './context';

const ENTERPRISE = 'aws:identitystore:enterprise';

const notFound = (type: 'USER' | 'GROUP' | 'IDENTITY_STORE', id: string) =>
  new ServiceError('ResourceNotFoundException', 400, `${type === 'USER' ? 'User' : type === 'GROUP' ? 'Group' : 'Identity store'} not found.`, { ResourceType: type, ResourceId: id });

export function handleIdentityStore(ctx: ServiceContext, operation: string, req: EmulatorRequest): EmulatorResponse {
  const call = authorizeAdmin(ctx, req, 'identitystore', `identitystore:${operation}`, `arn:aws:identitystore::<account>:identitystore/${identityStoreId(ctx.state.world)}`);
  const { admin, body } = call;
  const storeId = requiredString(body, 'IdentityStoreId');
  if (storeId !== identityStoreId(ctx.state.world) || admin.spec.identityCenterEnabled === false) throw notFound('IDENTITY_STORE', storeId);
  switch (operation) {
    case 'GetGroupId': {
      const unique = (body['AlternateIdentifier'] as { UniqueAttribute?: { AttributePath?: unknown; AttributeValue?: unknown } } | undefined)?.UniqueAttribute;
      if (typeof unique?.AttributePath !== 'string' || typeof unique.AttributeValue !== 'string') throw validation('AlternateIdentifier must have a UniqueAttribute or an ExternalId.');
      if (unique.AttributePath.toLowerCase() !== 'displayname') throw validation(`Unsupported attribute path ${unique.AttributePath} for a group.`);
      const group = admin.groups.find((g) => g.displayName === unique.AttributeValue);
      if (group === undefined) throw notFound('GROUP', unique.AttributeValue);
      return jsonResponse(200, { GroupId: group.groupId, IdentityStoreId: storeId });
    }
    case 'ListGroupMemberships': {
      const groupId = requiredString(body, 'GroupId');
      const group = admin.groups.find((g) => g.groupId === groupId);
      if (group === undefined) throw notFound('GROUP', groupId);
      const { items, nextToken } = page(group.memberIds, body, admin, `members/${groupId}`);
      return jsonResponse(200, {
        GroupMemberships: items.map((userId) => ({ IdentityStoreId: storeId, MembershipId: `m-${userId}`, GroupId: groupId, MemberId: { UserId: userId } })),
        ...(nextToken === undefined ? {} : { NextToken: nextToken }),
      });
    }
    case 'DescribeUser': {
      const userId = requiredString(body, 'UserId');
      const user = admin.usersById.get(userId);
      if (user === undefined) throw notFound('USER', userId);
      return jsonResponse(200, userView(user, storeId, stringArray(body['Extensions'])));
    }
    case 'ListUsers': {
      const { items, nextToken } = page(admin.users, body, admin, 'users');
      const extensions = stringArray(body['Extensions']);
      return jsonResponse(200, { Users: items.map((u) => userView(u, storeId, extensions)), ...(nextToken === undefined ? {} : { NextToken: nextToken }) });
    }
    default:
      throw new ServiceError('UnknownOperationException', 400, `Unsupported operation ${operation}`);
  }
}

function userView(user: StoreUser, storeId: string, extensions: readonly string[]): Record<string, unknown> {
  for (const name of extensions) if (name !== ENTERPRISE) throw validation(`Unsupported extension ${name}.`);
  const enterprise = { ...(user.employeeNumber === undefined ? {} : { employeeNumber: user.employeeNumber }), ...(user.department === undefined ? {} : { department: user.department }) };
  return {
    IdentityStoreId: storeId,
    UserId: user.userId,
    UserName: user.userName,
    ...(user.displayName === undefined ? {} : { DisplayName: user.displayName }),
    ...(user.email === undefined ? {} : { Emails: [{ Value: user.email, Type: 'work', Primary: true }] }),
    UserStatus: 'ENABLED',
    ...(extensions.includes(ENTERPRISE) && Object.keys(enterprise).length > 0 ? { Extensions: { [ENTERPRISE]: enterprise } } : {}),
  };
}
