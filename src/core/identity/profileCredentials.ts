import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';

/**
 * Credentials for a named profile through the AWS SDK's own default chain — the chain
 * Claude Code uses — so what works here works there.
 *
 * `ignoreCache`: the SDK caches `~/.aws/config` for the life of the process, and the
 * extension host lives for days; we rewrite that file, so every lookup re-reads it.
 */
export function profileCredentials(profile: string | undefined): AwsCredentialIdentityProvider {
  return fromNodeProviderChain({ ...(profile ? { profile } : {}), ignoreCache: true });
}
