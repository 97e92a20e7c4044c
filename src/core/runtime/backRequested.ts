/**
 * The developer pressed Back on a question: not a failure and not a cancel. Whoever
 * asked the question before it catches this and asks that one again.
 */
export class BackRequestedError extends Error {
  constructor() {
    super('Back was pressed.');
    this.name = 'BackRequestedError';
  }
}

export function isBackRequested(error: unknown): error is BackRequestedError {
  return error instanceof BackRequestedError;
}
