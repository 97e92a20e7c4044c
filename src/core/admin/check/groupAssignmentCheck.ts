import { GetGroupIdCommand } from '@aws-sdk/client-identitystore';
import { CreateAccountAssignmentCommand, DescribeAccountAssignmentCreationStatusCommand, ListAccountAssignmentsCommand } from '@aws-sdk/client-sso-admin';
import { awsErrorName } from '../../awsErrors/awsErrorFields';
import { describeAwsError } from '../../awsErrors/describeAwsError';
import { UserFacingError } from '../../runtime/userFacingError';
import type { AdminCheck, AdminRepair } from './adminCheck';
import { manualFix } from './adminCheck';
import { adminCallDescription } from './adminCallDescription';
import type { AdminClients } from './adminClients';
import type { AdminCheckOptions } from './adminCheckOptions';
import type { IdentityCenterInstance } from './identityCenterCheck';
import type { PermissionSetRef } from './permissionSetPolicyCheck';
import { waitWhileInProgress } from './requestStatusPolling';

const TITLE = 'Developer group assigned to the account';

/** The Identity Store group with this display name, or undefined when there is none. */
export async function groupIdByName(clients: AdminClients, identityStoreId: string, name: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const output = await clients.identityStore().send(
      new GetGroupIdCommand({ IdentityStoreId: identityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: name } } }),
      { abortSignal: signal },
    );
    return output.GroupId;
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** The developers' group exists and holds the permission set in the account developers use. */
export async function checkGroupAssignment(clients: AdminClients, instance: IdentityCenterInstance, permissionSet: PermissionSetRef, accountId: string, options: AdminCheckOptions): Promise<AdminCheck> {
  const group = options.groupName;
  if (!group) return { id: 'group-assignment', title: TITLE, status: 'skip', detail: 'No developer group was named (--group), so its assignment was not checked.' };
  let operation = 'GetGroupId';
  try {
    const groupId = await groupIdByName(clients, instance.identityStoreId, group, options.signal);
    if (!groupId) {
      return {
        id: 'group-assignment',
        title: TITLE,
        status: 'fail',
        detail: `The identity store has no group named "${group}"; create it in your identity provider (SCIM provisioning brings it over within minutes) or in IAM Identity Center → Groups.`,
        fix: manualFix(`Create the group "${group}" in your identity provider`),
      };
    }
    operation = 'ListAccountAssignments';
    let token: string | undefined;
    do {
      const page = await clients.ssoAdmin().send(
        new ListAccountAssignmentsCommand({ InstanceArn: instance.instanceArn, AccountId: accountId, PermissionSetArn: permissionSet.arn, MaxResults: 100, ...(token ? { NextToken: token } : {}) }),
        { abortSignal: options.signal },
      );
      if ((page.AccountAssignments ?? []).some((a) => a.PrincipalType === 'GROUP' && a.PrincipalId === groupId)) {
        return { id: 'group-assignment', title: TITLE, status: 'pass', detail: `"${group}" is assigned "${permissionSet.name}" in account ${accountId}.` };
      }
      token = page.NextToken;
    } while (token);
    return {
      id: 'group-assignment',
      title: TITLE,
      status: 'fail',
      detail: `"${group}" is not assigned "${permissionSet.name}" in account ${accountId}, so its members see no Bedrock role when they sign in.`,
      fix: manualFix(`Assign it (admin check --fix), or in IAM Identity Center → AWS accounts → ${accountId} → Assign users or groups, assign "${group}" with "${permissionSet.name}"`),
      repair: assignmentRepair(clients, instance, permissionSet, accountId, group, groupId, options),
    };
  } catch (error) {
    const service = operation === 'GetGroupId' ? 'Identity Store' : 'IAM Identity Center';
    const prefix = operation === 'GetGroupId' ? 'identitystore' : 'sso';
    return { id: 'group-assignment', title: TITLE, status: 'fail', detail: describeAwsError(adminCallDescription(service, operation, `${prefix}:${operation}`, options.profileName), error).message };
  }
}

function assignmentRepair(clients: AdminClients, instance: IdentityCenterInstance, permissionSet: PermissionSetRef, accountId: string, group: string, groupId: string, options: AdminCheckOptions): AdminRepair {
  return {
    title: `Assign "${group}" the permission set "${permissionSet.name}" in account ${accountId}`,
    changes: [`account ${accountId}: + group ${group} with ${permissionSet.name}`],
    apply: async (signal?: AbortSignal): Promise<string[]> => {
      const abortSignal = signal ?? options.signal;
      const send = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
        try {
          return await run();
        } catch (error) {
          throw describeAwsError(adminCallDescription('IAM Identity Center', operation, `sso:${operation}`, options.profileName), error);
        }
      };
      const started = await send('CreateAccountAssignment', () =>
        clients.ssoAdmin().send(
          new CreateAccountAssignmentCommand({ InstanceArn: instance.instanceArn, TargetId: accountId, TargetType: 'AWS_ACCOUNT', PermissionSetArn: permissionSet.arn, PrincipalType: 'GROUP', PrincipalId: groupId }),
          { abortSignal },
        ),
      );
      const { status, reason } = await waitWhileInProgress(
        { requestId: started.AccountAssignmentCreationStatus?.RequestId, status: started.AccountAssignmentCreationStatus?.Status },
        async (requestId) => {
          const described = await send('DescribeAccountAssignmentCreationStatus', () =>
            clients.ssoAdmin().send(new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: instance.instanceArn, AccountAssignmentCreationRequestId: requestId }), { abortSignal }),
          );
          return { status: described.AccountAssignmentCreationStatus?.Status, reason: described.AccountAssignmentCreationStatus?.FailureReason };
        },
        options,
        abortSignal,
        'Waiting for the account assignment',
      );
      if (status !== 'SUCCEEDED') {
        throw new UserFacingError(`Assigning "${group}" in account ${accountId} ${status === 'FAILED' ? `failed (${reason ?? 'no reason given'})` : `was still ${status ?? 'unreported'} after waiting`}; check IAM Identity Center → AWS accounts → ${accountId}.`, 'admin.assignment-failed');
      }
      return [`Assigned "${group}" the permission set "${permissionSet.name}" in account ${accountId}; its members see the role at their next sign-in.`];
    },
  };
}
