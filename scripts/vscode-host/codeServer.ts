import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import type { TestHost } from './installTestHost';
import { spawnInOwnGroup, type ExitInfo } from './processGroups';
import { waitUntil } from './waitUntil';

export interface CodeServerOptions {
  readonly host: TestHost;
  /** The whole environment of the server; its extension hosts inherit it (HOME, AWS_ENDPOINT_URL_*, …). */
  readonly env: NodeJS.ProcessEnv;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** Server output goes here rather than to the terminal; printed when something fails. */
  readonly logFile: string;
  readonly startupTimeoutMs?: number;
}

export interface WorkbenchLocation {
  /** Folder to open, as a path on this machine. */
  readonly folder?: string;
  /** Desktop-style launch arguments the web workbench reads from its `payload` parameter. */
  readonly payload?: readonly (readonly [string, string])[];
}

export interface RunningCodeServer {
  readonly origin: string;
  readonly port: number;
  readonly pid: number;
  readonly logFile: string;
  /** Settles if the server stops on its own. */
  readonly exited: Promise<ExitInfo>;
  /** `vscode-remote://` form of a server-side path, as the workbench expects it in a payload. */
  remoteUri(path: string): string;
  workbenchUrl(location?: WorkbenchLocation): string;
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

/** Starts a private code-server on a free 127.0.0.1 port and waits until it answers /healthz. */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  // A port picked free can be taken before code-server binds it; try again with another.
  for (let attempt = 1; ; attempt++) {
    const port = await freeLocalPort();
    try {
      return await startOnPort(options, port);
    } catch (error) {
      if (attempt >= 3 || !/EADDRINUSE/.test(readLog(options.logFile))) throw error;
    }
  }
}

/**
 * Settings for a fresh profile that keep the workbench from reaching out (these machines
 * are offline) or covering the window with chat and welcome pages. Only written when the
 * profile has no settings yet.
 */
export const QUIET_USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
};

function writeQuietUserSettings(userDataDir: string): void {
  const settings = join(userDataDir, 'User', 'settings.json');
  if (existsSync(settings)) return;
  mkdirSync(dirname(settings), { recursive: true });
  writeFileSync(settings, `${JSON.stringify(QUIET_USER_SETTINGS, null, 2)}\n`);
}

async function startOnPort(options: CodeServerOptions, port: number): Promise<RunningCodeServer> {
  writeQuietUserSettings(options.userDataDir);
  const origin = `http://127.0.0.1:${port}`;
  const configFile = join(dirname(options.logFile), `code-server-${port}.yaml`);
  // An explicit config keeps code-server from writing a default one (with a password) into HOME.
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    options.host.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--config', configFile,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // Without it every closed tab leaves an extension host running for three hours.
    '--reconnection-grace-time', '10',
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
    // Exposes the automation hooks (codeAutomationLog/Exit) and lets extension tests run.
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  const fd = openSync(options.logFile, 'a');
  const server = spawnInOwnGroup(`code-server :${port}`, options.host.nodeBinary, args, { env: options.env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const logTail = (lines = 40): string => readLog(options.logFile).split('\n').slice(-lines).join('\n');
  try {
    await waitUntil(`code-server to answer on ${origin}/healthz`, options.startupTimeoutMs ?? 60_000, async () => {
      if (server.hasExited()) throw new Error(`code-server exited during start-up. Its log (${options.logFile}) ends with:\n${logTail()}`);
      return isHealthy(origin);
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const remoteUri = (path: string): string => `vscode-remote://127.0.0.1:${port}${path}`;
  return {
    origin,
    port,
    pid: server.pid,
    logFile: options.logFile,
    exited: server.exited,
    remoteUri,
    workbenchUrl: (location = {}) => {
      const url = new URL(`${origin}/`);
      if (location.folder !== undefined) url.searchParams.set('folder', location.folder);
      if (location.payload !== undefined) url.searchParams.set('payload', JSON.stringify(location.payload));
      return url.toString();
    },
    logTail,
    stop: () => server.stop(),
  };
}

/** `code-server --install-extension <vsix>` into the given extensions folder. */
export async function installExtension(host: TestHost, vsix: string, options: { extensionsDir: string; userDataDir: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<string> {
  const args = [host.codeServerEntry, '--install-extension', vsix, '--force', '--extensions-dir', options.extensionsDir, '--user-data-dir', options.userDataDir];
  return new Promise((resolve, reject) => {
    const child = spawn(host.nodeBinary, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 120_000 });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`code-server --install-extension ${vsix} failed (${code ?? signal ?? '?'}):\n${output}`));
    });
  });
}

export async function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not find a free port on 127.0.0.1.'));
      });
    });
  });
}

async function isHealthy(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
