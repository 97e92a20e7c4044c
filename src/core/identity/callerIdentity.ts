import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

/** `sts:GetCallerIdentity`: who the signed-in credentials belong to. Needs no IAM permission. */
export async function getCallerIdentity(options: {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  abortSignal?: AbortSignal;
}): Promise<CallerIdentity> {
  const client = new STSClient({ region: options.region, credentials: options.credentials });
  try {
    const output = await client.send(new GetCallerIdentityCommand({}), { abortSignal: options.abortSignal });
    return { account: output.Account ?? '', arn: output.Arn ?? '', userId: output.UserId ?? '' };
  } finally {
    client.destroy();
  }
}
