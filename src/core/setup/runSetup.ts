import { isBackRequested } from '../runtime/backRequested';
import { isCancelled, throwIfAborted } from '../runtime/cancellation';
import type { Logger } from '../runtime/logger';
import { isUserFacingError, UserFacingError } from '../runtime/userFacingError';
import { planSetup, type SetupFacts, type SetupPlan } from './setupPlan';
import { readSetupState, writeSetupState, type CheckedClaudeCli, type ChosenInferenceProfiles, type PassedConnectionTest, type SeenCost, type SetupState } from './setupState';
import { SETUP_STEPS, type SetupStepId } from './setupSteps';

/** What a step hands back; `warning` means it ran but left something for the user to fix. */
export interface StepOutcome {
  readonly status: 'done' | 'warning';
  /** One sentence for the summary. */
  readonly summary: string;
  /** Results later steps and later runs need. */
  readonly record?: {
    readonly inferenceProfile?: ChosenInferenceProfiles;
    readonly connection?: PassedConnectionTest;
    readonly cost?: SeenCost;
    readonly claudeCli?: CheckedClaudeCli;
  };
}

export interface StepContext {
  readonly facts: SetupFacts;
  readonly plan: SetupPlan;
  readonly state: SetupState;
  readonly signal: AbortSignal | undefined;
  /**
   * The developer pressed Back on the next step's first question: ask this step's last
   * question again, even if the step was already done.
   */
  readonly revisit: boolean;
}

export type SetupStepHandlers = Readonly<Record<SetupStepId, (context: StepContext) => Promise<StepOutcome>>>;

export interface StepReport {
  readonly id: SetupStepId;
  readonly status: 'satisfied' | 'done' | 'warning' | 'failed' | 'cancelled' | 'not-reached';
  readonly summary: string;
}

export interface SetupRunResult {
  readonly outcome: 'completed' | 'failed' | 'cancelled';
  readonly steps: readonly StepReport[];
  /** The step an earlier run had not finished, when this run picked it up again. */
  readonly resumedAt: SetupStepId | undefined;
  readonly error?: UserFacingError;
}

/** `end`: the step finished (done or warning) and its files are written: what it changed can be shown. */
export type StepEvent = { readonly kind: 'start' | 'skip' | 'end'; readonly step: SetupStepId; readonly index: number; readonly total: number; readonly reason: string };

export interface RunSetupOptions {
  /** Where this machine's Set Up progress lives (the VS Code layer uses its global storage). */
  readonly statePath: string;
  /** Local facts only; read again before each step, since every step changes them. */
  readFacts(): Promise<SetupFacts>;
  readonly handlers: SetupStepHandlers;
  readonly signal?: AbortSignal;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly onStep?: (event: StepEvent) => void;
}

const WHAT = 'Set Up';

/**
 * Runs every step not yet satisfied, in order, each at most once. Progress is saved
 * before a step starts (which step) and after it ends (its results), never after a
 * cancel: whatever a cancelled step had not finished writing is simply not written, and
 * the next run plans again from the files and picks up where this one stopped.
 */
export async function runSetup(options: RunSetupOptions): Promise<SetupRunResult> {
  const { logger, signal } = options;
  let state = await readSetupState(options.statePath);
  const resumedAt = state.unfinishedStep;
  if (resumedAt) logger.info(`Set Up: resuming; the last run stopped at ${resumedAt}.`);
  const reports = new Map<SetupStepId, StepReport>();
  const finish = (outcome: SetupRunResult['outcome'], error?: UserFacingError): SetupRunResult => ({
    outcome,
    steps: SETUP_STEPS.map((id) => reports.get(id) ?? { id, status: 'not-reached', summary: '' }),
    resumedAt,
    ...(error ? { error } : {}),
  });

  let revisit = false;
  for (let index = 0; index < SETUP_STEPS.length; index++) {
    const id = SETUP_STEPS[index];
    if (id === undefined) break;
    try {
      throwIfAborted(signal, WHAT);
      const facts = await options.readFacts();
      const plan = planSetup(facts, state);
      const planned = plan.steps[index];
      if (planned?.id !== id) throw new Error(`Set Up plan out of order at ${id}`);
      if (planned.satisfied && !revisit) {
        logger.info(`Set Up: ${id} already done (${planned.reason})`);
        options.onStep?.({ kind: 'skip', step: id, index, total: SETUP_STEPS.length, reason: planned.reason });
        reports.set(id, { id, status: 'satisfied', summary: planned.reason });
        continue;
      }
      logger.info(`Set Up: ${id}: ${revisit ? 'asked again (Back)' : planned.reason}`);
      throwIfAborted(signal, WHAT);
      state = { ...state, unfinishedStep: id };
      await writeSetupState(options.statePath, state);
      options.onStep?.({ kind: 'start', step: id, index, total: SETUP_STEPS.length, reason: planned.reason });
      const outcome = await options.handlers[id]({ facts, plan, state, signal, revisit });
      revisit = false;
      // A cancel that arrived while the step was finishing: its result is not recorded.
      throwIfAborted(signal, WHAT);
      const rest = withoutUnfinished(state);
      state = { ...rest, ...outcome.record };
      await writeSetupState(options.statePath, state);
      reports.set(id, { id, status: outcome.status, summary: outcome.summary });
      options.onStep?.({ kind: 'end', step: id, index, total: SETUP_STEPS.length, reason: outcome.summary });
    } catch (error) {
      // Back on a step's first question goes to the step before it, then forward again.
      if (isBackRequested(error) && index > 0) {
        logger.info(`Set Up: Back from ${id}.`);
        revisit = true;
        index -= 2;
        continue;
      }
      if (isCancelled(error) || isBackRequested(error)) {
        logger.info(`Set Up: cancelled at ${id}.`);
        reports.set(id, { id, status: 'cancelled', summary: '' });
        return finish('cancelled');
      }
      if (!isUserFacingError(error)) throw error;
      logger.warn(`Set Up: ${id} failed: ${error.message}`);
      reports.set(id, { id, status: 'failed', summary: error.message });
      return finish('failed', error);
    }
  }
  state = { ...withoutUnfinished(state), completedAt: options.now().toISOString() };
  await writeSetupState(options.statePath, state);
  return finish('completed');
}

function withoutUnfinished(state: SetupState): SetupState {
  const { unfinishedStep: _unfinished, ...rest } = state;
  return rest;
}
