import { UserFacingError } from '../runtime/userFacingError';

/** What a validator returns: the normalised value, or the sentence to show instead. */
export type Validated<T> = T | UserFacingError;

export function isInvalid<T>(result: Validated<T>): result is UserFacingError {
  return result instanceof UserFacingError;
}

/** Longest part of a rejected value that is echoed back; pasted garbage can be huge. */
const MAX_ECHO = 120;

/**
 * Shows a rejected value inside a sentence. JSON quoting makes a newline, a tab or a
 * stray quote visible instead of silently breaking the sentence.
 */
export function quoteValue(value: string): string {
  const shown = value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}…` : value;
  return JSON.stringify(shown);
}

/**
 * Builds the error every validator returns: names the field, echoes the bad value
 * (unless it is secret), and says what form is expected.
 */
export function invalidValue(field: string, value: string, expected: string, code: string, options: { secret?: boolean } = {}): UserFacingError {
  const subject = options.secret === true || value === '' ? `The ${field}` : `The ${field} ${quoteValue(value)}`;
  const problem = value.trim() === '' ? 'is empty' : 'is not valid';
  return new UserFacingError(`${subject} ${problem}. ${expected}`, code);
}
