/**
 * An error whose message is a complete sentence meant for the user: what happened and
 * what to do. Every failure that can reach a notification, the CLI or a report is
 * turned into one of these; anything else is a bug.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';

  constructor(
    message: string,
    /** A stable machine-readable reason, e.g. `sso.expired-token`, for tests and `--json`. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isUserFacingError(error: unknown): error is UserFacingError {
  return error instanceof UserFacingError;
}
