import { ListCostAllocationTagsCommand, UpdateCostAllocationTagsStatusCommand, type CostAllocationTag } from '@aws-sdk/client-cost-explorer';
import { describeAwsError } from '../../awsErrors/describeAwsError';
import { UserFacingError } from '../../runtime/userFacingError';
import type { AdminCheck } from './adminCheck';
import { manualFix } from './adminCheck';
import { adminCallDescription } from './adminCallDescription';
import type { AdminClients } from './adminClients';
import type { AdminCheckOptions } from './adminCheckOptions';

const TITLE = 'Cost allocation tags';
const SERVICE = 'Cost Explorer';

/**
 * Each tag key the product puts on profiles is known to Billing and active as a cost
 * allocation tag; without that every developer's Cost Explorer figure stays $0.00. Billing
 * only lists a key after a tagged resource has been seen (about a day after the first
 * profile), so a missing key cannot be activated yet; an inactive one can (`--fix`).
 */
export async function checkCostAllocationTags(clients: AdminClients, options: AdminCheckOptions): Promise<AdminCheck> {
  const keys = [...new Set([options.tagKeys.developer, options.tagKeys.team])];
  const found = new Map<string, CostAllocationTag>();
  try {
    let token: string | undefined;
    do {
      const page = await clients.costExplorer().send(new ListCostAllocationTagsCommand({ TagKeys: keys, Type: 'UserDefined', ...(token ? { NextToken: token } : {}) }), { abortSignal: options.signal });
      for (const tag of page.CostAllocationTags ?? []) if (tag.TagKey) found.set(tag.TagKey, tag);
      token = page.NextToken;
    } while (token);
  } catch (error) {
    return { id: 'cost-allocation-tags', title: TITLE, status: 'fail', detail: describeAwsError(adminCallDescription(SERVICE, 'ListCostAllocationTags', 'ce:ListCostAllocationTags', options.profileName), error).message };
  }
  const unknown = keys.filter((k) => !found.has(k));
  const inactive = keys.filter((k) => found.get(k)?.Status === 'Inactive');
  const active = keys.filter((k) => found.get(k)?.Status === 'Active');
  const sentences: string[] = [];
  if (unknown.length > 0) {
    sentences.push(`${list(unknown)} ${unknown.length === 1 ? 'is' : 'are'} not known to Billing yet: a key appears about a day after the first resource carrying it (a developer's application inference profile) exists, so create the profiles (admin sync or create-profiles) and check again tomorrow`);
  }
  if (inactive.length > 0) sentences.push(`${list(inactive)} ${inactive.length === 1 ? 'is not activated as a cost allocation tag' : 'are not activated as cost allocation tags'}, so Cost Explorer cannot group cost by ${inactive.length === 1 ? 'it' : 'them'}`);
  if (sentences.length === 0) return { id: 'cost-allocation-tags', title: TITLE, status: 'pass', detail: `${list(active)} ${active.length === 1 ? 'is an active cost allocation tag' : 'are active cost allocation tags'}.` };
  return {
    id: 'cost-allocation-tags',
    title: TITLE,
    status: 'fail',
    detail: `${sentences.join('; ')}.`,
    ...(inactive.length > 0
      ? { repair: activation(clients, inactive, options), fix: manualFix('Activate them (admin check --fix, or Billing → Cost allocation tags → Activate)') }
      : { fix: manualFix('Create the developers\' profiles, then check again after a day') }),
  };
}

function activation(clients: AdminClients, keys: readonly string[], options: AdminCheckOptions) {
  return {
    title: `Activate ${list(keys)} as cost allocation ${keys.length === 1 ? 'tag' : 'tags'}`,
    changes: keys.map((k) => `cost allocation tag ${k}: Inactive → Active`),
    apply: async (signal?: AbortSignal): Promise<string[]> => {
      let output;
      try {
        output = await clients.costExplorer().send(new UpdateCostAllocationTagsStatusCommand({ CostAllocationTagsStatus: keys.map((TagKey) => ({ TagKey, Status: 'Active' })) }), { abortSignal: signal ?? options.signal });
      } catch (error) {
        throw describeAwsError(adminCallDescription(SERVICE, 'UpdateCostAllocationTagsStatus', 'ce:UpdateCostAllocationTagsStatus', options.profileName), error);
      }
      const errors = output.Errors ?? [];
      const refused = new Set(errors.map((e) => e.TagKey));
      const done = keys.filter((k) => !refused.has(k));
      if (done.length === 0) throw new UserFacingError(`Billing refused to activate ${errors.map((e) => `${e.TagKey ?? '?'} (${e.Message ?? e.Code ?? 'no reason given'})`).join(', ')}; try again from Billing → Cost allocation tags.`, 'admin.tag-activation-refused');
      return [
        `Activated ${list(done)} as cost allocation ${done.length === 1 ? 'tag' : 'tags'}; cost carrying ${done.length === 1 ? 'it' : 'them'} appears in Cost Explorer about a day from now (earlier months only through a backfill in the Billing console).`,
        ...errors.map((e) => `Billing refused to activate ${e.TagKey ?? '?'}: ${e.Message ?? e.Code ?? 'no reason given'}.`),
      ];
    },
  };
}

function list(keys: readonly string[]): string {
  return keys.map((k) => `"${k}"`).join(' and ');
}
