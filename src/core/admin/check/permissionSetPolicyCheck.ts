import {
  DescribePermissionSetCommand,
  DescribePermissionSetProvisioningStatusCommand,
  GetInlinePolicyForPermissionSetCommand,
  ListPermissionSetsCommand,
  ProvisionPermissionSetCommand,
  PutInlinePolicyToPermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import { describeAwsError } from '../../awsErrors/describeAwsError';
import { UserFacingError } from '../../runtime/userFacingError';
import { generatePermissionSetPolicy } from '../permissionSetPolicy';
import type { AdminCheck, AdminRepair } from './adminCheck';
import { manualFix } from './adminCheck';
import { adminCallDescription } from './adminCallDescription';
import type { AdminClients } from './adminClients';
import type { AdminCheckOptions } from './adminCheckOptions';
import type { IdentityCenterInstance } from './identityCenterCheck';
import { comparePolicies, mergedPolicy, sidOf } from './policyEquivalence';
import { waitWhileInProgress } from './requestStatusPolling';

const TITLE = "Developers' permission set policy";
const SERVICE = 'IAM Identity Center';

export interface PermissionSetRef {
  readonly name: string;
  readonly arn: string;
}

/** Finds a permission set by name (ListPermissionSets only gives ARNs, so each is described until found). */
export async function findPermissionSet(clients: AdminClients, instance: IdentityCenterInstance, name: string, signal?: AbortSignal): Promise<PermissionSetRef | undefined> {
  let token: string | undefined;
  do {
    const page = await clients.ssoAdmin().send(new ListPermissionSetsCommand({ InstanceArn: instance.instanceArn, MaxResults: 100, ...(token ? { NextToken: token } : {}) }), { abortSignal: signal });
    for (const arn of page.PermissionSets ?? []) {
      const described = await clients.ssoAdmin().send(new DescribePermissionSetCommand({ InstanceArn: instance.instanceArn, PermissionSetArn: arn }), { abortSignal: signal });
      if (described.PermissionSet?.Name === name) return { name, arn };
    }
    token = page.NextToken;
  } while (token);
  return undefined;
}

/**
 * The developers' permission set carries an inline policy that grants at least what `admin
 * policy` generates for this organisation. `--fix` puts the generated statements (keeping
 * the admin's own other statements) and provisions the set to its accounts, waiting for
 * IAM Identity Center to report the provisioning done.
 */
export async function checkPermissionSetPolicy(clients: AdminClients, instance: IdentityCenterInstance, options: AdminCheckOptions): Promise<{ check: AdminCheck; permissionSet?: PermissionSetRef }> {
  const name = options.permissionSetName;
  if (!name) return { check: { id: 'permission-set-policy', title: TITLE, status: 'skip', detail: 'No permission set is named (the org defaults\' roleName, or --permission-set), so its policy was not checked.' } };
  const call = (operation: string) => adminCallDescription(SERVICE, operation, `sso:${operation}`, options.profileName);
  let permissionSet: PermissionSetRef | undefined;
  let text: string | undefined;
  try {
    permissionSet = await findPermissionSet(clients, instance, name, options.signal);
    if (!permissionSet) {
      return { check: { id: 'permission-set-policy', title: TITLE, status: 'fail', detail: `IAM Identity Center has no permission set named "${name}"; create it (IAM Identity Center → Permission sets → Create, custom) and run the check again.`, fix: manualFix(`Create the permission set "${name}"`) } };
    }
    text = (await clients.ssoAdmin().send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn: instance.instanceArn, PermissionSetArn: permissionSet.arn }), { abortSignal: options.signal })).InlinePolicy;
  } catch (error) {
    return { check: { id: 'permission-set-policy', title: TITLE, status: 'fail', detail: describeAwsError(call(permissionSet ? 'GetInlinePolicyForPermissionSet' : 'ListPermissionSets'), error).message } };
  }
  const wanted = generatePermissionSetPolicy(options.policy);
  let actual: unknown;
  try {
    actual = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    actual = undefined;
  }
  const { missing, extra } = comparePolicies(wanted, actual);
  if (missing.length === 0) {
    const more = extra.length > 0 ? ` It also has ${extra.length} statement(s) of its own (${extra.map((s) => sidOf(s) ?? 'no Sid').join(', ')}); make sure they grant nothing developers should not have.` : '';
    return { check: { id: 'permission-set-policy', title: TITLE, status: extra.length > 0 ? 'warn' : 'pass', detail: `"${name}" carries every statement of the generated policy.${more}` }, permissionSet };
  }
  const detail = text
    ? `"${name}" lacks ${missing.length} statement(s) of the generated policy (${missing.map((s) => s.Sid).join(', ')}), so developers cannot list or use their profiles as intended.`
    : `"${name}" has no inline policy, so developers can neither find nor invoke their profiles.`;
  return {
    check: { id: 'permission-set-policy', title: TITLE, status: 'fail', detail, fix: { title: 'Put the generated policy and provision the permission set (admin check --fix)', cli: 'bedrock-onboard admin policy --explain' }, repair: policyRepair(clients, instance, permissionSet, JSON.stringify(mergedPolicy(wanted, extra)), missing.map((s) => s.Sid), extra, options) },
    permissionSet,
  };
}

function policyRepair(clients: AdminClients, instance: IdentityCenterInstance, set: PermissionSetRef, policy: string, adding: readonly string[], extra: readonly unknown[], options: AdminCheckOptions): AdminRepair {
  const kept = extra.map((s) => sidOf(s) ?? 'a statement without Sid');
  return {
    title: `Put the generated inline policy on "${set.name}" and provision it to its accounts`,
    changes: [
      `inline policy of ${set.name}: add or update ${adding.join(', ')}${kept.length > 0 ? `; keep ${kept.join(', ')}` : ''} (${policy.length} characters)`,
      `provision ${set.name} to every account it is assigned in (ALL_PROVISIONED_ACCOUNTS)`,
    ],
    apply: async (signal?: AbortSignal): Promise<string[]> => {
      const abortSignal = signal ?? options.signal;
      const send = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
        try {
          return await run();
        } catch (error) {
          throw describeAwsError(adminCallDescription(SERVICE, operation, `sso:${operation}`, options.profileName), error);
        }
      };
      await send('PutInlinePolicyToPermissionSet', () => clients.ssoAdmin().send(new PutInlinePolicyToPermissionSetCommand({ InstanceArn: instance.instanceArn, PermissionSetArn: set.arn, InlinePolicy: policy }), { abortSignal }));
      const started = await send('ProvisionPermissionSet', () => clients.ssoAdmin().send(new ProvisionPermissionSetCommand({ InstanceArn: instance.instanceArn, PermissionSetArn: set.arn, TargetType: 'ALL_PROVISIONED_ACCOUNTS' }), { abortSignal }));
      const { status, reason } = await waitWhileInProgress(
        { requestId: started.PermissionSetProvisioningStatus?.RequestId, status: started.PermissionSetProvisioningStatus?.Status },
        async (requestId) => {
          const described = await send('DescribePermissionSetProvisioningStatus', () =>
            clients.ssoAdmin().send(new DescribePermissionSetProvisioningStatusCommand({ InstanceArn: instance.instanceArn, ProvisionPermissionSetRequestId: requestId }), { abortSignal }),
          );
          return { status: described.PermissionSetProvisioningStatus?.Status, reason: described.PermissionSetProvisioningStatus?.FailureReason };
        },
        options,
        abortSignal,
        'Waiting for the permission set to be provisioned',
      );
      if (status === 'FAILED') throw new UserFacingError(`The policy was put on "${set.name}", but provisioning it failed (${reason ?? 'no reason given'}); provision it again from IAM Identity Center → Permission sets.`, 'admin.provisioning-failed');
      if (status !== 'SUCCEEDED') throw new UserFacingError(`The policy was put on "${set.name}", but provisioning was still ${status ?? 'unreported'} after waiting; check IAM Identity Center → Permission sets → ${set.name} later.`, 'admin.provisioning-pending');
      return [`Put the generated policy on "${set.name}" and provisioned it to its accounts; developers get it at their next sign-in.`];
    },
  };
}
