// The part of the world an administrator's checklist looks at: the IAM Identity Center
// instance and its identity store, permission sets and account assignments, the cost
// allocation tags of the billing account, whether Cost Explorer is enabled, and model
// access in Bedrock. Every field is optional; absent ones describe a healthy estate derived
// from the rest of the world, so each broken checklist state is one field away.
import { createHash } from 'node:crypto';
import type { World } from '../world';

export type CostAllocationTagStatus = 'Active' | 'Inactive';
export type AgreementStatus = 'AVAILABLE' | 'PENDING' | 'NOT_AVAILABLE' | 'ERROR';

export interface StoreUserSpec {
  userName: string;
  displayName?: string;
  email?: string;
  /** Enterprise extension attributes (`${path:enterprise.employeeNumber}`, `…department`). */
  employeeNumber?: string;
  department?: string;
}

export interface StoreGroupSpec {
  displayName: string;
  /** User names. */
  members: string[];
}

export interface PermissionSetSpec {
  name: string;
  /** The inline policy JSON text; absent = no inline policy. */
  inlinePolicy?: string;
}

export interface AccountAssignmentSpec {
  accountId: string;
  permissionSet: string;
  /** A group display name (or, with principalType USER, a user name). */
  principal: string;
  principalType?: 'GROUP' | 'USER';
}

export interface ModelAccessSpec {
  agreement?: AgreementStatus;
  authorization?: 'AUTHORIZED' | 'NOT_AUTHORIZED';
  entitlement?: 'AVAILABLE' | 'NOT_AVAILABLE';
}

export interface AdminWorldSpec {
  /** Roles whose sessions may call the admin APIs. Default ['BedrockAdmin']. */
  adminRoles?: string[];
  /** IAM actions refused even to admin roles, e.g. 'sso:PutInlinePolicyToPermissionSet'. */
  deniedActions?: string[];
  /** false: no IAM Identity Center instance (ListInstances answers an empty list). */
  identityCenterEnabled?: boolean;
  /**
   * Attributes for access control: key → source path. Default DeveloperId ← ${path:userName},
   * Team ← ${path:enterprise.department}. null: ABAC not enabled on the instance.
   */
  accessControlAttributes?: Record<string, string> | null;
  /** Identity store users; default: the world's users (department = their Team attribute). */
  users?: StoreUserSpec[];
  /** Default: "Claude Code Developers" with every user assigned BedrockDeveloper. */
  groups?: StoreGroupSpec[];
  /** Default: one per world role, without an inline policy. */
  permissionSets?: PermissionSetSpec[];
  /** Default: the developers' group assigned BedrockDeveloper in every account a member has it in. */
  accountAssignments?: AccountAssignmentSpec[];
  /** DescribePermissionSetProvisioningStatus answers IN_PROGRESS this many times first. Default 1. */
  provisioningPolls?: number;
  /** Provisioning ends FAILED with this reason. */
  provisioningFailure?: string;
  /** Tag keys Billing has seen on resources. Default DeveloperId and Team, both Active. */
  costAllocationTags?: Record<string, CostAllocationTagStatus>;
  /** Per foundation-model id; default everything available and authorized. */
  modelAccess?: Record<string, ModelAccessSpec>;
  /** Items per page of the paged admin list operations (the AWS maximum is 100). Default 100. */
  pageSize?: number;
}

export const DEFAULT_DEVELOPER_GROUP = 'Claude Code Developers';
export const DEFAULT_ACCESS_CONTROL_ATTRIBUTES: Readonly<Record<string, string>> = {
  DeveloperId: '${path:userName}',
  Team: '${path:enterprise.department}',
};

export function instanceArn(world: World): string {
  return `arn:aws:sso:::instance/ssoins-${hex(`instance/${world.identityCenter.startUrl}`, 16)}`;
}

export function identityStoreId(world: World): string {
  return `d-${hex(`store/${world.identityCenter.startUrl}`, 10)}`;
}

export function permissionSetArn(world: World, name: string): string {
  return `${instanceArn(world).replace(':instance/', ':permissionSet/')}/ps-${hex(`ps/${name}`, 16)}`;
}

/** Identity store ids look like UUIDs (optionally prefixed with the store's 10 hex digits). */
export function storeObjectId(kind: 'user' | 'group', name: string): string {
  const h = hex(`${kind}/${name}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function defaultStoreUsers(world: World): StoreUserSpec[] {
  return world.users.map((u) => ({
    userName: u.userName,
    ...(u.displayName === undefined ? {} : { displayName: u.displayName }),
    email: u.email,
    ...(u.attributes['Team'] === undefined ? {} : { department: u.attributes['Team'] }),
  }));
}

export function defaultGroups(world: World): StoreGroupSpec[] {
  return [{ displayName: DEFAULT_DEVELOPER_GROUP, members: world.users.filter((u) => u.assignments.some((a) => a.roleName === 'BedrockDeveloper')).map((u) => u.userName) }];
}

export function defaultAssignments(world: World): AccountAssignmentSpec[] {
  const accounts = new Set(world.users.flatMap((u) => u.assignments.filter((a) => a.roleName === 'BedrockDeveloper').map((a) => a.accountId)));
  return [...accounts].map((accountId) => ({ accountId, permissionSet: 'BedrockDeveloper', principal: DEFAULT_DEVELOPER_GROUP }));
}

function hex(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}
