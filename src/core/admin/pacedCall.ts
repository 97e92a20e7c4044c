import { throwIfAborted, sleep as defaultSleep, type Sleep } from '../runtime/cancellation';
import type { AdaptiveRateLimiter } from './adaptiveRateLimiter';
import { retryClassOf } from './awsRetryClass';

export interface PacedCallOptions {
  readonly limiter: AdaptiveRateLimiter;
  /** Attempts for network and server faults (throttles have their own, larger budget). */
  readonly maxAttempts: number;
  /** Throttled answers tolerated for one call before it is given up. */
  readonly maxThrottles: number;
  readonly signal?: AbortSignal;
  readonly sleep?: Sleep;
  /** What the call is doing, for the cancellation sentence. */
  readonly what: string;
}

/**
 * Runs one AWS call through the batch's pacer: waits for a slot, reports success or
 * throttling back to it, retries throttles (the pacer is the backoff) and transient
 * faults (with exponential backoff and jitter). Any other error is thrown as it is.
 *
 * The SDK client must be built with `maxAttempts: 1` so its own retries do not hide
 * throttles from the pacer.
 */
export async function pacedCall<T>(call: () => Promise<T>, options: PacedCallOptions): Promise<T> {
  const pause = options.sleep ?? defaultSleep;
  let throttles = 0;
  let faults = 0;
  for (;;) {
    throwIfAborted(options.signal, options.what);
    await options.limiter.acquire(options.signal);
    try {
      const result = await call();
      options.limiter.onSuccess();
      return result;
    } catch (error) {
      const kind = retryClassOf(error);
      if (kind === 'throttled' && ++throttles <= options.maxThrottles) {
        options.limiter.onThrottle();
        continue;
      }
      if (kind === 'transient' && ++faults < options.maxAttempts) {
        const base = Math.min(8000, 200 * 2 ** (faults - 1));
        await pause(base / 2 + Math.random() * (base / 2), options.signal, options.what);
        continue;
      }
      throw error;
    }
  }
}
