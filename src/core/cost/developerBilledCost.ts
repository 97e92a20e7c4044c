import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { profileCredentials } from '../identity/profileCredentials';
import type { Logger } from '../runtime/logger';
import type { BilledCost } from './billedCost';
import type { BilledCostQuery } from './billedCostQuery';
import { fetchBilledCost } from './costExplorer';
import { costExplorerFailure } from './costExplorerErrors';
import { resolveDeveloperTagValue } from './developerTagValue';

export interface DeveloperBilledCostOptions {
  readonly query: BilledCostQuery;
  readonly now: Date;
  /** Default: the query's profile through the SDK's default chain. */
  readonly credentials?: AwsCredentialIdentityProvider;
  readonly maxAttempts?: number;
  readonly abortSignal?: AbortSignal;
  readonly logger?: Logger;
}

/**
 * The developer's month-to-date billed cost: works out their tag value, then one
 * Cost Explorer request. Only the shared cache (readCostReport) should call this.
 */
export async function fetchDeveloperBilledCost(options: DeveloperBilledCostOptions): Promise<BilledCost> {
  const { query } = options;
  const credentials = options.credentials ?? profileCredentials(query.profile);
  const extras = { ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}), ...(options.logger ? { logger: options.logger } : {}) };
  const tag = await resolveDeveloperTagValue({
    credentials,
    tagKey: query.tagKey,
    configured: query.configuredTagValue,
    inferenceProfileArn: query.inferenceProfileArn,
    region: query.region,
    ...extras,
  }).catch((error: unknown) => {
    // Expired sign-in, no credentials, network: the same sentences as Cost Explorer's own.
    throw costExplorerFailure(error);
  });
  const cost = await fetchBilledCost({
    credentials,
    tagKey: query.tagKey,
    tagValue: tag.value,
    metric: query.metric,
    now: options.now,
    // Stryker disable next-line ConditionalExpression: fetchBilledCost treats maxAttempts: undefined as not given
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    ...extras,
  });
  // Lets the cache answer a later query that names this value directly (see costCache aliases).
  return { ...cost, tagValue: tag.value };
}
