import { ListInstancesCommand } from '@aws-sdk/client-sso-admin';
import { describeAwsError } from '../../awsErrors/describeAwsError';
import type { AdminCheck } from './adminCheck';
import { manualFix } from './adminCheck';
import { adminCallDescription } from './adminCallDescription';
import type { AdminClients } from './adminClients';
import type { AdminCheckOptions } from './adminCheckOptions';

export interface IdentityCenterInstance {
  readonly instanceArn: string;
  readonly identityStoreId: string;
}

const TITLE = 'IAM Identity Center instance';

/** The IAM Identity Center instance in the organisation's SSO region. */
export async function checkIdentityCenter(clients: AdminClients, options: AdminCheckOptions): Promise<{ check: AdminCheck; instance?: IdentityCenterInstance }> {
  try {
    const output = await clients.ssoAdmin().send(new ListInstancesCommand({}), { abortSignal: options.signal });
    const first = (output.Instances ?? []).find((i) => i.InstanceArn && i.IdentityStoreId);
    if (!first?.InstanceArn || !first.IdentityStoreId) {
      return {
        check: {
          id: 'identity-center',
          title: TITLE,
          status: 'fail',
          detail: `No IAM Identity Center instance is visible in ${options.identityCenterRegion}; enable IAM Identity Center from the organisation's management account in that region (or run this with the region it is in).`,
          fix: manualFix('Enable IAM Identity Center in the management account'),
        },
      };
    }
    const instance = { instanceArn: first.InstanceArn, identityStoreId: first.IdentityStoreId };
    return { check: { id: 'identity-center', title: TITLE, status: 'pass', detail: `IAM Identity Center ${instance.instanceArn} (identity store ${instance.identityStoreId}) in ${options.identityCenterRegion}.` }, instance };
  } catch (error) {
    return { check: { id: 'identity-center', title: TITLE, status: 'fail', detail: describeAwsError(adminCallDescription('IAM Identity Center', 'ListInstances', 'sso:ListInstances', options.profileName), error).message } };
  }
}
