import type { BearerTokenScanOptions } from '../bearerToken/bearerTokenScanner';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import type { Logger } from '../runtime/logger';
import type { RunProgram } from './runProgram';

/** Per-check time limits. Network checks wait for AWS; process checks for `claude --version`. */
export interface SetupCheckTimeouts {
  readonly localMs: number;
  readonly networkMs: number;
  readonly processMs: number;
}

/** Generous enough for a slow VPN, short enough that a hung endpoint does not hold up the report. */
export const DEFAULT_SETUP_CHECK_TIMEOUTS: SetupCheckTimeouts = { localMs: 5_000, networkMs: 15_000, processMs: 10_000 };

export interface SetupCheckOptions {
  readonly environment: CoreEnvironment;
  readonly logger: Logger;
  /**
   * The AWS profile the developer signed in with (extension setting, organisation value or
   * `--profile`). Claude Code's own `AWS_PROFILE` must match it; without it, Claude Code's
   * value is taken as the one to check.
   */
  readonly profileName?: string;
  /** Bedrock regions the organisation allows; undefined or empty allows every region. */
  readonly allowedRegions?: readonly string[];
  /** The inference profile chosen in the extension's settings; default: Claude Code's `ANTHROPIC_MODEL`. */
  readonly inferenceProfileArn?: string;
  /** Tag keys ABAC compares, for the advice when the inference profile is denied. */
  readonly tagKeys?: readonly string[];
  /** Where the bearer-token scan looks besides the home directory and the process environment. */
  readonly bearerToken: Omit<BearerTokenScanOptions, 'environment' | 'logger'>;
  /** The oldest Claude Code the organisation supports (org defaults); default `DEFAULT_MINIMUM_CLAUDE_CODE_VERSION`. */
  readonly minimumClaudeCodeVersion?: string;
  /** Runs `claude --version`; default: a child process (tests may pass their own). */
  readonly runProgram?: RunProgram;
  readonly timeouts?: Partial<SetupCheckTimeouts>;
  readonly abortSignal?: AbortSignal;
  /** Monotonic milliseconds for durations; default `performance.now`. */
  readonly clock?: () => number;
}
