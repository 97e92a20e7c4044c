// The "world" is the JSON description of the AWS estate the emulator pretends to be:
// who exists, what they may do, which inference profiles exist and what they cost.
// Tests start from worlds/default.json and tweak a deep copy; nothing here is mutated.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdminWorldSpec } from './admin/adminWorld';

/** allow = an identity policy grants the action on `*`; deny = nothing grants it. */
export type Switch = 'allow' | 'deny';
/** abac = granted only when the resource's tags equal the caller's principal tags. */
export type AbacSwitch = 'abac' | 'allow' | 'deny';

/**
 * What a permission set (or an API key's IAM user) may do. Missing keys fall back through
 * user → role → world.defaultPolicy → built-in defaults (see policy.ts).
 */
export interface PolicySwitches {
  listInferenceProfiles?: Switch;
  getInferenceProfile?: AbacSwitch;
  /** Defaults to the getInferenceProfile switch. */
  listTagsForResource?: AbacSwitch;
  /** Converse / InvokeModel / InvokeModelWithResponseStream through an application profile. */
  invoke?: AbacSwitch;
  /**
   * Direct calls with a system-defined profile or foundation model id. Defaults to 'allow' when
   * `invoke` is 'allow', otherwise 'deny' (an ABAC permission set conditions foundation-model
   * access on bedrock:InferenceProfileArn, so direct calls fail).
   */
  invokeSystemProfiles?: Switch;
  createInferenceProfile?: Switch;
  /** Defaults to the createInferenceProfile switch. */
  deleteInferenceProfile?: Switch;
  costExplorer?: Switch;
}

export interface AccountSpec {
  id: string;
  name: string;
  email: string;
}

/** A permission set as it appears in an account: an `AWSReservedSSO_<name>_<hex>` role. */
export interface RoleSpec {
  name: string;
  policy?: PolicySwitches;
  /**
   * A real IAM policy document (e.g. what `bedrock-onboard admin policy` emits). When present,
   * the Bedrock control plane evaluates it (policyDocuments.ts) instead of `policy` switches.
   */
  policyDocument?: object;
  /** 16 hex chars of the reserved role name; derived from account + name when absent. */
  reservedSuffix?: string;
}

export interface AssignmentSpec {
  accountId: string;
  roleName: string;
}

export interface UserSpec {
  userName: string;
  email: string;
  displayName?: string;
  /** Principal tags passed to the role session (ABAC attributes), e.g. Team, DeveloperId. */
  attributes: Record<string, string>;
  assignments: AssignmentSpec[];
  /** Overrides on top of the role's policy, for "this user is special" scenarios. */
  policy?: PolicySwitches;
}

/** A Bedrock API key (what AWS_BEARER_TOKEN_BEDROCK holds); belongs to an IAM user. */
export interface ApiKeySpec {
  name: string;
  key: string;
  accountId: string;
  /** IAM user name in the caller ARN; default `BedrockAPIKey-<name>`. */
  iamUserName?: string;
  attributes?: Record<string, string>;
  policy?: PolicySwitches;
}

export interface IdentityCenterSpec {
  startUrl: string;
  /** The region of the SSO-OIDC / portal endpoints (sso_region). */
  region: string;
  /** Extra start URLs that are accepted as the same instance (e.g. a vanity alias). */
  alternateStartUrls?: string[];
}

/** A system-defined (cross-region) inference profile, e.g. `us.anthropic.claude-sonnet-4-5-…`. */
export interface SystemProfileSpec {
  id: string;
  name: string;
  description?: string;
  /** Regions whose Bedrock endpoint offers this profile. */
  regions: string[];
  /** Foundation model id, e.g. `anthropic.claude-sonnet-4-5-20250929-v1:0`. */
  modelId: string;
  /** Regions the profile routes to; each becomes one `models[]` foundation-model ARN. */
  modelRegions: string[];
}

export interface ApplicationProfileSpec {
  name: string;
  /** 12 lowercase alphanumerics, the last part of the ARN. */
  id: string;
  accountId: string;
  region: string;
  /** A system profile id or ARN, or a foundation-model ARN. */
  copyFrom: string;
  tags: Record<string, string>;
  description?: string;
  /** ISO timestamp; defaults to the emulator's start time. */
  createdAt?: string;
}

export interface CostRecord {
  /** `YYYY-MM-DD` (UTC). Either this or daysAgo. */
  date?: string;
  /** Days before the emulator clock's current UTC day (0 = today); keeps a world valid over time. */
  daysAgo?: number;
  /** USD. */
  amount: number;
  /** Cost-allocation tags of the usage line, e.g. { DeveloperId: 'alice' }. */
  tags?: Record<string, string>;
  service?: string;
  /** Only this account's callers see the record; default: every account. */
  accountId?: string;
}

export interface CostExplorerSpec {
  /**
   * The day Cost Explorer's data has reached and the N-1 days before it come back with
   * Estimated=true (without lagHours, that day is today). Default 2.
   */
  estimatedDays?: number;
  /** ResultsByTime entries per page; small values force NextPageToken pagination. Default 1000. */
  pageSize?: number;
  /**
   * Hours between usage and its appearance in Cost Explorer. When set, each record's amount
   * is spread evenly over its UTC day and only the part before the data cut-off is billed,
   * so the newest day is partial and grows as the clock advances. Unset: whole days.
   */
  lagHours?: number;
  /** Cost Explorer processes new data at UTC multiples of this many hours (with lagHours). Unset: continuously. */
  refreshEveryHours?: number;
  /** false: the account never enabled Cost Explorer (AccessDeniedException "User not enabled for cost explorer access"). */
  enabled?: boolean;
  /** true: DataUnavailableException for every query (a new account, or Cost Explorer enabled less than a day ago). */
  dataUnavailable?: boolean;
  /** Tag keys not activated as cost allocation tags: Cost Explorer does not see them on any cost. */
  inactiveTagKeys?: string[];
}

export type DeviceFlowMode = 'manual' | 'autoApprove' | 'deny' | 'expire';

export interface DeviceFlowSpec {
  /**
   * manual: CreateToken stays pending until approveDeviceCode/denyDeviceCode (control API).
   * autoApprove: succeeds for `userName` after `afterPolls` pending polls.
   * deny / expire: AccessDenied / ExpiredToken after `afterPolls` pending polls.
   */
  mode?: DeviceFlowMode;
  userName?: string;
  afterPolls?: number;
  /** Seconds returned as `interval` by StartDeviceAuthorization. Default 1 (what AWS returns). */
  interval?: number;
  /** Seconds the device code lives. Default 600. */
  expiresIn?: number;
  /** Answer SlowDown when polled faster than the interval (checked with the emulator clock). */
  enforceInterval?: boolean;
  /** 1-based CreateToken poll numbers (per device code) that answer SlowDown. */
  slowDownOnPolls?: number[];
}

export interface SsoSpec {
  /** Access token lifetime (CreateToken `expiresIn`). Default 28800 (8 h). */
  accessTokenTtlSeconds?: number;
  /** Role credential lifetime (GetRoleCredentials). Default 3600. */
  roleCredentialsTtlSeconds?: number;
  /** Client registration lifetime (clientSecretExpiresAt). Default 90 days. */
  clientSecretTtlSeconds?: number;
  /** ListAccounts / ListAccountRoles answer at most this many items per page (forces next_token paging). */
  maxPageSize?: number;
  /**
   * A refresh token is refused once it has been used (InvalidGrantException): IAM Identity
   * Center may rotate refresh tokens, and two processes refreshing with the same one can
   * leave one of them refused (see AWS_FACTS, "Field behaviour"). Default false.
   */
  rotateRefreshTokens?: boolean;
}

export interface RuntimeSpec {
  /** Words of the assistant reply; truncated to maxTokens words. */
  replyText?: string;
}

export interface World {
  /** Bedrock regions; the first is used when a request carries no region (API-key calls). */
  regions: string[];
  identityCenter: IdentityCenterSpec;
  accounts: AccountSpec[];
  roles: RoleSpec[];
  users: UserSpec[];
  apiKeys?: ApiKeySpec[];
  defaultPolicy?: PolicySwitches;
  /** Tag keys compared between an application profile and the caller. Default Team, DeveloperId. */
  abacTagKeys?: string[];
  systemProfiles: SystemProfileSpec[];
  applicationProfiles?: ApplicationProfileSpec[];
  costRecords?: CostRecord[];
  costExplorer?: CostExplorerSpec;
  deviceFlow?: DeviceFlowSpec;
  sso?: SsoSpec;
  runtime?: RuntimeSpec;
  /**
   * Request quotas (requests per second, token buckets) per operation. Absent = the Bedrock
   * control-plane defaults of quotas.ts; 'off' = unlimited, for tests that need raw speed.
   */
  quotas?: 'off' | Record<string, number>;
  /** Organisation SCPs (policy documents) evaluated with role policy documents; a Deny here wins. */
  serviceControlPolicies?: object[];
  /**
   * false: IAM Identity Center has no *attributes for access control* mapping, so role
   * sessions carry no principal tags and every ABAC condition fails. Default true.
   */
  attributesForAccessControl?: boolean;
  /** What an administrator's checklist sees (Identity Center, billing, model access); see admin/adminWorld.ts. */
  admin?: AdminWorldSpec;
}

export const DEFAULT_WORLD_PATH = join(__dirname, 'worlds', 'default.json');

/** Reads a world file and checks the references inside it (a typo should fail loudly, not deny). */
export function loadWorld(path: string = DEFAULT_WORLD_PATH): World {
  const world = JSON.parse(readFileSync(path, 'utf8')) as World;
  validateWorld(world);
  return world;
}

/** A fresh deep copy of worlds/default.json, safe to modify in a test. */
export function defaultWorld(): World {
  return loadWorld(DEFAULT_WORLD_PATH);
}

export function cloneWorld(world: World): World {
  return structuredClone(world);
}

export function validateWorld(world: World): void {
  const problems: string[] = [];
  if (world.regions.length === 0) problems.push('regions must not be empty');
  const accountIds = new Set(world.accounts.map((a) => a.id));
  const roleNames = new Set(world.roles.map((r) => r.name));
  for (const a of world.accounts) {
    if (!/^\d{12}$/.test(a.id)) problems.push(`account id ${a.id} is not 12 digits`);
  }
  const userNames = new Set<string>();
  for (const u of world.users) {
    if (userNames.has(u.userName)) problems.push(`duplicate user ${u.userName}`);
    userNames.add(u.userName);
    for (const as of u.assignments) {
      if (!accountIds.has(as.accountId)) problems.push(`user ${u.userName}: unknown account ${as.accountId}`);
      if (!roleNames.has(as.roleName)) problems.push(`user ${u.userName}: unknown role ${as.roleName}`);
    }
  }
  for (const k of world.apiKeys ?? []) {
    if (!accountIds.has(k.accountId)) problems.push(`api key ${k.name}: unknown account ${k.accountId}`);
  }
  const systemIds = new Set(world.systemProfiles.map((p) => p.id));
  for (const p of world.applicationProfiles ?? []) {
    if (!/^[a-z0-9]{12}$/.test(p.id)) problems.push(`application profile ${p.name}: id must be 12 lowercase alphanumerics`);
    if (!accountIds.has(p.accountId)) problems.push(`application profile ${p.name}: unknown account ${p.accountId}`);
    const source = p.copyFrom.includes('/') ? p.copyFrom.slice(p.copyFrom.lastIndexOf('/') + 1) : p.copyFrom;
    const knownModel = world.systemProfiles.some((s) => s.modelId === source);
    if (!systemIds.has(source) && !knownModel) problems.push(`application profile ${p.name}: unknown copyFrom ${p.copyFrom}`);
  }
  const mode = world.deviceFlow?.mode;
  if (mode === 'autoApprove' && !userNames.has(world.deviceFlow?.userName ?? '')) {
    problems.push('deviceFlow.autoApprove needs a known userName');
  }
  for (const c of world.costRecords ?? []) {
    if ((c.date === undefined) === (c.daysAgo === undefined)) problems.push('cost record needs exactly one of date / daysAgo');
    if (c.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(c.date)) problems.push(`cost record date ${c.date} is not YYYY-MM-DD`);
  }
  if (problems.length > 0) throw new Error(`Invalid emulator world:\n  ${problems.join('\n  ')}`);
}
