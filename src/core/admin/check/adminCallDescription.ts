import type { AwsCallDescription } from '../../awsErrors/describeAwsError';

/** How an admin command's AWS call is named in its error sentence. */
export function adminCallDescription(service: string, operation: string, iamAction: string, profileName?: string, resource?: string): AwsCallDescription {
  return {
    service,
    operation,
    iamAction,
    grantor: 'an administrator of your AWS organization',
    ...(resource ? { resource } : {}),
    ...(profileName ? { profile: profileName } : {}),
  };
}
