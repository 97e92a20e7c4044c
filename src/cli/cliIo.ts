/** How a CLI command talks to the terminal; tests pass an in-memory one. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly stdinIsTTY: boolean;
}

/** Exit codes shared by every command: 0 success, 1 the operation failed (one-line reason), 2 bad usage. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
