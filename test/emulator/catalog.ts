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

const US_REGIONS = ['us-east-1', 'us-east-2', 'us-west-2'];

/**
 * The Claude models newer than the default world's 4.x ones, as US system profiles with the
 * ids Claude Code 2.1.332 uses on Bedrock (its model catalog's `provider_ids.bedrock`,
 * e.g. `us.anthropic.claude-fable-5-2` — no date or `-v1:0` suffix for these generations).
 * Kept out of worlds/default.json so the admin batch's "newest model per tier" stays the
 * 4.x one its tests expect; worlds that need them add them with `withCurrentClaudeModels`.
 */
export const CURRENT_CLAUDE_SYSTEM_PROFILES: readonly SystemProfileSpec[] = [
  ['claude-fable-5', 'Claude Fable 5'],
  ['claude-fable-5-1', 'Claude Fable 5.1'],
  ['claude-fable-5-2', 'Claude Fable 5.2'],
  ['claude-opus-5', 'Claude Opus 5'],
  ['claude-opus-5-5', 'Claude Opus 5.5'],
  ['claude-sonnet-5', 'Claude Sonnet 5'],
  ['claude-sonnet-5-5', 'Claude Sonnet 5.5'],
  ['claude-haiku-5-5', 'Claude Haiku 5.5'],
].map(([model = '', title = '']) => ({
  id: `us.anthropic.${model}`,
  name: `US Anthropic ${title}`,
  description: `Routes requests to Anthropic ${title} in us-east-1, us-east-2 and us-west-2.`,
  regions: US_REGIONS,
  modelId: `anthropic.${model}`,
  modelRegions: US_REGIONS,
}));

/** `world` with the current Claude models' system profiles added (those it lacks). */
export function withCurrentClaudeModels<W extends { systemProfiles: SystemProfileSpec[] }>(world: W): W {
  const known = new Set(world.systemProfiles.map((profile) => profile.id));
  return { ...world, systemProfiles: [...world.systemProfiles, ...CURRENT_CLAUDE_SYSTEM_PROFILES.filter((profile) => !known.has(profile.id)).map((profile) => ({ ...profile, regions: [...profile.regions], modelRegions: [...profile.modelRegions] }))] };
}
