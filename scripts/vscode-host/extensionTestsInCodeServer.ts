import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, type RunningBrowser } from './browser';
import { startCodeServer, type RunningCodeServer } from './codeServer';
import { parseDesktopFlags } from './desktopFlags';
import { ensureTestHost } from './installTestHost';
import { onShutdown } from './processGroups';
import { formatAutomationLog, isWorkbenchChatter } from './workbenchConsole';

interface AutomationLogFile {
  readonly relativePath: string;
  readonly contents: string;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/**
 * What the desktop VS Code executable does for @vscode/test-electron, done with a private
 * code-server and headless Chromium: open a window on the extension under development,
 * let the workbench run the extension tests in the (server-side Node) extension host, and
 * return their exit code. The workbench reports output and the exit code through the
 * automation hooks it calls when started with `enable-smoke-test-driver`.
 *
 * The environment is passed to code-server unchanged, so the extension host inherits it
 * the way it inherits the desktop VS Code process's (the runner isolates HOME there).
 */
export async function runExtensionTestsInCodeServer(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const launch = parseDesktopFlags(argv);
  if (launch.extensionTestsPath === undefined || launch.extensionDevelopmentPaths.length === 0) {
    throw new Error('This stand-in for VS Code only runs extension tests: pass --extensionDevelopmentPath and --extensionTestsPath.');
  }
  const verbose = env['BEDROCK_ONBOARDING_VSCODE_VERBOSE'] === '1';
  const timeoutMs = Number(env['BEDROCK_ONBOARDING_VSCODE_TEST_TIMEOUT_MS'] ?? DEFAULT_TIMEOUT_MS);
  const host = await ensureTestHost({ say: (line) => { process.stderr.write(`vscode-host: ${line}\n`); } });
  const scratch = mkdtempSync(join(tmpdir(), 'vscode-host-'));
  const userDataDir = launch.userDataDir ?? join(scratch, 'user-data');
  const extensionsDir = launch.extensionsDir ?? join(scratch, 'extensions');
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });

  const consoleLog = join(scratch, 'workbench-console.log');
  let server: RunningCodeServer | undefined;
  let browser: RunningBrowser | undefined;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await browser?.stop();
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  const forget = onShutdown(stop);
  let workbenchLogs: readonly AutomationLogFile[] = [];
  let exitCode = 1;
  try {
    const started = Date.now();
    server = await startCodeServer({ host, env, userDataDir, extensionsDir, logFile: join(scratch, 'code-server.log') });
    browser = await launchBrowser(host);
    const page = await (await browser.browser.newContext()).newPage();
    const finished = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
        const message = formatAutomationLog(args);
        appendFileSync(consoleLog, `[${type}] ${message}\n`);
        if (verbose || !isWorkbenchChatter(message)) (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`${message}\n`);
      });
      void page.exposeFunction('codeAutomationExit', (code: number, logs?: AutomationLogFile[]) => {
        workbenchLogs = logs ?? [];
        resolve(code);
      });
    });
    const running = server;
    const serverExit = running.exited.then((info): never => {
      throw new Error(`code-server stopped (${info.code ?? info.signal ?? '?'}) before the tests finished. Its log ends with:\n${running.logTail()}`);
    });
    const payload: [string, string][] = [
      ...launch.extensionDevelopmentPaths.map((path): [string, string] => ['extensionDevelopmentPath', running.remoteUri(path)]),
      ['extensionTestsPath', running.remoteUri(launch.extensionTestsPath)],
    ];
    const url = running.workbenchUrl({ ...(launch.paths[0] !== undefined ? { folder: launch.paths[0] } : {}), payload });
    const crashed = new Promise<never>((_, reject) => {
      page.once('crash', () => { reject(new Error('The workbench page crashed.')); });
      page.once('close', () => { reject(new Error('The workbench page was closed before the tests finished.')); });
    });
    await page.goto(url, { timeout: 60_000 });
    process.stderr.write(`vscode-host: workbench opened on code-server ${running.origin} in ${Math.round((Date.now() - started) / 100) / 10} s; running extension tests\n`);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => { reject(new Error(`The extension tests did not finish within ${Math.round(timeoutMs / 1000)} s (BEDROCK_ONBOARDING_VSCODE_TEST_TIMEOUT_MS).`)); }, timeoutMs);
    });
    // These settle after the race too (while everything is stopped); nobody waits then.
    for (const settlesLate of [crashed, serverExit, timedOut]) settlesLate.catch(() => undefined);
    try {
      exitCode = await Promise.race([finished, crashed, serverExit, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  } catch (error) {
    process.stderr.write(`vscode-host: ${error instanceof Error ? error.message : String(error)}\n`);
    exitCode = 1;
  } finally {
    if (exitCode !== 0) keepArtifacts(join(host.layout.repoRoot, '.e2e-artifacts', 'vscode-tests'), scratch, userDataDir, workbenchLogs);
    forget();
    await stop();
  }
  return exitCode;
}

/**
 * Copies the server log, the server-side logs (the extension host's, and each extension's
 * own LogOutputChannel file) and the workbench's logs where a developer can read them after a failure.
 */
function keepArtifacts(artifactsDir: string, scratch: string, userDataDir: string, workbenchLogs: readonly AutomationLogFile[]): void {
  const target = join(artifactsDir, new Date().toISOString().replace(/[:.]/g, '-'));
  try {
    mkdirSync(target, { recursive: true });
    for (const file of ['code-server.log', 'workbench-console.log']) {
      if (existsSync(join(scratch, file))) cpSync(join(scratch, file), join(target, file));
    }
    if (existsSync(join(userDataDir, 'logs'))) cpSync(join(userDataDir, 'logs'), join(target, 'server'), { recursive: true });
    for (const log of workbenchLogs) {
      const file = join(target, 'workbench', log.relativePath.replace(/\.\.+/g, '_'));
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, log.contents);
    }
    process.stderr.write(`vscode-host: logs kept in ${target}\n`);
  } catch (error) {
    process.stderr.write(`vscode-host: could not keep the logs (${(error as Error).message})\n`);
  }
}
