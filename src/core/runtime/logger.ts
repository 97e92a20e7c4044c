/**
 * The logging surface the core writes to. The VS Code layer backs it with a
 * `LogOutputChannel`, the CLI with stderr (when verbose), tests with an array.
 * Messages must never contain tokens, client secrets or credentials: callers pass
 * them through `redactSecrets` when they include anything that came from AWS.
 */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
