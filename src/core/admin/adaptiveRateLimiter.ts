import { sleep as defaultSleep, type Sleep } from '../runtime/cancellation';

export interface AdaptiveRateLimiterOptions {
  /** Requests per second to start with, before anything is known about the account's limit. */
  readonly initialRate?: number;
  readonly minRate?: number;
  readonly maxRate?: number;
  /** Monotonic milliseconds. */
  readonly now?: () => number;
  readonly sleep?: Sleep;
}

/**
 * Paces requests to an API whose rate limit is unknown (Bedrock's control-plane quotas
 * differ per account and region), finding the limit from the throttling answers.
 *
 * Requests are spaced `1/rate` apart. Until the first throttle the rate grows by one per
 * success (doubling each second), but never beyond twice what is actually achieved, so it
 * cannot run away from a slow network. A throttle sets it to just under the success rate
 * of the last second — behind a token bucket that is the bucket's refill rate, once the
 * initial burst is spent — and from then on it creeps up by half a request per second
 * each second, to notice a limit that was raised. Throttles within a second of a
 * decrease are answers to requests paced at the old rate and do not lower it again.
 *
 * Why not only the SDK's `retryMode: 'adaptive'`: its limiter lives inside one client's
 * retry loop, so a throttled request waits out the SDK's backoff while the other
 * workers keep firing; here throttles and retries are seen by one pacer for the batch.
 */
export class AdaptiveRateLimiter {
  private rate: number;
  private readonly minRate: number;
  private readonly maxRate: number;
  private readonly now: () => number;
  private readonly sleepFor: Sleep;
  private nextSlot = 0;
  private slowStart = true;
  private lastDecrease = Number.NEGATIVE_INFINITY;
  private readonly successes: number[] = [];
  private throttleCount = 0;

  constructor(options: AdaptiveRateLimiterOptions = {}) {
    this.rate = options.initialRate ?? 10;
    this.minRate = options.minRate ?? 0.5;
    this.maxRate = options.maxRate ?? 200;
    this.now = options.now ?? (() => performance.now());
    this.sleepFor = options.sleep ?? defaultSleep;
  }

  /** Waits for this request's slot. */
  async acquire(signal?: AbortSignal): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.rate;
    if (slot > now) await this.sleepFor(slot - now, signal, 'Waiting to send the next request');
  }

  onSuccess(): void {
    const now = this.now();
    this.successes.push(now);
    while ((this.successes[0] ?? now) < now - 1000) this.successes.shift();
    if (this.slowStart) {
      this.rate = Math.min(this.maxRate, this.rate + 1, 2 * this.successes.length + 5);
    } else if (now - this.lastDecrease > 1000) {
      this.rate = Math.min(this.maxRate, this.rate + 0.5 / this.rate);
    }
  }

  onThrottle(): void {
    this.throttleCount++;
    const now = this.now();
    if (now - this.lastDecrease < 1000) return;
    while ((this.successes[0] ?? now) < now - 1000) this.successes.shift();
    const achieved = this.successes.length;
    this.rate = Math.max(this.minRate, achieved > 0 ? Math.min(this.rate * 0.85, achieved * 0.98) : this.rate * 0.5);
    this.slowStart = false;
    this.lastDecrease = now;
    // Give the bucket a moment to refill before the next request.
    this.nextSlot = Math.max(this.nextSlot, now + 1000 / this.rate);
  }

  get currentRate(): number {
    return this.rate;
  }

  get throttles(): number {
    return this.throttleCount;
  }
}
