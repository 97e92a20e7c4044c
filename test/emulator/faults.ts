// Injected failures and rate limits, so tests can prove the product (and the SDK under it)
// copes with 5xx, throttling, slow answers, dropped connections and garbage bodies.
import type { ServiceName } from './wire';

export type FaultKind = 'status' | 'throttle' | 'latency' | 'reset' | 'malformed';

export interface FaultSpec {
  /** SDK operation name, e.g. 'GetCostAndUsage'; absent = any operation. */
  operation?: string;
  /** absent = any service. */
  service?: ServiceName;
  kind: FaultKind;
  /** For 'status': 500 (default) or 503, rendered in the service's error shape. */
  status?: number;
  /** For 'latency': delay before the normal answer. */
  ms?: number;
  /** How many matching requests the fault hits; absent = until clearFaults(). */
  times?: number;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultRegistry {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    if (spec.kind === 'latency' && (spec.ms === undefined || spec.ms < 0)) throw new Error('latency fault needs ms >= 0');
    if (spec.kind === 'status' && spec.status !== undefined && (spec.status < 500 || spec.status > 599)) {
      throw new Error('status fault needs a 5xx status');
    }
    this.faults.push({ spec: { ...spec }, remaining: spec.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.faults = [];
  }

  /** Consumes one use of every matching fault: total latency, plus the first non-latency fault. */
  take(service: ServiceName, operation: string): { latencyMs: number; fault: FaultSpec | undefined } {
    let latencyMs = 0;
    let fault: FaultSpec | undefined;
    for (const active of this.faults) {
      if (active.remaining <= 0) continue;
      if (active.spec.service !== undefined && active.spec.service !== service) continue;
      if (active.spec.operation !== undefined && active.spec.operation !== operation) continue;
      if (active.spec.kind === 'latency') {
        latencyMs += active.spec.ms ?? 0;
      } else if (fault === undefined) {
        fault = active.spec;
      } else {
        continue;
      }
      active.remaining -= 1;
    }
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return { latencyMs, fault };
  }
}

/**
 * Token buckets per operation (capacity = rate, so a burst of `perSecond` passes at once).
 * They run on the real monotonic clock: a test that freezes the emulator clock must not
 * freeze the refill too.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { perSecond: number; tokens: number; last: number }>();

  set(operation: string, perSecond: number | null): void {
    if (perSecond === null || perSecond <= 0) {
      this.buckets.delete(operation);
      return;
    }
    this.buckets.set(operation, { perSecond, tokens: perSecond, last: performance.now() });
  }

  clear(): void {
    this.buckets.clear();
  }

  /** true when the request may proceed. */
  tryTake(operation: string): boolean {
    const bucket = this.buckets.get(operation);
    if (bucket === undefined) return true;
    const now = performance.now();
    bucket.tokens = Math.min(bucket.perSecond, bucket.tokens + ((now - bucket.last) / 1000) * bucket.perSecond);
    bucket.last = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
