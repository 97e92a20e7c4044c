import { AdaptiveRateLimiter } from '../admin/adaptiveRateLimiter';
import { pacedCall } from '../admin/pacedCall';
import { retryClassOf } from '../admin/awsRetryClass';
import type { Sleep } from '../runtime/cancellation';
import type { BedrockClients, InferenceProfileFacts } from './bedrockProfileCalls';
import { examineProfile, type Examination, type ExamineContext } from './examineProfile';
import { mapConcurrently } from './mapConcurrently';

export interface ExaminationProgress {
  readonly examined: number;
  readonly total: number;
}

export interface PacedExaminationOptions {
  /** Clients built with `maxAttempts: 1`, so every throttle reaches the pacer. */
  readonly clients: BedrockClients;
  readonly concurrency: number;
  /** Starting requests per second per operation; the pacer finds the account's rate from throttles. */
  readonly initialRate?: number;
  readonly onProgress?: (progress: ExaminationProgress) => void;
  /** Throttled answers one call may get before it is given up (its profile is then unverified). Default 50. */
  readonly maxThrottles?: number;
  readonly sleep?: Sleep;
}

type Target = { readonly arn: string; readonly region: string; readonly listed?: InferenceProfileFacts };

/**
 * The last resort: every listed profile judged by Get and ListTags, paced per operation by the
 * adaptive limiter the admin batch uses. Bedrock's control-plane request quotas are per
 * operation and shared by the whole account, so firing at a fixed concurrency either wastes
 * time or spends the quota other developers' Set Up and Claude Code need; the pacer keeps just
 * under the rate the account actually grants and retries the throttled calls itself.
 */
export async function examineAllPaced(context: ExamineContext, targets: readonly Target[], options: PacedExaminationOptions): Promise<Examination[]> {
  const limiters = new Map<string, AdaptiveRateLimiter>();
  const limiterFor = (operation: string): AdaptiveRateLimiter => {
    let limiter = limiters.get(operation);
    if (!limiter) {
      limiter = new AdaptiveRateLimiter({ initialRate: options.initialRate ?? 5, ...(options.sleep ? { sleep: options.sleep } : {}) });
      limiters.set(operation, limiter);
    }
    return limiter;
  };
  const paced: ExamineContext = {
    ...context,
    clients: options.clients,
    pace: async (operation, action) => {
      // A refusal (someone else's profile) is an answer the quota was spent on, not a
      // throttle: it must count as a success for the pacer, or the rate never grows.
      const settled = await pacedCall(
        async () => {
          try {
            return { answered: true as const, value: await action() };
          } catch (error) {
            if (retryClassOf(error) === 'final') return { answered: false as const, error };
            throw error;
          }
        },
        {
        limiter: limiterFor(operation),
        maxAttempts: 3,
        maxThrottles: options.maxThrottles ?? 50,
        what: 'Examining inference profiles',
        ...(context.abortSignal ? { signal: context.abortSignal } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
        },
      );
      if (!settled.answered) throw settled.error;
      return settled.value;
    },
  };
  let examined = 0;
  options.onProgress?.({ examined, total: targets.length });
  return mapConcurrently(targets, options.concurrency, async (target) => {
    const examination = await examineProfile(paced, target, 'listing');
    options.onProgress?.({ examined: ++examined, total: targets.length });
    return examination;
  });
}
