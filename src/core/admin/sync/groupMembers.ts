import { DescribeUserCommand, ListGroupMembershipsCommand, ListUsersCommand, type ListUsersCommandOutput } from '@aws-sdk/client-identitystore';
import type { AdminClients } from '../check/adminClients';
import { ENTERPRISE_EXTENSION, type IdentityStoreUser } from './identityAttributePath';

/** Up to this many members are described one by one; a larger group is read by walking ListUsers (100 users a page). */
const DESCRIBE_EACH_UP_TO = 100;
const CONCURRENCY = 8;

/**
 * The users of a group (all pages of ListGroupMemberships). A small group is described user
 * by user; a large one costs far fewer requests read from ListUsers pages, stopping as soon
 * as every member has been seen. `requests` counts the Identity Store calls made.
 */
export async function groupMembers(clients: AdminClients, identityStoreId: string, groupId: string, options: { enterprise: boolean; signal?: AbortSignal }): Promise<{ users: IdentityStoreUser[]; requests: number }> {
  const store = clients.identityStore();
  const memberIds: string[] = [];
  let requests = 0;
  let token: string | undefined;
  do {
    const page = await store.send(new ListGroupMembershipsCommand({ IdentityStoreId: identityStoreId, GroupId: groupId, MaxResults: 100, ...(token ? { NextToken: token } : {}) }), { abortSignal: options.signal });
    requests++;
    for (const membership of page.GroupMemberships ?? []) {
      const userId = membership.MemberId && 'UserId' in membership.MemberId ? membership.MemberId.UserId : undefined;
      if (userId) memberIds.push(userId);
    }
    token = page.NextToken;
  } while (token);
  const extensions = options.enterprise ? { Extensions: [ENTERPRISE_EXTENSION] } : {};

  if (memberIds.length <= DESCRIBE_EACH_UP_TO) {
    const users: IdentityStoreUser[] = new Array<IdentityStoreUser>(memberIds.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < memberIds.length) {
        const index = next++;
        users[index] = await store.send(new DescribeUserCommand({ IdentityStoreId: identityStoreId, UserId: memberIds[index], ...extensions }), { abortSignal: options.signal });
        requests++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, Math.max(1, memberIds.length)) }, worker));
    return { users, requests };
  }

  const wanted = new Set(memberIds);
  const found = new Map<string, IdentityStoreUser>();
  token = undefined;
  do {
    const page: ListUsersCommandOutput = await store.send(new ListUsersCommand({ IdentityStoreId: identityStoreId, MaxResults: 100, ...extensions, ...(token ? { NextToken: token } : {}) }), { abortSignal: options.signal });
    requests++;
    for (const user of page.Users ?? []) if (user.UserId && wanted.has(user.UserId)) found.set(user.UserId, user);
    token = page.NextToken;
  } while (token && found.size < wanted.size);
  return { users: memberIds.flatMap((id) => found.get(id) ?? []), requests };
}
