import type { SetupCheck, SetupFix } from '../../core/doctor/setupCheck';
import type { CoreEnvironment } from '../../core/runtime/coreEnvironment';
import type { Logger } from '../../core/runtime/logger';
import { isUserFacingError } from '../../core/runtime/userFacingError';
import { redactSecrets } from '../../core/secrets/redact';
import { EXIT_FAILED, EXIT_OK, type CliIo } from '../cliIo';
import { runBearerToken } from './bearerToken';
import type { CliOrgContext } from './cliOrgSettings';
import { defaultConfigureDependencies, runConfigure } from './configure';
import { defaultLoginDependencies, runLogin } from './login';

/**
 * `doctor --fix`: which fixes of a report our own CLI can run, in what order, and
 * running them in this process through the same command functions the CLI dispatches to.
 */

export type FixCommand = (args: readonly string[], io: CliIo) => Promise<number>;

/** Our commands that repair a check, by name (the first of a fix's `cliArgs`). */
export type FixCommandTable = Readonly<Record<string, FixCommand>>;

export interface FixCommandContext {
  readonly environment: CoreEnvironment;
  readonly org: CliOrgContext;
  readonly logger: Logger;
  readonly workspaceFolders: readonly string[];
  /** Resolves false when no browser could be opened. */
  readonly openBrowser: (url: string) => Promise<boolean>;
}

/** The fix commands working on the same machine (home, environment, organisation files) as the report. */
export function fixCommandTable(context: FixCommandContext): FixCommandTable {
  const { environment, org, logger, workspaceFolders, openBrowser } = context;
  return {
    login: (args, io) => runLogin(args, io, { environment, org, logger, openBrowser }),
    configure: (args, io) => runConfigure(args, io, { ...defaultConfigureDependencies(), environment, org, logger }),
    'bearer-token': (args, io) => runBearerToken(args, io, { environment, workspaceFolders }),
  };
}

export function defaultFixCommandContext(base: Omit<FixCommandContext, 'openBrowser'>): FixCommandContext {
  return { ...base, openBrowser: defaultLoginDependencies().openBrowser };
}

interface FixPolicy {
  /** Lower runs first: configuring needs a working sign-in. */
  readonly order: number;
  /** Why the fix cannot run here, or undefined when it can. */
  blockedReason(flags: FixFlags): string | undefined;
  /** Flags added to the fix's own arguments. */
  extraArgs(flags: FixFlags): readonly string[];
}

export interface FixFlags {
  readonly terminal: boolean;
  readonly yes: boolean;
}

const POLICIES: Readonly<Record<string, FixPolicy>> = {
  login: {
    order: 0,
    blockedReason: (flags) => (flags.terminal ? undefined : 'signing in needs you to approve a code in a browser and perhaps choose an account, and stdin is not a terminal'),
    extraArgs: () => [],
  },
  configure: {
    order: 1,
    // With --yes it writes what it shows (and stops with a sentence when it would have to ask which profile).
    blockedReason: (flags) => (flags.terminal || flags.yes ? undefined : 'it shows the change to your Claude Code settings and asks before writing it, and stdin is not a terminal (add --yes to write it)'),
    extraArgs: (flags) => (flags.yes ? ['--yes'] : []),
  },
  'bearer-token': {
    order: 2,
    blockedReason: (flags) => (flags.terminal || flags.yes ? undefined : 'it asks before editing each file, and stdin is not a terminal (add --yes to answer yes)'),
    extraArgs: (flags) => (flags.yes ? ['--yes'] : []),
  },
};

export interface FixPlan {
  /** Our own fixes, deduplicated, in the order they run. */
  readonly runnable: readonly SetupFix[];
  /** Fixes of failing checks that --fix does not run (another program, or advice), deduplicated. */
  readonly manual: readonly SetupFix[];
}

/** The fixes of every failing check: ours to run (sign-in before configure, each once), the rest to list. */
export function planFixes(checks: readonly SetupCheck[]): FixPlan {
  const runnable = new Map<string, SetupFix>();
  const manual = new Map<string, SetupFix>();
  for (const check of checks) {
    const fix = check.fix;
    if (check.status !== 'fail' || fix === undefined) continue;
    const name = fix.cliArgs?.[0];
    if (name !== undefined && Object.hasOwn(POLICIES, name)) {
      const key = (fix.cliArgs ?? []).join('\0');
      if (!runnable.has(key)) runnable.set(key, fix);
    } else if (!manual.has(fix.title)) {
      manual.set(fix.title, fix);
    }
  }
  const order = (fix: SetupFix): number => POLICIES[fix.cliArgs?.[0] ?? '']?.order ?? Number.MAX_SAFE_INTEGER;
  return { runnable: [...runnable.values()].sort((a, b) => order(a) - order(b)), manual: [...manual.values()] };
}

export type FixOutcome = { readonly fix: SetupFix; readonly status: 'done' | 'failed' } | { readonly fix: SetupFix; readonly status: 'skipped'; readonly reason: string };

/**
 * Runs the plan's fixes one after another, writing to `io` (the caller decides where that
 * goes: stderr under --json). A fix that cannot run without a terminal is skipped with one sentence; a
 * configure after a sign-in that did not happen is skipped too, since it could only fail.
 */
export async function runFixes(plan: FixPlan, commands: FixCommandTable, flags: FixFlags, io: CliIo): Promise<FixOutcome[]> {
  const outcomes: FixOutcome[] = [];
  for (const fix of plan.runnable) {
    const [name = '', ...args] = fix.cliArgs ?? [];
    const policy = POLICIES[name];
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    const display = fix.cli ?? name;
    const signInMissed = name === 'configure' && outcomes.some((outcome) => outcome.fix.cliArgs?.[0] === 'login' && outcome.status !== 'done');
    const reason = command === undefined ? 'this build has no such command' : (policy?.blockedReason(flags) ?? (signInMissed ? 'it needs the sign-in above to succeed first' : undefined));
    if (reason !== undefined || command === undefined) {
      const because = reason ?? 'this build has no such command';
      io.stdout(`Skipped "${fix.title}": ${because}; run "${display}" yourself.\n`);
      outcomes.push({ fix, status: 'skipped', reason: because });
      continue;
    }
    io.stdout(`\n→ ${fix.title} (${display})\n`);
    const code = await runOne(command, [...args, ...(policy?.extraArgs(flags) ?? [])], io);
    outcomes.push({ fix, status: code === EXIT_OK ? 'done' : 'failed' });
  }
  return outcomes;
}

async function runOne(command: FixCommand, args: readonly string[], io: CliIo): Promise<number> {
  try {
    return await command(args, io);
  } catch (error) {
    // The same one line runCli prints for a command that failed with a user-facing reason.
    if (!isUserFacingError(error)) throw error;
    io.stderr(`bedrock-onboard: ${redactSecrets(error.message)}\n`);
    return EXIT_FAILED;
  }
}
