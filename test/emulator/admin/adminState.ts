// What the admin services change at run time (permission set policies, the ABAC attribute
// mapping, cost allocation tag statuses, provisioning requests), kept beside the emulator's
// state without widening it: one record per EmulatorState, built from the world on first use.
import { randomUUID } from 'node:crypto';
import type { EmulatorState } from '../state';
import type { AccountAssignmentSpec, AdminWorldSpec, CostAllocationTagStatus, PermissionSetSpec, StoreGroupSpec, StoreUserSpec } from './adminWorld';
import { DEFAULT_ACCESS_CONTROL_ATTRIBUTES, defaultAssignments, defaultGroups, defaultStoreUsers, permissionSetArn, storeObjectId } from './adminWorld';

export interface StoreUser extends StoreUserSpec {
  userId: string;
}

export interface StoreGroup {
  groupId: string;
  displayName: string;
  memberIds: string[];
}

export interface PermissionSet {
  name: string;
  arn: string;
  inlinePolicy: string | undefined;
  createdDate: Date;
}

export interface ProvisioningRequest {
  requestId: string;
  permissionSetArn: string;
  pollsLeft: number;
  createdDate: Date;
}

export interface CostAllocationTag {
  status: CostAllocationTagStatus;
  lastUpdated: Date;
}

export interface AdminState {
  readonly spec: AdminWorldSpec;
  accessControlAttributes: Map<string, string> | undefined;
  readonly users: StoreUser[];
  readonly usersById: Map<string, StoreUser>;
  readonly groups: StoreGroup[];
  readonly permissionSets: PermissionSet[];
  readonly assignments: AccountAssignmentSpec[];
  readonly provisioning: Map<string, ProvisioningRequest>;
  readonly costAllocationTags: Map<string, CostAllocationTag>;
  /** Every change made through the admin APIs, in order (tests assert what --fix did). */
  readonly changes: string[];
}

const states = new WeakMap<EmulatorState, AdminState>();

export function adminState(state: EmulatorState): AdminState {
  let admin = states.get(state);
  if (admin === undefined) {
    admin = build(state);
    states.set(state, admin);
  }
  return admin;
}

export function newProvisioningRequest(admin: AdminState, arn: string, now: Date): ProvisioningRequest {
  const request = { requestId: randomUUID(), permissionSetArn: arn, pollsLeft: admin.spec.provisioningPolls ?? 1, createdDate: now };
  admin.provisioning.set(request.requestId, request);
  return request;
}

function build(state: EmulatorState): AdminState {
  const world = state.world;
  const spec = world.admin ?? {};
  const started = new Date(state.now());
  const users: StoreUser[] = (spec.users ?? defaultStoreUsers(world)).map((u) => ({ ...u, userId: storeObjectId('user', u.userName) }));
  const byName = new Map(users.map((u) => [u.userName, u]));
  const groups = (spec.groups ?? defaultGroups(world)).map((g: StoreGroupSpec) => ({
    groupId: storeObjectId('group', g.displayName),
    displayName: g.displayName,
    memberIds: g.members.flatMap((name) => byName.get(name)?.userId ?? []),
  }));
  const attributes = spec.accessControlAttributes === null ? undefined : new Map(Object.entries(spec.accessControlAttributes ?? DEFAULT_ACCESS_CONTROL_ATTRIBUTES));
  const permissionSets = (spec.permissionSets ?? world.roles.map((r): PermissionSetSpec => ({ name: r.name }))).map((p): PermissionSet => ({
    name: p.name,
    arn: permissionSetArn(world, p.name),
    inlinePolicy: p.inlinePolicy,
    createdDate: started,
  }));
  const tagSpec: Record<string, CostAllocationTagStatus> = spec.costAllocationTags ?? { DeveloperId: 'Active', Team: 'Active' };
  const tags = new Map(Object.entries(tagSpec).map(([key, status]): [string, CostAllocationTag] => [key, { status, lastUpdated: started }]));
  return {
    spec,
    accessControlAttributes: attributes,
    users,
    usersById: new Map(users.map((u) => [u.userId, u])),
    groups,
    permissionSets,
    assignments: [...(spec.accountAssignments ?? defaultAssignments(world))],
    provisioning: new Map(),
    costAllocationTags: tags,
    changes: [],
  };
}
