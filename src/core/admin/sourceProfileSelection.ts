import { tierOfModel } from '../discovery/modelTier';
import type { ProfileTier } from '../orgDefaults/orgDefaults';

/** A system-defined inference profile (or foundation model) a developer's profile copies from. */
export interface SourceProfile {
  readonly id: string;
  /** What `modelSource.copyFrom` gets. */
  readonly arn: string;
  readonly modelArns: readonly string[];
}

export interface SystemProfileSummary extends SourceProfile {
  readonly status: string;
}

/** The cross-region prefix Bedrock uses for a region's geography (`us.anthropic…`). */
export function geographyOf(region: string): string {
  if (region.startsWith('us-gov-')) return 'us-gov';
  const area = region.split('-')[0] ?? '';
  return area === 'ap' ? 'apac' : area;
}

/**
 * The version of a Claude model id as numbers to compare: model version, release date,
 * API version. `anthropic.claude-opus-4-1-20250805-v1:0` → [4, 1, 20250805, 1];
 * the older `claude-3-5-haiku-…` order gives [3, 5, …] just the same.
 */
export function modelVersionKey(id: string): number[] {
  const model = id.slice(id.indexOf('claude'));
  const date = /-(\d{8})(?:-|$)/.exec(model)?.[1];
  const api = /-v(\d+)(?::\d+)?$/.exec(model)?.[1];
  const core = model.replace(/-\d{8}.*$/, '').replace(/-v\d+(?::\d+)?$/, '');
  const version = [...core.matchAll(/(?:^|-)(\d{1,2})(?=-|$)/g)].map((m) => Number(m[1]));
  return [...version.slice(0, 2), ...Array<number>(Math.max(0, 2 - version.length)).fill(0), Number(date ?? 0), Number(api ?? 0)];
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

export interface SourceSelection {
  readonly sources: Partial<Record<ProfileTier, SourceProfile>>;
  /** One sentence per tier that could not be served. */
  readonly problems: readonly string[];
}

/**
 * Chooses what each tier's profiles copy from: the admin's explicit choice when given
 * (an id or ARN of a listed system profile, or a foundation-model ARN), otherwise the
 * newest active Claude system profile of the tier in the region's geography.
 */
export function selectSourceProfiles(
  systemProfiles: readonly SystemProfileSummary[],
  options: { readonly region: string; readonly tiers: readonly ProfileTier[]; readonly explicit?: Readonly<Partial<Record<ProfileTier, string>>>; readonly geography?: string },
): SourceSelection {
  const geography = options.geography ?? geographyOf(options.region);
  const sources: Partial<Record<ProfileTier, SourceProfile>> = {};
  const problems: string[] = [];
  for (const tier of options.tiers) {
    const explicit = options.explicit?.[tier];
    if (explicit !== undefined) {
      if (/^arn:aws[a-z-]*:bedrock:[a-z0-9-]+::foundation-model\/.+/.test(explicit)) {
        sources[tier] = { id: explicit.slice(explicit.indexOf('/') + 1), arn: explicit, modelArns: [explicit] };
        continue;
      }
      const found = systemProfiles.find((p) => p.id === explicit || p.arn === explicit);
      if (found) sources[tier] = found;
      else problems.push(`the ${tier} source ${JSON.stringify(explicit)} is not a system-defined inference profile in ${options.region} (nor a foundation-model ARN)`);
      continue;
    }
    const candidates = systemProfiles
      .filter((p) => p.status === 'ACTIVE' && p.id.startsWith(`${geography}.anthropic.claude`) && tierOfModel(p.id) === tier)
      .sort((a, b) => compareKeys(modelVersionKey(b.id), modelVersionKey(a.id)));
    const newest = candidates[0];
    if (newest) sources[tier] = newest;
    else problems.push(`no active ${geography}. Claude ${tier} system-defined inference profile was found in ${options.region}; name one with --source-profile ${tier}=<id>`);
  }
  return { sources, problems };
}
