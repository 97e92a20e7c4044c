/**
 * Marks every UserFacingError, whichever bundle built it. The AWS chunk (dist/aws.js) is
 * bundled apart from the extension and the CLI, so each has its own copy of this class and
 * a plain prototype `instanceof` would fail across them; a registered symbol is shared.
 */
const USER_FACING = Symbol.for('bedrock-onboarding.UserFacingError');

function carriesBrand(value: unknown): value is UserFacingError {
  return typeof value === 'object' && value !== null && (value as Partial<Record<symbol, unknown>>)[USER_FACING] === true && typeof (value as { code?: unknown }).code === 'string';
}

/**
 * An error whose message is a complete sentence meant for the user: what happened and
 * what to do. Every failure that can reach a notification, the CLI or a report is
 * turned into one of these; anything else is a bug.
 */
export class UserFacingError extends Error {
  override readonly name: string = 'UserFacingError';
  readonly [USER_FACING] = true;

  /** A subclass that stands for one code (CancelledError) names it, so `instanceof` can check it across bundles. */
  protected static readonly brandCode: string | undefined = undefined;

  constructor(
    message: string,
    /** A stable machine-readable reason, e.g. `sso.expired-token`, for tests and `--json`. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (!carriesBrand(value)) return false;
    return this.brandCode === undefined || value.code === this.brandCode;
  }
}

export function isUserFacingError(error: unknown): error is UserFacingError {
  return carriesBrand(error);
}
