/**
 * Everything that decides what Cost Explorer is asked for the developer. Kept free of the
 * SDK so the cache key can be computed (and the cache read) without loading it.
 */
export interface BilledCostQuery {
  /** AWS profile whose credentials ask (the developer's SSO profile). */
  readonly profile: string;
  /** Cost allocation tag key, bare (`DeveloperId`). */
  readonly tagKey: string;
  /** The `developerId` setting, if the developer or admin set one. */
  readonly configuredTagValue?: string | undefined;
  /** The AIP Claude Code uses; its tag names the developer when no value is configured. */
  readonly inferenceProfileArn?: string | undefined;
  /** Cost Explorer metric, default `UnblendedCost`. */
  readonly metric: string;
  /** Region for STS when the identity has to be asked. */
  readonly region: string;
}

/** Names the query in the shared cache: a cache written for another profile, tag or metric is not reused. */
export function billedCostQueryKey(query: BilledCostQuery): string {
  const who = query.configuredTagValue?.trim() ? `value=${query.configuredTagValue.trim()}` : query.inferenceProfileArn ? `aip=${query.inferenceProfileArn}` : 'identity';
  return JSON.stringify([query.profile, query.tagKey, who, query.metric]);
}
