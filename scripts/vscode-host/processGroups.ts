import { spawn, type StdioOptions } from 'node:child_process';

/**
 * Every server and browser the test harness starts runs in its own process group and is
 * stopped by that group, on success, on failure and on Ctrl-C, so nothing outlives a run.
 */

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface GroupProcess {
  readonly pid: number;
  readonly label: string;
  /** Settles when the group leader exits. */
  readonly exited: Promise<ExitInfo>;
  hasExited(): boolean;
  /** SIGTERM to the group, SIGKILL to whatever is left after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnGroupOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly stdio?: StdioOptions;
}

const liveGroups = new Map<number, string>();
const shutdownActions = new Set<() => Promise<void>>();
let handlersInstalled = false;

export function spawnInOwnGroup(label: string, command: string, args: readonly string[], options: SpawnGroupOptions = {}): GroupProcess {
  installShutdownHandlers();
  // detached => setsid(): the child leads a new process group that a terminal Ctrl-C does
  // not reach, so stopping it is always our decision, made in order.
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: options.stdio ?? 'ignore', detached: true });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${label} (${command}).`);
  liveGroups.set(pid, label);
  let exitInfo: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
    child.once('error', () => {
      exitInfo = { code: null, signal: null };
      resolve(exitInfo);
    });
  });
  return {
    pid,
    label,
    exited,
    hasExited: () => exitInfo !== undefined,
    stop: (graceMs) => stopGroup(pid, exited, graceMs),
  };
}

/** Takes responsibility for a process group someone else started (Playwright's browser). */
export function adoptGroup(pid: number, label: string): { stop(graceMs?: number): Promise<void> } {
  installShutdownHandlers();
  liveGroups.set(pid, label);
  const exited = waitForProcessGone(pid);
  return { stop: (graceMs) => stopGroup(pid, exited, graceMs) };
}

/** Registers an async clean-up that runs on SIGINT/SIGTERM/SIGHUP before the process exits. */
export function onShutdown(action: () => Promise<void>): () => void {
  installShutdownHandlers();
  shutdownActions.add(action);
  return () => shutdownActions.delete(action);
}

export function liveGroupLabels(): string[] {
  return [...liveGroups.entries()].filter(([pid]) => isAlive(-pid)).map(([pid, label]) => `${label} (pid ${pid})`);
}

async function stopGroup(pid: number, exited: Promise<unknown>, graceMs = 5_000): Promise<void> {
  signalGroup(pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => {
    setTimeout(() => {
      resolve('timeout');
    }, graceMs).unref();
  });
  await Promise.race([exited, timer]);
  // The leader may be gone while its children (extension hosts, renderers) linger.
  signalGroup(pid, 'SIGKILL');
  liveGroups.delete(pid);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* the group is already gone */
  }
}

function isAlive(pidOrGroup: number): boolean {
  try {
    process.kill(pidOrGroup, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForProcessGone(pid: number): Promise<void> {
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 100).unref());
}

function installShutdownHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Last resort for paths that never reach a stop(): an uncaught error or process.exit().
  process.on('exit', () => {
    for (const pid of liveGroups.keys()) signalGroup(pid, 'SIGKILL');
  });
  const codes: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
  for (const [signal, exitCode] of Object.entries(codes) as [NodeJS.Signals, number][]) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal} received: stopping ${liveGroupLabels().join(', ') || 'nothing left running'}…\n`);
      const actions = [...shutdownActions].map((action) => action().catch(() => undefined));
      const deadline = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
      void Promise.race([Promise.all(actions), deadline]).finally(() => process.exit(exitCode));
    });
  }
}
