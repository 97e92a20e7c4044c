import { getCallerIdentity } from '../../identity/callerIdentity';
import { profileCredentials } from '../../identity/profileCredentials';
import type { AdminCheck } from './adminCheck';
import { AdminClients } from './adminClients';
import type { AdminCheckOptions } from './adminCheckOptions';
import { checkAccessControlAttributes } from './accessControlAttributesCheck';
import { checkApplicationProfiles } from './applicationProfilesCheck';
import { checkBedrockRegion, type RegionModels } from './bedrockRegionCheck';
import { checkCostAllocationTags } from './costAllocationTagsCheck';
import { checkCostExplorer } from './costExplorerCheck';
import { checkGroupAssignment } from './groupAssignmentCheck';
import { checkIdentityCenter } from './identityCenterCheck';
import { checkPermissionSetPolicy } from './permissionSetPolicyCheck';

/** The report, and the clients its repairs use: call close() when done with both. */
export interface AdminCheckRun {
  readonly checks: readonly AdminCheck[];
  close(): void;
}

const skipped = (id: AdminCheck['id'], title: string, because: string): AdminCheck => ({ id, title, status: 'skip', detail: `Skipped because ${because}; fix that first.` });

/**
 * Walks the administrator's checklist in three independent strands (Bedrock per region then
 * the profiles; Cost Explorer then its tags; IAM Identity Center then its attributes, the
 * permission set and the group), each check skipped when the one it builds on failed.
 * Never throws for a failed AWS call: it is that check's failure.
 */
export async function runAdminChecks(options: AdminCheckOptions, now: Date = new Date()): Promise<AdminCheckRun> {
  const clients = new AdminClients(options.identityCenterRegion, options.credentials);
  const bedrock = async (): Promise<AdminCheck[]> => {
    const regions = await Promise.all(options.regions.map((region) => checkBedrockRegion(clients, region, options)));
    const models = regions.flatMap((r) => (r.models ? [r.models] : [])) satisfies RegionModels[];
    const profiles = models.length > 0 ? await checkApplicationProfiles(clients, models, options) : skipped('application-profiles', 'Developer application inference profiles', 'Bedrock could not be reached in any allowed region');
    return [...regions.map((r) => r.check), profiles];
  };
  const billing = async (): Promise<AdminCheck[]> => {
    const explorer = await checkCostExplorer(clients, options, now);
    const tags = explorer.status === 'fail' ? skipped('cost-allocation-tags', 'Cost allocation tags', '"Cost Explorer" failed') : await checkCostAllocationTags(clients, options);
    return [explorer, tags];
  };
  const identity = async (): Promise<AdminCheck[]> => {
    const { check: instanceCheck, instance } = await checkIdentityCenter(clients, options);
    if (!instance) {
      const because = '"IAM Identity Center instance" failed';
      return [
        instanceCheck,
        skipped('access-control-attributes', 'Attributes for access control (ABAC)', because),
        skipped('permission-set-policy', "Developers' permission set policy", because),
        skipped('group-assignment', 'Developer group assigned to the account', because),
      ];
    }
    const [attributes, policy] = await Promise.all([checkAccessControlAttributes(clients, instance, options), checkPermissionSetPolicy(clients, instance, options)]);
    let group: AdminCheck;
    if (!policy.permissionSet) group = skipped('group-assignment', 'Developer group assigned to the account', 'the permission set was not found');
    else {
      const accountId = options.accountId ?? (await accountOfCaller(options));
      group = accountId
        ? await checkGroupAssignment(clients, instance, policy.permissionSet, accountId, options)
        : { id: 'group-assignment', title: 'Developer group assigned to the account', status: 'skip', detail: 'The account could not be determined; pass --account-id.' };
    }
    return [instanceCheck, attributes.check, policy.check, group];
  };
  try {
    const [b, c, i] = await Promise.all([bedrock(), billing(), identity()]);
    return { checks: [...b, ...c, ...i], close: () => { clients.destroy(); } };
  } catch (error) {
    clients.destroy();
    throw error;
  }
}

async function accountOfCaller(options: AdminCheckOptions): Promise<string | undefined> {
  try {
    const identity = await getCallerIdentity({ region: options.identityCenterRegion, credentials: options.credentials ?? profileCredentials(undefined), ...(options.signal ? { abortSignal: options.signal } : {}) });
    return identity.account;
  } catch {
    return undefined;
  }
}
