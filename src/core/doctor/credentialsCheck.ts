import { describeAwsError } from '../awsErrors/describeAwsError';
import { profileCredentials } from '../identity/profileCredentials';
import { registerSecret } from '../secrets/redact';
import type { CheckContext } from './checkContext';
import type { CheckDefinition, CheckResult } from './checkGraph';
import { signInFix } from './setupCheck';
import { formatLocalTime } from '../runtime/localTime';

export type CredentialProvider = ReturnType<typeof profileCredentials>;
export type ResolvedCredentials = Awaited<ReturnType<CredentialProvider>>;

/** What the credentials check hands to the checks that call AWS, so the role credentials are fetched once. */
export interface AwsSession {
  credentials?: ResolvedCredentials;
}

/** Role credentials come out of the profile through the AWS SDK's own chain, as they will for Claude Code. */
export function credentialsCheck(context: CheckContext, session: AwsSession): CheckDefinition {
  return {
    id: 'credentials',
    title: 'AWS credentials',
    needs: ['aws-profile', 'sso-token'],
    timeoutMs: context.timeouts.networkMs,
    timeoutAdvice: 'IAM Identity Center did not answer; check your network, VPN or proxy',
    run: () => checkCredentials(context, session),
  };
}

async function checkCredentials(context: CheckContext, session: AwsSession): Promise<CheckResult> {
  const profileName = context.target.profileName;
  try {
    const credentials = await profileCredentials(profileName)();
    registerSecret(credentials.secretAccessKey);
    registerSecret(credentials.sessionToken);
    session.credentials = credentials;
    const until = credentials.expiration ? `, valid until ${formatLocalTime(credentials.expiration)}` : '';
    return { status: 'pass', detail: `The AWS SDK obtained temporary credentials for profile "${profileName}"${until}.` };
  } catch (error) {
    const described = describeAwsError({ service: 'AWS IAM Identity Center', operation: 'GetRoleCredentials', profile: profileName }, error);
    return { status: 'fail', detail: described.message, fix: signInFix(profileName) };
  }
}

/** A provider that hands out the credentials already obtained, so later checks make no second GetRoleCredentials. */
export function fixedCredentials(session: AwsSession): CredentialProvider {
  return () => {
    if (!session.credentials) return Promise.reject(new Error('credentials check did not pass'));
    return Promise.resolve(session.credentials);
  };
}
