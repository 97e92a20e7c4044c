import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { classifyAwsError, describeAwsError } from '../awsErrors/describeAwsError';
import type { Logger } from '../runtime/logger';
import { converseCall } from './bedrockCallDescriptions';
import { converseProbe } from './converseProbe';
import type { CallEvidence, DiscoveryProblem, InferenceProfileCandidate } from './inferenceProfileCandidate';
import { mapConcurrently } from './mapConcurrently';

/**
 * The opt-in, billed step: one 1-token `Converse` through each profile that could be chosen,
 * recorded in its evidence. A refused probe takes the profile out of the running (Claude Code
 * would fail with it); other failures are reported but leave it in.
 */
export async function probeCandidates(
  candidates: readonly InferenceProfileCandidate[],
  toProbe: readonly InferenceProfileCandidate[],
  options: {
    readonly credentials: AwsCredentialIdentityProvider;
    readonly profileName: string | undefined;
    readonly concurrency: number;
    readonly maxAttempts: number | undefined;
    readonly logger: Logger;
    readonly abortSignal: AbortSignal | undefined;
    readonly clock: () => number;
  },
): Promise<{ candidates: InferenceProfileCandidate[]; problems: DiscoveryProblem[] }> {
  const problems: DiscoveryProblem[] = [];
  const probed = new Map<string, CallEvidence>();
  await mapConcurrently(toProbe, options.concurrency, async (candidate) => {
    const started = options.clock();
    try {
      await converseProbe({
        region: candidate.region,
        credentials: options.credentials,
        inferenceProfileArn: candidate.arn,
        abortSignal: options.abortSignal,
        maxAttempts: options.maxAttempts,
      });
      probed.set(candidate.arn, { operation: 'Converse', outcome: 'ok', latencyMs: Math.round(options.clock() - started) });
    } catch (error) {
      const described = describeAwsError(converseCall(candidate.arn, options.profileName), error);
      const kind = classifyAwsError(error);
      if (kind === 'cancelled' || options.abortSignal?.aborted) throw described;
      const outcome = kind === 'access-denied' ? 'denied' : kind === 'not-found' ? 'not-found' : 'failed';
      probed.set(candidate.arn, { operation: 'Converse', outcome, code: described.code, message: described.message, latencyMs: Math.round(options.clock() - started) });
      problems.push({ code: described.code, message: described.message });
    }
    options.logger.debug(`Converse probe ${candidate.arn}: ${probed.get(candidate.arn)?.outcome ?? 'unknown'}`);
  });
  return {
    candidates: candidates.map((c) => {
      const evidence = probed.get(c.arn);
      return evidence ? { ...c, evidence: { ...c.evidence, calls: [...c.evidence.calls, evidence] } } : c;
    }),
    problems,
  };
}
