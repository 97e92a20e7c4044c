import type { SetupCheckStatus, SetupFix } from '../../doctor/setupCheck';

/**
 * One line of `admin check`: an item of the administrator's checklist that an AWS API can
 * see. Same status vocabulary and fix shape as the developer's setup check (`doctor`), so
 * the report reads and renders the same way.
 */
export type AdminCheckId =
  | 'bedrock-region'
  | 'cost-explorer'
  | 'cost-allocation-tags'
  | 'identity-center'
  | 'access-control-attributes'
  | 'permission-set-policy'
  | 'group-assignment'
  | 'application-profiles';

/**
 * A change `admin check --fix` can make. `changes` says exactly what will be written, to be
 * shown before the admin confirms; `apply` makes it and returns what was done, as sentences.
 */
export interface AdminRepair {
  readonly title: string;
  readonly changes: readonly string[];
  apply(signal?: AbortSignal): Promise<readonly string[]>;
}

export interface AdminCheck {
  readonly id: AdminCheckId;
  readonly title: string;
  readonly status: SetupCheckStatus;
  /** A complete sentence. */
  readonly detail: string;
  /** What to do by hand (or which command), when there is no automatic repair or it is declined. */
  readonly fix?: SetupFix;
  readonly repair?: AdminRepair;
}

export function adminPassed(checks: readonly AdminCheck[]): boolean {
  return checks.every((c) => c.status !== 'fail');
}

/** Advice that is no command: the title says what to do and where. */
export function manualFix(title: string): SetupFix {
  return { title };
}
