// Everything the emulator remembers between requests: OIDC clients, device codes, tokens,
// role sessions, application profiles created at run time, and every secret it handed out.
import type { ApplicationProfileSpec, DeviceFlowSpec, World } from './world';
import { cloneWorld, validateWorld } from './world';

/** Milliseconds since the epoch; injectable so tests can move time (token expiry, cost dates). */
export type Clock = () => number;

export interface OidcClient {
  clientId: string;
  clientSecret: string;
  clientName: string;
  scopes: string[];
  /** As registered; absent = the service's default (device code and refresh token). */
  grantTypes?: string[];
  redirectUris?: string[];
  issuerUrl?: string;
  issuedAtSec: number;
  expiresAtSec: number;
}

export type DeviceStatus = 'pending' | 'approved' | 'denied' | 'consumed';

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  startUrl: string;
  createdAtMs: number;
  expiresAtMs: number;
  interval: number;
  polls: number;
  lastPollMs?: number;
  status: DeviceStatus;
  userName?: string;
}

/** A code issued by the authorize page, waiting to be exchanged once (PKCE, S256). */
export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  userName: string;
  expiresAtMs: number;
  used: boolean;
}

export interface SsoSession {
  /** Groups an access token with the refresh tokens of the same sign-in (Logout revokes all). */
  sessionId: number;
  userName: string;
  clientId: string;
  scopes: string[];
}

export interface AccessTokenRecord extends SsoSession {
  token: string;
  expiresAtMs: number;
  revoked: boolean;
}

export interface RefreshTokenRecord extends SsoSession {
  token: string;
  revoked: boolean;
}

export interface RoleSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  userName: string;
  accountId: string;
  roleName: string;
  expiresAtMs: number;
}

export interface ApplicationProfile {
  name: string;
  id: string;
  arn: string;
  accountId: string;
  region: string;
  copyFrom: string;
  modelArns: string[];
  tags: Record<string, string>;
  description?: string;
  createdAt: Date;
  updatedAt: Date;
  clientRequestToken?: string;
}

export class EmulatorState {
  readonly world: World;
  clock: Clock;
  deviceFlow: DeviceFlowSpec;
  /** A refresh token is refused once used (IAM Identity Center may rotate them). */
  rotateRefreshTokens: boolean;
  readonly clients = new Map<string, OidcClient>();
  readonly deviceAuthorizations = new Map<string, DeviceAuthorization>();
  readonly authorizationCodes = new Map<string, AuthorizationCode>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly roleSessions = new Map<string, RoleSession>();
  readonly applicationProfiles: ApplicationProfile[] = [];
  private readonly secrets = new Set<string>();
  private readonly profilesByArn = new Map<string, ApplicationProfile>();
  private indexedCount = -1;
  private nextSessionId = 1;

  constructor(world: World, clock: Clock, startedAt: Date) {
    validateWorld(world);
    this.world = cloneWorld(world);
    this.clock = clock;
    this.deviceFlow = { ...(world.deviceFlow ?? {}) };
    this.rotateRefreshTokens = world.sso?.rotateRefreshTokens === true;
    // API keys are secrets the product must never print either, so a leak test gets them too.
    for (const key of this.world.apiKeys ?? []) this.secrets.add(key.key);
    for (const spec of this.world.applicationProfiles ?? []) {
      this.applicationProfiles.push(this.profileFromSpec(spec, startedAt));
    }
  }

  /**
   * An application profile by ARN without scanning the list (an organisation-sized world has
   * tens of thousands). Create pushes and delete splices, so a changed length means a rebuild.
   */
  applicationProfileByArn(arn: string): ApplicationProfile | undefined {
    if (this.indexedCount !== this.applicationProfiles.length) {
      this.profilesByArn.clear();
      for (const profile of this.applicationProfiles) this.profilesByArn.set(profile.arn, profile);
      this.indexedCount = this.applicationProfiles.length;
    }
    return this.profilesByArn.get(arn);
  }

  now(): number {
    return this.clock();
  }

  /** Remembers a secret so issuedSecrets() can hand it to a leak test; returns it unchanged. */
  secret<T extends string>(value: T): T {
    this.secrets.add(value);
    return value;
  }

  issuedSecrets(): string[] {
    return [...this.secrets];
  }

  newSessionId(): number {
    return this.nextSessionId++;
  }

  user(userName: string) {
    return this.world.users.find((u) => u.userName === userName);
  }

  account(accountId: string) {
    return this.world.accounts.find((a) => a.id === accountId);
  }

  role(roleName: string) {
    return this.world.roles.find((r) => r.name === roleName);
  }

  systemProfile(id: string) {
    return this.world.systemProfiles.find((p) => p.id === id);
  }

  /** Foundation-model ARNs an inference profile routes to, from its copyFrom source. */
  modelArnsFor(copyFrom: string): string[] | undefined {
    const fm = /^arn:aws:bedrock:([a-z0-9-]+)::foundation-model\/(.+)$/.exec(copyFrom);
    if (fm) {
      const modelId = fm[2] ?? '';
      return this.world.systemProfiles.some((p) => p.modelId === modelId) ? [copyFrom] : undefined;
    }
    const id = copyFrom.startsWith('arn:') ? /inference-profile\/(.+)$/.exec(copyFrom)?.[1] : copyFrom;
    const system = id === undefined ? undefined : this.systemProfile(id);
    return system?.modelRegions.map((r) => `arn:aws:bedrock:${r}::foundation-model/${system.modelId}`);
  }

  private profileFromSpec(spec: ApplicationProfileSpec, startedAt: Date): ApplicationProfile {
    const created = spec.createdAt === undefined ? startedAt : new Date(spec.createdAt);
    return {
      name: spec.name,
      id: spec.id,
      arn: applicationProfileArn(spec.region, spec.accountId, spec.id),
      accountId: spec.accountId,
      region: spec.region,
      copyFrom: spec.copyFrom,
      modelArns: this.modelArnsFor(spec.copyFrom) ?? [],
      tags: { ...spec.tags },
      ...(spec.description === undefined ? {} : { description: spec.description }),
      createdAt: created,
      updatedAt: created,
    };
  }
}

export function applicationProfileArn(region: string, accountId: string, id: string): string {
  return `arn:aws:bedrock:${region}:${accountId}:application-inference-profile/${id}`;
}

export function systemProfileArn(region: string, accountId: string, id: string): string {
  return `arn:aws:bedrock:${region}:${accountId}:inference-profile/${id}`;
}
