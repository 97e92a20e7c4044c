import * as os from 'node:os';

/**
 * Everything the core reads from the machine it runs on, passed in rather than taken
 * from globals, so tests can point it at a temporary home and a fake clock, and the
 * VS Code layer and the CLI can each supply their own.
 */
export interface CoreEnvironment {
  /** The user's home directory; `~/.aws`, `~/.claude` and shell start-up files live under it. */
  readonly homeDir: string;
  /**
   * Environment variables as the user's tools see them (`AWS_CONFIG_FILE`,
   * `CLAUDE_CONFIG_DIR`, `AWS_BEARER_TOKEN_BEDROCK`, ...). Never mutated by the core.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  /** Wall-clock time; injected so month boundaries and token expiry can be tested. */
  now(): Date;
}

export function processEnvironment(overrides: Partial<CoreEnvironment> = {}): CoreEnvironment {
  return {
    homeDir: overrides.homeDir ?? process.env['HOME'] ?? process.env['USERPROFILE'] ?? os.homedir(),
    env: overrides.env ?? process.env,
    platform: overrides.platform ?? process.platform,
    now: overrides.now ?? (() => new Date()),
  };
}
