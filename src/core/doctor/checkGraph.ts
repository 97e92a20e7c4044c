import type { Logger } from '../runtime/logger';
import { isUserFacingError } from '../runtime/userFacingError';
import { redactSecrets } from '../secrets/redact';
import type { SetupCheck, SetupCheckId, SetupCheckStatus, SetupCheckLocation, SetupFix } from './setupCheck';

/** What a check's own code decides; the runner adds id, title and duration. */
export interface CheckResult {
  /** `skip` when the check has nothing to look at (its input is missing for a reason another check reports). */
  readonly status: SetupCheckStatus;
  readonly detail: string;
  readonly fix?: SetupFix;
  readonly locations?: readonly SetupCheckLocation[];
}

export interface CheckDefinition {
  readonly id: SetupCheckId;
  readonly title: string;
  /** Checks whose failure makes this one pointless; each must be defined earlier in the list. */
  readonly needs: readonly SetupCheckId[];
  readonly timeoutMs: number;
  /** What to do when the check times out, as the end of a sentence. */
  readonly timeoutAdvice: string;
  /** `signal` aborts when the check times out; checks pass it to every call that takes one. */
  run(signal: AbortSignal): Promise<CheckResult>;
}

export interface CheckGraphOptions {
  readonly logger: Logger;
  readonly abortSignal?: AbortSignal;
  /** Monotonic milliseconds; default `performance.now`. */
  readonly clock?: () => number;
}

/**
 * Runs every check as soon as the checks it needs are done, so independent ones run at
 * the same time. A check whose prerequisite failed or was skipped is skipped, naming it.
 * Each check has its own timer: when it fires the check is reported as failed and its
 * signal aborted, and the report does not wait for the abandoned work. Nothing throws:
 * an unexpected error becomes that check's failure. Results keep the definitions' order.
 */
export async function runCheckGraph(definitions: readonly CheckDefinition[], options: CheckGraphOptions): Promise<SetupCheck[]> {
  const clock = options.clock ?? (() => performance.now());
  const running = new Map<SetupCheckId, Promise<SetupCheck>>();
  for (const definition of definitions) {
    const prerequisites = definition.needs.map((id) => {
      const prerequisite = running.get(id);
      if (!prerequisite) throw new Error(`setup check ${definition.id} needs ${id}, which is not defined before it`);
      return prerequisite;
    });
    running.set(definition.id, startWhenReady(definition, prerequisites, options, clock));
  }
  return Promise.all(running.values());
}

async function startWhenReady(definition: CheckDefinition, prerequisites: readonly Promise<SetupCheck>[], options: CheckGraphOptions, clock: () => number): Promise<SetupCheck> {
  const done = await Promise.all(prerequisites);
  const blocker = done.find((check) => check.status === 'fail' || check.status === 'skip');
  const base = { id: definition.id, title: definition.title };
  if (blocker) {
    const why = blocker.status === 'fail' ? 'failed' : 'was skipped';
    return { ...base, status: 'skip', detail: `Skipped because "${blocker.title}" ${why}; fix that first.` };
  }
  const started = clock();
  const result = await runWithTimeout(definition, options);
  const durationMs = Math.round(clock() - started);
  options.logger.debug(`Setup check ${definition.id}: ${result.status} in ${durationMs} ms`);
  return { ...base, ...result, durationMs };
}

async function runWithTimeout(definition: CheckDefinition, options: CheckGraphOptions): Promise<CheckResult> {
  const controller = new AbortController();
  const onOuterAbort = (): void => {
    controller.abort();
  };
  options.abortSignal?.addEventListener('abort', onOuterAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      const seconds = Number((definition.timeoutMs / 1000).toFixed(1));
      resolve({ status: 'fail', detail: `${definition.title}: no answer within ${seconds} s, so the check was stopped; ${definition.timeoutAdvice}.` });
    }, definition.timeoutMs);
  });
  try {
    return await Promise.race([definition.run(controller.signal).catch((error: unknown) => unexpectedFailure(definition, error, options.logger)), timedOut]);
  } finally {
    clearTimeout(timer);
    options.abortSignal?.removeEventListener('abort', onOuterAbort);
  }
}

function unexpectedFailure(definition: CheckDefinition, error: unknown, logger: Logger): CheckResult {
  if (isUserFacingError(error)) return { status: 'fail', detail: redactSecrets(error.message) };
  const text = redactSecrets(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  logger.error(`Setup check ${definition.id} failed unexpectedly: ${text}`);
  return { status: 'fail', detail: `${definition.title} could not be checked (${text}); see the log, and report it if it persists.` };
}
