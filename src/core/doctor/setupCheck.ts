/**
 * One line of the setup report ("doctor"): what was checked, how it went, and, when
 * something is wrong, what to do about it. Shared by the VS Code view, the CLI's text and
 * `--json` output, so every field is plain data and every sentence is complete.
 */

export type SetupCheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export const SETUP_CHECK_IDS = [
  'aws-profile',
  'sso-token',
  'credentials',
  'identity',
  'bedrock-region',
  'inference-profile',
  'claude-settings',
  'bearer-token',
  'claude-cli',
  'aws-auth-refresh',
  'claude-settings-precedence',
  'claude-model-pins',
] as const;

export type SetupCheckId = (typeof SETUP_CHECK_IDS)[number];

/**
 * The action that repairs a failed check. `command` is the extension command that does
 * it (the VS Code view turns it into a button); `cliArgs` is the same step as arguments
 * of our own CLI (`doctor --fix` runs it); `cli` is what to type in a terminal: derived
 * from `cliArgs`, or another program's command line (installing Claude Code), which is
 * shown and never run. A fix with none of them is advice (asking an administrator).
 */
export interface SetupFix {
  readonly title: string;
  readonly command?: string;
  readonly cliArgs?: readonly string[];
  readonly cli?: string;
}

export const CLI_NAME = 'bedrock-onboard';

/** A place in a file the check is about; line is 1-based. */
export interface SetupCheckLocation {
  readonly file: string;
  readonly line?: number;
}

export interface SetupCheck {
  readonly id: SetupCheckId;
  readonly title: string;
  readonly status: SetupCheckStatus;
  /** A complete sentence; never contains a secret. */
  readonly detail: string;
  readonly fix?: SetupFix;
  readonly locations?: readonly SetupCheckLocation[];
  /** Wall time the check took, for the log and the report. */
  readonly durationMs?: number;
}

/** Commands other parts of the extension register; the view shows a fix as a button only when its command exists. */
export const FIX_COMMANDS = {
  signIn: 'bedrockOnboarding.signIn',
  configure: 'bedrockOnboarding.configureClaudeCode',
  removeBearerToken: 'bedrockOnboarding.removeBearerToken',
  checkSetup: 'bedrockOnboarding.checkSetup',
} as const;

/** A fix our own CLI performs: `cli` is derived from the arguments, so the two cannot disagree. */
export function ownCliFix(title: string, command: string, cliArgs: readonly string[]): SetupFix {
  return { title, command, cliArgs, cli: [CLI_NAME, ...cliArgs.map(shellWord)].join(' ') };
}

export function signInFix(profile: string): SetupFix {
  return ownCliFix('Sign in with AWS SSO', FIX_COMMANDS.signIn, ['login', '--profile', profile]);
}

export function configureFix(title = 'Configure Claude Code'): SetupFix {
  return ownCliFix(title, FIX_COMMANDS.configure, ['configure']);
}

export function removeBearerTokenFix(variable: string): SetupFix {
  return ownCliFix(`Remove ${variable}`, FIX_COMMANDS.removeBearerToken, ['bearer-token', '--fix']);
}

/** Quotes a word for a POSIX shell when it needs it, so the displayed line can be pasted. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** True when nothing in the report stops Claude Code from working (warnings allowed). */
export function setupPassed(checks: readonly SetupCheck[]): boolean {
  return checks.every((check) => check.status !== 'fail');
}
