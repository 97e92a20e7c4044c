import {
  BedrockClient,
  GetInferenceProfileCommand,
  ListTagsForResourceCommand,
  paginateListInferenceProfiles,
} from '@aws-sdk/client-bedrock';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';

/** What discovery needs to know about one inference profile, from a list summary or a Get. */
export interface InferenceProfileFacts {
  readonly arn: string;
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly type: string;
  readonly modelArns: readonly string[];
}

/**
 * One Bedrock control-plane client per region, made on first use and destroyed together.
 * The endpoint comes from the SDK's own resolution (including `AWS_ENDPOINT_URL_BEDROCK`),
 * so tests and proxies work exactly as they do for Claude Code.
 */
export class BedrockClients {
  private readonly clients = new Map<string, BedrockClient>();

  constructor(
    private readonly credentials: AwsCredentialIdentityProvider,
    private readonly maxAttempts?: number,
  ) {}

  forRegion(region: string): BedrockClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new BedrockClient({ region, credentials: this.credentials, ...(this.maxAttempts ? { maxAttempts: this.maxAttempts } : {}) });
      this.clients.set(region, client);
    }
    return client;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}

/**
 * The largest page the API allows (maxResults 1–1000, per the ListInferenceProfiles API
 * reference): the listing is the one cost of discovery that grows with the account, so 9,000
 * profiles take 9 requests instead of 90.
 */
export const LIST_PAGE_SIZE = 1000;

/** Every APPLICATION inference profile in the region, across all pages (the SDK's paginator). */
export async function listApplicationProfiles(client: BedrockClient, abortSignal?: AbortSignal): Promise<InferenceProfileFacts[]> {
  const profiles: InferenceProfileFacts[] = [];
  // Without typeEquals the API lists only SYSTEM_DEFINED profiles.
  for await (const page of paginateListInferenceProfiles({ client, pageSize: LIST_PAGE_SIZE }, { typeEquals: 'APPLICATION' }, { abortSignal })) {
    for (const summary of page.inferenceProfileSummaries ?? []) {
      if (!summary.inferenceProfileArn) continue;
      profiles.push({
        arn: summary.inferenceProfileArn,
        id: summary.inferenceProfileId ?? summary.inferenceProfileArn.slice(summary.inferenceProfileArn.lastIndexOf('/') + 1),
        name: summary.inferenceProfileName ?? '',
        status: summary.status ?? 'UNKNOWN',
        type: summary.type ?? 'APPLICATION',
        modelArns: (summary.models ?? []).flatMap((m) => (m.modelArn ? [m.modelArn] : [])),
      });
    }
  }
  return profiles;
}

/** `GetInferenceProfile` — the call ABAC guards, and the one Claude Code makes at start-up. */
export async function getInferenceProfile(client: BedrockClient, arn: string, abortSignal?: AbortSignal): Promise<InferenceProfileFacts> {
  const output = await client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: arn }), { abortSignal });
  const resolvedArn = output.inferenceProfileArn ?? arn;
  return {
    arn: resolvedArn,
    id: output.inferenceProfileId ?? resolvedArn.slice(resolvedArn.lastIndexOf('/') + 1),
    name: output.inferenceProfileName ?? '',
    status: output.status ?? 'UNKNOWN',
    type: output.type ?? 'UNKNOWN',
    modelArns: (output.models ?? []).flatMap((m) => (m.modelArn ? [m.modelArn] : [])),
  };
}

/** `ListTagsForResource` as a plain record (list summaries carry no tags). */
export async function listProfileTags(client: BedrockClient, arn: string, abortSignal?: AbortSignal): Promise<Record<string, string>> {
  const output = await client.send(new ListTagsForResourceCommand({ resourceARN: arn }), { abortSignal });
  const tags: Record<string, string> = {};
  for (const tag of output.tags ?? []) {
    if (tag.key !== undefined) tags[tag.key] = tag.value ?? '';
  }
  return tags;
}
