import type { SetupCheckOptions, SetupCheckTimeouts } from './setupCheckOptions';
import type { SetupTarget } from './setupTarget';

/** What every check is built from: the caller's options, what is being checked, and the time limits. */
export interface CheckContext {
  readonly options: SetupCheckOptions;
  readonly target: SetupTarget;
  readonly timeouts: SetupCheckTimeouts;
}
