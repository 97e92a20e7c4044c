import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';

export interface ConverseProbeResult {
  readonly stopReason: string | undefined;
  readonly outputTokens: number | undefined;
}

/**
 * A one-token `Converse` through an inference profile: the only way to prove that invoking
 * it is allowed (IAM also needs InvokeModel on the underlying models in every region the
 * profile routes to, which no read-only call reveals). It is billed, so callers make it
 * only when the user opted in.
 */
export async function converseProbe(options: {
  readonly region: string;
  readonly credentials: AwsCredentialIdentityProvider;
  readonly inferenceProfileArn: string;
  readonly abortSignal?: AbortSignal;
  readonly maxAttempts?: number;
}): Promise<ConverseProbeResult> {
  const client = new BedrockRuntimeClient({
    region: options.region,
    credentials: options.credentials,
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
  try {
    const output = await client.send(
      new ConverseCommand({
        modelId: options.inferenceProfileArn,
        messages: [{ role: 'user', content: [{ text: 'ping' }] }],
        inferenceConfig: { maxTokens: 1 },
      }),
      { abortSignal: options.abortSignal },
    );
    return { stopReason: output.stopReason, outputTokens: output.usage?.outputTokens };
  } finally {
    client.destroy();
  }
}
