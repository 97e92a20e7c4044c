// Looking up inference profiles the way Bedrock does: by id or ARN, scoped to the caller's
// account and the region of the endpoint that was called.
import type { Caller } from './identity';
import { systemProfileArn } from './state';
import type { ApplicationProfile, EmulatorState } from './state';
import type { SystemProfileSpec } from './world';

/** System profiles have no creation time in the world; AWS shows their launch date. */
export const SYSTEM_PROFILE_DATE = new Date('2025-01-01T00:00:00Z');

export type ProfileMatch =
  | { kind: 'application'; profile: ApplicationProfile }
  | { kind: 'system'; profile: SystemProfileSpec; arn: string }
  | { kind: 'foundation-model'; modelId: string; arn: string }
  | { kind: 'none'; resourceArn: string };

export function systemProfilesIn(state: EmulatorState, region: string): SystemProfileSpec[] {
  return state.world.systemProfiles.filter((p) => p.regions.includes(region));
}

export function applicationProfilesIn(state: EmulatorState, accountId: string, region: string): ApplicationProfile[] {
  return state.applicationProfiles.filter((p) => p.accountId === accountId && p.region === region);
}

export function systemModelArns(profile: SystemProfileSpec): string[] {
  return profile.modelRegions.map((r) => `arn:aws:bedrock:${r}::foundation-model/${profile.modelId}`);
}

/**
 * Resolves an inference-profile identifier (GetInferenceProfile, runtime modelId, tag ARNs).
 * `none` carries the ARN IAM would evaluate, so denials still name a resource.
 */
export function findProfile(state: EmulatorState, caller: Caller, region: string, identifier: string): ProfileMatch {
  const account = caller.accountId;
  const app = /^arn:aws:bedrock:([a-z0-9-]+):(\d{12}):application-inference-profile\/([a-z0-9]+)$/.exec(identifier);
  if (app) {
    const found = state.applicationProfileByArn(identifier);
    const profile = found !== undefined && found.region === region && found.accountId === account ? found : undefined;
    return profile ? { kind: 'application', profile } : { kind: 'none', resourceArn: identifier };
  }
  const sys = /^arn:aws:bedrock:([a-z0-9-]+):(\d{12}):inference-profile\/(.+)$/.exec(identifier);
  if (sys) {
    const profile = sys[1] === region && sys[2] === account ? systemProfilesIn(state, region).find((p) => p.id === sys[3]) : undefined;
    return profile ? { kind: 'system', profile, arn: identifier } : { kind: 'none', resourceArn: identifier };
  }
  const fm = /^arn:aws:bedrock:([a-z0-9-]+)::foundation-model\/(.+)$/.exec(identifier);
  if (fm) {
    const modelId = fm[2] ?? '';
    const known = fm[1] === region && state.world.systemProfiles.some((p) => p.modelId === modelId);
    return known ? { kind: 'foundation-model', modelId, arn: identifier } : { kind: 'none', resourceArn: identifier };
  }
  const byId = applicationProfilesIn(state, account, region).find((p) => p.id === identifier);
  if (byId) return { kind: 'application', profile: byId };
  const system = systemProfilesIn(state, region).find((p) => p.id === identifier);
  if (system) return { kind: 'system', profile: system, arn: systemProfileArn(region, account, system.id) };
  if (state.world.systemProfiles.some((p) => p.modelId === identifier)) {
    return { kind: 'foundation-model', modelId: identifier, arn: `arn:aws:bedrock:${region}::foundation-model/${identifier}` };
  }
  const resourceArn = /^[a-z0-9]{12}$/.test(identifier)
    ? `arn:aws:bedrock:${region}:${account}:application-inference-profile/${identifier}`
    : `arn:aws:bedrock:${region}:${account}:inference-profile/${identifier}`;
  return { kind: 'none', resourceArn };
}
