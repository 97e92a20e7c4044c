import { UserFacingError } from './userFacingError';

/** The one error every cancelled operation ends with, so callers can tell it from a failure. */
export class CancelledError extends UserFacingError {
  protected static override readonly brandCode: string | undefined = 'cancelled';

  constructor(what: string) {
    super(`${what} was cancelled. Nothing was changed.`, 'cancelled');
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof UserFacingError && error.code === 'cancelled';
}

export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new CancelledError(what);
}

/** Waits `ms`, or rejects with `CancelledError` as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError(what));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError(what));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export type Sleep = (ms: number, signal: AbortSignal | undefined, what: string) => Promise<void>;
