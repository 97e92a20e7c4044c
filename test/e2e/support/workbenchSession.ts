import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type RunningBrowser } from '../../../scripts/vscode-host/browser';
import { installExtension, QUIET_USER_SETTINGS, startCodeServer, type RunningCodeServer } from '../../../scripts/vscode-host/codeServer';
import { ensureTestHost } from '../../../scripts/vscode-host/installTestHost';
import { isolatedEnvironment } from '../../../scripts/vscode-host/isolatedEnvironment';
import { onShutdown } from '../../../scripts/vscode-host/processGroups';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { defaultWorld, type World } from '../../emulator/world';
import { readLogFiles } from './extensionLog';
import { artifactPath } from './artifacts';
import { processEnvironment, processesInGroup } from './serverProcesses';
import { UserActions } from './userActions';

export interface WorkbenchSessionOptions {
  /** The packaged extension to install, as a user would. */
  readonly vsix: string;
  /** Changes to the emulator's default world before it starts. */
  readonly customiseWorld?: (world: World) => void;
  /** Extra environment for code-server and so for the extension host. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The user's own settings.json at start-up (merged over the quiet test defaults). Edits to
   * that file while code-server runs did not reach the extension host here, so set them now.
   */
  readonly userSettings?: Readonly<Record<string, unknown>>;
  /** Writes files into the fresh HOME before VS Code starts (e.g. an existing sign-in). */
  readonly prepareHome?: (home: string, emulator: Emulator) => void;
}

export interface WorkbenchSession {
  readonly page: Page;
  readonly user: UserActions;
  readonly emulator: Emulator;
  readonly server: RunningCodeServer;
  /** The throw-away HOME the extension host sees. */
  readonly home: string;
  readonly workspace: string;
  /** VS Code's user data folder on the server: logs, settings, global storage. */
  readonly userDataDir: string;
  /** Where code-server keeps installed extensions, one `<id>-<version>` folder each. */
  readonly extensionsDir: string;
  /** Installs another .vsix into the running code-server, as `code-server --install-extension` does. */
  installVsix(vsix: string): Promise<void>;
  /** The extension host's log files on the server, joined. */
  extensionHostLog(): string;
  /** The environment of the extension host process code-server started for this window. */
  extensionHostEnvironment(): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * A person's VS Code with the packaged extension installed: a private code-server with a
 * fresh HOME whose AWS SDK endpoints point at the local emulator, and the workbench open
 * in headless Chromium. Everything is stopped by stop(), or on SIGINT/SIGTERM.
 */
export async function startWorkbenchSession(options: WorkbenchSessionOptions): Promise<WorkbenchSession> {
  const host = await ensureTestHost();
  const scratch = mkdtempSync(join(tmpdir(), 'bedrock-e2e-'));
  const dirs = { home: join(scratch, 'home'), userData: join(scratch, 'user-data'), extensions: join(scratch, 'extensions'), workspace: join(scratch, 'workspace') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });

  let emulator: Emulator | undefined;
  let server: RunningCodeServer | undefined;
  let browser: RunningBrowser | undefined;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await browser?.stop();
    await server?.stop();
    await emulator?.close();
    rmSync(scratch, { recursive: true, force: true });
  };
  const forget = onShutdown(stop);
  try {
    const world = defaultWorld();
    options.customiseWorld?.(world);
    emulator = await startEmulator(world);
    options.prepareHome?.(dirs.home, emulator);
    const env = isolatedEnvironment(process.env, dirs.home, {
      ...emulatorEndpointEnv(emulator.url),
      // The SDK must never fall back to the instance metadata service of the machine.
      AWS_EC2_METADATA_DISABLED: 'true',
      ...options.env,
    });
    if (options.userSettings) {
      mkdirSync(join(dirs.userData, 'User'), { recursive: true });
      writeFileSync(join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify({ ...QUIET_USER_SETTINGS, ...options.userSettings }, null, 2)}\n`);
    }
    await installExtension(host, options.vsix, { extensionsDir: dirs.extensions, userDataDir: dirs.userData, env });
    server = await startCodeServer({ host, env, userDataDir: dirs.userData, extensionsDir: dirs.extensions, logFile: join(scratch, 'code-server.log') });
    browser = await launchBrowser(host);
    const context = await browser.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.workbenchUrl({ folder: dirs.workspace }), { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.statusbar .statusbar-item').first().waitFor({ state: 'attached', timeout: 60_000 });
    const userDataDir = dirs.userData;
    const serverPid = server.pid;
    return {
      page,
      user: new UserActions(page),
      emulator,
      server,
      home: dirs.home,
      workspace: dirs.workspace,
      userDataDir,
      extensionsDir: dirs.extensions,
      installVsix: async (vsix) => {
        await installExtension(host, vsix, { extensionsDir: dirs.extensions, userDataDir: dirs.userData, env });
      },
      extensionHostLog: () => readExtensionHostLogs(userDataDir),
      extensionHostEnvironment: () => {
        const hosts = processesInGroup(serverPid).filter((process) => process.commandLine.includes('--type=extensionHost'));
        const newest = hosts.sort((a, b) => b.pid - a.pid)[0];
        if (newest === undefined) throw new Error(`code-server (pid ${serverPid}) runs no extension host; its processes: ${processesInGroup(serverPid).map((p) => p.commandLine).join('; ')}`);
        return processEnvironment(newest.pid);
      },
      stop: async () => {
        forget();
        await stop();
      },
    };
  } catch (error) {
    // The server log tells why a workbench did not come up; the scratch folder is about to go.
    if (server) copyFileSync(server.logFile, artifactPath('logs', `code-server-${Date.now()}.log`));
    forget();
    await stop();
    throw error;
  }
}

function readExtensionHostLogs(userDataDir: string): string {
  return readLogFiles(userDataDir, (name) => name === 'exthost.log' || name === 'remoteexthost.log');
}
