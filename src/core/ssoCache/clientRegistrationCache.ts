import * as path from 'node:path';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import { registerSecret } from '../secrets/redact';
import { optionalString, readCacheJson, writeCacheJsonPreservingUnknown, type CacheFileProblem } from './cacheJsonFile';
import { formatCacheTimestamp, parseCacheTimestamp } from './cacheTimestamp';
import { pythonJsonDumps } from './pythonJson';
import { sha1Hex, ssoCacheDirectory } from './ssoCachePaths';
import { cacheWriteError } from './tokenCache';

/** What the AWS CLI keys a client registration on. */
export interface ClientRegistrationScope {
  /** The start URL exactly as configured. */
  readonly startUrl: string;
  /** The SSO (OIDC) region. */
  readonly region: string;
  /** The parsed `sso_registration_scopes`; undefined when the session sets none. */
  readonly scopes?: readonly string[];
  /** The sso-session name; undefined for a legacy profile. */
  readonly sessionName?: string;
}

export interface CachedClientRegistration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly expiresAt: Date;
  readonly scopes?: readonly string[];
  /** Present for registrations made for the authorization-code (PKCE) flow. */
  readonly grantTypes?: readonly string[];
}

export interface ClientRegistrationRead {
  readonly path: string;
  readonly registration?: CachedClientRegistration;
  readonly problem?: CacheFileProblem;
}

/**
 * botocore's `SSOTokenFetcher._registration_cache_key`: sha1 of
 * `json.dumps({"tool": "botocore", "startUrl", "region", "scopes", "session_name"}, sort_keys=True)`.
 * Using the same key lets the CLI reuse a registration this extension made, and the
 * other way round.
 */
export function clientRegistrationCacheKey(scope: ClientRegistrationScope): string {
  return sha1Hex(
    pythonJsonDumps(
      { tool: 'botocore', startUrl: scope.startUrl, region: scope.region, scopes: scope.scopes ?? null, session_name: scope.sessionName ?? null },
      { sortKeys: true },
    ),
  );
}

export function clientRegistrationPath(env: Pick<CoreEnvironment, 'homeDir'>, scope: ClientRegistrationScope): string {
  return path.join(ssoCacheDirectory(env), `${clientRegistrationCacheKey(scope)}.json`);
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item): item is string => typeof item === 'string') ? value : undefined;
}

/** Reads a cached client registration; like token reads it never throws. */
export async function readClientRegistration(env: Pick<CoreEnvironment, 'homeDir'>, scope: ClientRegistrationScope): Promise<ClientRegistrationRead> {
  const file = clientRegistrationPath(env, scope);
  const { data, problem } = await readCacheJson(file);
  if (!data) return problem ? { path: file, problem } : { path: file };
  const clientId = optionalString(data, 'clientId');
  const clientSecret = optionalString(data, 'clientSecret');
  registerSecret(clientSecret);
  const expiresAtText = optionalString(data, 'expiresAt');
  const expiresAt = expiresAtText === undefined ? undefined : parseCacheTimestamp(expiresAtText);
  if (!clientId || !clientSecret || !expiresAt) return { path: file, problem: 'invalid-fields' };
  const scopes = stringList(data['scopes']);
  const grantTypes = stringList(data['grantTypes']);
  return {
    path: file,
    registration: { clientId, clientSecret, expiresAt, ...(scopes ? { scopes } : {}), ...(grantTypes ? { grantTypes } : {}) },
  };
}

/** Writes a client registration in the CLI's format (keeping unknown fields); returns the path. */
export async function writeClientRegistration(
  env: Pick<CoreEnvironment, 'homeDir'>,
  scope: ClientRegistrationScope,
  registration: CachedClientRegistration,
): Promise<string> {
  const file = clientRegistrationPath(env, scope);
  registerSecret(registration.clientSecret);
  const fields: Record<string, unknown> = {
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    expiresAt: formatCacheTimestamp(registration.expiresAt),
  };
  if (registration.scopes !== undefined) fields['scopes'] = [...registration.scopes];
  if (registration.grantTypes !== undefined) fields['grantTypes'] = [...registration.grantTypes];
  try {
    await writeCacheJsonPreservingUnknown(file, fields, ['clientId', 'clientSecret', 'expiresAt', 'scopes', 'grantTypes']);
  } catch (error) {
    throw cacheWriteError(error, file, env);
  }
  return file;
}
