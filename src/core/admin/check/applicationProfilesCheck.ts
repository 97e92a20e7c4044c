import { describeAwsError } from '../../awsErrors/describeAwsError';
import { PROFILE_TIERS, type ProfileTier } from '../../orgDefaults/orgDefaults';
import { listProfilesPage, listResourceTags, type ProfileSummary } from '../bedrockAdminCalls';
import { applicationProfileName } from '../profileNaming';
import type { AdminCheck } from './adminCheck';
import { adminCallDescription } from './adminCallDescription';
import type { AdminClients } from './adminClients';
import type { AdminCheckOptions } from './adminCheckOptions';
import type { RegionModels } from './bedrockRegionCheck';

const TITLE = 'Developer application inference profiles';
const EXAMPLES = 5;
const CONCURRENCY = 8;

/** `claude-code-<tier>-…`: a profile this product made (or should have). */
export function tierOfProfileName(name: string): ProfileTier | undefined {
  return PROFILE_TIERS.find((tier) => name.startsWith(`claude-code-${tier}-`));
}

/** Every application profile of a region (all pages). */
export async function listApplicationProfiles(clients: AdminClients, region: string, signal?: AbortSignal): Promise<ProfileSummary[]> {
  const profiles: ProfileSummary[] = [];
  let token: string | undefined;
  do {
    const page = await listProfilesPage(clients.bedrock(region), 'APPLICATION', token, signal);
    profiles.push(...page.profiles);
    token = page.nextToken;
  } while (token);
  return profiles;
}

/**
 * Every developer profile (named `claude-code-<tier>-…`) carries both ABAC tag keys (without
 * them ABAC refuses it and its cost is attributed to nobody), is named by the convention for
 * the developer its tag names, and copies the model the tier's profiles copy today.
 */
export async function checkApplicationProfiles(clients: AdminClients, regionModels: readonly RegionModels[], options: AdminCheckOptions): Promise<AdminCheck> {
  const untagged: string[] = [];
  const misnamed: string[] = [];
  const outdated: string[] = [];
  let total = 0;
  for (const { region, sources } of regionModels) {
    let profiles: ProfileSummary[];
    try {
      profiles = (await listApplicationProfiles(clients, region, options.signal)).filter((p) => tierOfProfileName(p.name) !== undefined);
    } catch (error) {
      return { id: 'application-profiles', title: TITLE, status: 'fail', detail: describeAwsError(adminCallDescription('Amazon Bedrock', 'ListInferenceProfiles', 'bedrock:ListInferenceProfiles', options.profileName), error).message };
    }
    total += profiles.length;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < profiles.length) {
        const profile = profiles[next++] as ProfileSummary;
        const tier = tierOfProfileName(profile.name) as ProfileTier;
        let tags: Record<string, string>;
        try {
          tags = await listResourceTags(clients.bedrock(region), profile.arn, options.signal);
        } catch (error) {
          untagged.push(`${profile.name} (its tags could not be read: ${describeAwsError(adminCallDescription('Amazon Bedrock', 'ListTagsForResource', 'bedrock:ListTagsForResource', options.profileName), error).message})`);
          continue;
        }
        const developer = tags[options.tagKeys.developer];
        const lacking = [options.tagKeys.developer, options.tagKeys.team].filter((k) => !tags[k]);
        if (lacking.length > 0) untagged.push(`${profile.name} in ${region} lacks ${lacking.join(' and ')}`);
        if (developer && applicationProfileName(tier, developer) !== profile.name) misnamed.push(`${profile.name} (for ${developer} it should be ${applicationProfileName(tier, developer)})`);
        const source = sources[tier];
        if (source && profile.modelArns.length > 0 && !sameModels(profile.modelArns, source.modelArns)) outdated.push(`${profile.name} in ${region} (current ${tier}: ${source.id})`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, Math.max(1, profiles.length)) }, worker));
  }
  if (total === 0) {
    return { id: 'application-profiles', title: TITLE, status: 'warn', detail: `No developer profiles (claude-code-<tier>-<developer>) exist in ${regionModels.map((r) => r.region).join(', ') || 'the allowed regions'} yet; create them with admin sync --group NAME.`, fix: { title: 'Create the profiles', cli: 'bedrock-onboard admin sync --group NAME' } };
  }
  const parts: string[] = [];
  if (untagged.length > 0) parts.push(`${untagged.length} lack an ABAC tag, so their developer is refused them and their cost is attributed to nobody: ${examples(untagged)}`);
  if (misnamed.length > 0) parts.push(`${misnamed.length} are not named by the convention, so a sync would create a second one: ${examples(misnamed)}`);
  if (outdated.length > 0) parts.push(`${outdated.length} copy an older model than the tier's current one: ${examples(outdated)}`);
  if (parts.length === 0) return { id: 'application-profiles', title: TITLE, status: 'pass', detail: `All ${total} developer profiles carry ${options.tagKeys.developer} and ${options.tagKeys.team}, follow the naming convention and copy the current models.` };
  return {
    id: 'application-profiles',
    title: TITLE,
    status: untagged.length > 0 ? 'fail' : 'warn',
    detail: `Of ${total} developer profiles, ${parts.join('; ')}.`,
    fix: { title: 'Delete the listed profiles and recreate them with admin sync (a profile\'s tags and model cannot be changed in place by this tool)' },
  };
}

function sameModels(a: readonly string[], b: readonly string[]): boolean {
  const wanted = new Set(b);
  return a.length === wanted.size && a.every((arn) => wanted.has(arn));
}

function examples(items: readonly string[]): string {
  return items.slice(0, EXAMPLES).join(', ') + (items.length > EXAMPLES ? ` and ${items.length - EXAMPLES} more` : '');
}
