import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { Sleep } from '../../runtime/cancellation';
import type { Logger } from '../../runtime/logger';
import type { PermissionSetPolicyOptions } from '../permissionSetPolicy';
import type { ProfileTagKeys } from '../profileBatch';

/** Where IAM Identity Center passes each ABAC attribute from, unless the admin says otherwise. */
export const DEFAULT_ATTRIBUTE_SOURCES = { developer: '${path:userName}', team: '${path:enterprise.department}' } as const;

export interface AdminCheckOptions {
  /** Regions developers may use Bedrock in (the org's allowedRegions, else its defaultRegion). */
  readonly regions: readonly string[];
  /** Region of the IAM Identity Center instance (the org's ssoRegion). */
  readonly identityCenterRegion: string;
  /** The account developers use Bedrock in; default: the account of the admin's credentials. */
  readonly accountId?: string;
  readonly tagKeys: ProfileTagKeys;
  /** The developers' permission set (the org's roleName). */
  readonly permissionSetName?: string;
  /** The Identity Store group of developers. */
  readonly groupName?: string;
  /** What `admin policy` would generate for this organisation. */
  readonly policy: PermissionSetPolicyOptions;
  /** Sources to create missing ABAC attributes with: `${path:…}` of the identity store user. */
  readonly attributeSources?: { readonly developer?: string; readonly team?: string };
  readonly credentials?: AwsCredentialIdentityProvider;
  readonly profileName?: string;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
  /** Tests: the provisioning wait. */
  readonly sleep?: Sleep;
  /** Milliseconds between two provisioning-status polls. Default 2000. */
  readonly provisioningPollMs?: number;
}
