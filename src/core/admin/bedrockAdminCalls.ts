import {
  BedrockClient,
  CreateInferenceProfileCommand,
  DeleteInferenceProfileCommand,
  ListInferenceProfilesCommand,
  ListTagsForResourceCommand,
  type InferenceProfileSummary,
} from '@aws-sdk/client-bedrock';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';

/** A Bedrock control-plane client whose throttles reach the caller's pacer (no SDK retries). */
export function unretriedBedrockClient(region: string, credentials: AwsCredentialIdentityProvider | undefined): BedrockClient {
  return new BedrockClient({ region, maxAttempts: 1, ...(credentials ? { credentials } : {}) });
}

export interface ProfileSummary {
  readonly arn: string;
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly modelArns: readonly string[];
}

function summaryOf(summary: InferenceProfileSummary): ProfileSummary | undefined {
  const arn = summary.inferenceProfileArn;
  if (!arn) return undefined;
  return {
    arn,
    id: summary.inferenceProfileId ?? arn.slice(arn.lastIndexOf('/') + 1),
    name: summary.inferenceProfileName ?? '',
    status: summary.status ?? 'UNKNOWN',
    modelArns: (summary.models ?? []).flatMap((m) => (m.modelArn ? [m.modelArn] : [])),
  };
}

/** One page of ListInferenceProfiles; the caller pages (through its pacer). */
export async function listProfilesPage(
  client: BedrockClient,
  type: 'SYSTEM_DEFINED' | 'APPLICATION',
  nextToken: string | undefined,
  signal?: AbortSignal,
): Promise<{ profiles: ProfileSummary[]; nextToken: string | undefined }> {
  const output = await client.send(new ListInferenceProfilesCommand({ typeEquals: type, maxResults: 1000, ...(nextToken ? { nextToken } : {}) }), { abortSignal: signal });
  return { profiles: (output.inferenceProfileSummaries ?? []).flatMap((s) => summaryOf(s) ?? []), nextToken: output.nextToken };
}

export async function listResourceTags(client: BedrockClient, arn: string, signal?: AbortSignal): Promise<Record<string, string>> {
  const output = await client.send(new ListTagsForResourceCommand({ resourceARN: arn }), { abortSignal: signal });
  return Object.fromEntries((output.tags ?? []).flatMap((t) => (t.key !== undefined ? [[t.key, t.value ?? '']] : [])));
}

export async function createApplicationProfile(
  client: BedrockClient,
  request: { name: string; copyFrom: string; tags: Readonly<Record<string, string>>; clientRequestToken: string },
  signal?: AbortSignal,
): Promise<string> {
  const output = await client.send(
    new CreateInferenceProfileCommand({
      inferenceProfileName: request.name,
      modelSource: { copyFrom: request.copyFrom },
      tags: Object.entries(request.tags).map(([key, value]) => ({ key, value })),
      clientRequestToken: request.clientRequestToken,
    }),
    { abortSignal: signal },
  );
  if (!output.inferenceProfileArn) throw Object.assign(new Error('CreateInferenceProfile returned no inferenceProfileArn'), { name: 'MalformedResponse' });
  return output.inferenceProfileArn;
}

export async function deleteApplicationProfile(client: BedrockClient, arn: string, signal?: AbortSignal): Promise<void> {
  await client.send(new DeleteInferenceProfileCommand({ inferenceProfileIdentifier: arn }), { abortSignal: signal });
}
