import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { withFileLock } from '../../src/core/files/fileLock';
import { ensureSystemPackages } from './systemPackages';
import {
  BUILD_SYSTEM_PACKAGES,
  CHROMIUM_EXECUTABLE,
  CODE_SERVER_SCRIPT_APPROVALS,
  CODE_SERVER_VERSION,
  NODE_VERSION,
  RUNTIME_SYSTEM_PACKAGES,
  nodePackageName,
  testHostLayout,
  type TestHostLayout,
} from './testHostLayout';

/** What a test run needs to start a real VS Code here: Node 24, code-server and Chromium. */
export interface TestHost {
  readonly layout: TestHostLayout;
  readonly nodeBinary: string;
  readonly codeServerEntry: string;
  readonly chromiumExecutable: string;
}

export interface EnsureTestHostOptions {
  readonly layout?: TestHostLayout;
  readonly say?: (line: string) => void;
}

interface ComponentMarker {
  readonly version: string;
  readonly installedAt: string;
  readonly seconds: number;
}

const MARKER = '.installed.json';

/**
 * Installs the code-server test host under .vscode-test/ on first use and returns it at
 * once when it is already there. A component counts as installed only once its marker
 * (written last, after a smoke check) names the pinned version, so an install that was
 * interrupted halfway is wiped and redone rather than trusted.
 */
export async function ensureTestHost(options: EnsureTestHostOptions = {}): Promise<TestHost> {
  const layout = options.layout ?? testHostLayout();
  const say = options.say ?? ((line: string) => { console.log(`vscode-host: ${line}`); });
  const host: TestHost = { layout, nodeBinary: layout.nodeBinary, codeServerEntry: layout.codeServerEntry, chromiumExecutable: CHROMIUM_EXECUTABLE };
  if (isComplete(layout)) return host;

  mkdirSync(layout.logDir, { recursive: true });
  const started = Date.now();
  say(`installing the VS Code test host into ${layout.cacheDir} (once; a few minutes)`);
  // Two suites started together must not build into the same folder at once.
  await withFileLock(
    layout.lockFile,
    async () => {
      if (isComplete(layout)) return;
      const needsBuild = !hasMarker(layout.codeServerPrefix, CODE_SERVER_VERSION);
      ensureSystemPackages([...RUNTIME_SYSTEM_PACKAGES, ...(needsBuild ? BUILD_SYSTEM_PACKAGES : [])], say);
      await ensureComponent(layout.nodePrefix, NODE_VERSION, say, () => installNode(layout, say));
      await ensureComponent(layout.codeServerPrefix, CODE_SERVER_VERSION, say, () => installCodeServer(layout, say));
      if (!existsSync(CHROMIUM_EXECUTABLE)) throw new Error(`Chromium is not at ${CHROMIUM_EXECUTABLE} although the chromium package is installed.`);
    },
    { timeoutMs: 20 * 60_000, staleMs: 30 * 60_000, retryMs: 1_000 },
  );
  say(`test host ready in ${seconds(started)} s (Node ${NODE_VERSION}, code-server ${CODE_SERVER_VERSION}, ${chromiumVersion()})`);
  return host;
}

function isComplete(layout: TestHostLayout): boolean {
  return (
    hasMarker(layout.nodePrefix, NODE_VERSION) &&
    hasMarker(layout.codeServerPrefix, CODE_SERVER_VERSION) &&
    existsSync(layout.nodeBinary) &&
    existsSync(layout.codeServerEntry) &&
    existsSync(CHROMIUM_EXECUTABLE)
  );
}

function hasMarker(prefix: string, version: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(prefix, MARKER), 'utf8')) as Partial<ComponentMarker>).version === version;
  } catch {
    return false;
  }
}

async function ensureComponent(prefix: string, version: string, say: (line: string) => void, install: () => Promise<void>): Promise<void> {
  if (hasMarker(prefix, version)) return;
  if (existsSync(prefix)) {
    say(`removing the unfinished or outdated ${prefix}`);
    rmSync(prefix, { recursive: true, force: true });
  }
  mkdirSync(prefix, { recursive: true });
  const started = Date.now();
  await install();
  const marker: ComponentMarker = { version, installedAt: new Date().toISOString(), seconds: seconds(started) };
  writeFileSync(join(prefix, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
}

async function installNode(layout: TestHostLayout, say: (line: string) => void): Promise<void> {
  const spec = `${nodePackageName()}@${NODE_VERSION}`;
  say(`npm install ${spec} (Node ${NODE_VERSION} for code-server)`);
  writeFileSync(join(layout.nodePrefix, 'package.json'), `${JSON.stringify({ name: 'vscode-test-host-node', private: true }, null, 2)}\n`);
  await runLogged(layout, 'node', 'npm', ['install', '--no-audit', '--no-fund', '--save-exact', spec], { cwd: layout.nodePrefix, env: withoutOuterNpmSettings(process.env) }, say);
  const reported = spawnSync(layout.nodeBinary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (reported !== `v${NODE_VERSION}`) throw new Error(`${layout.nodeBinary} reports "${reported}" instead of v${NODE_VERSION}.`);
}

async function installCodeServer(layout: TestHostLayout, say: (line: string) => void): Promise<void> {
  const spec = `code-server@${CODE_SERVER_VERSION}`;
  say(`npm install ${spec} (builds native modules; about 3 minutes on 2 cores)`);
  // npm only runs dependency install scripts that the installing package.json approves.
  const manifest = { name: 'vscode-test-host-code-server', private: true, allowScripts: CODE_SERVER_SCRIPT_APPROVALS };
  writeFileSync(join(layout.codeServerPrefix, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const env: NodeJS.ProcessEnv = {
    ...withoutOuterNpmSettings(process.env),
    // code-server's native modules must be built for Node 24's ABI, with its headers: a
    // user-level `nodedir` (e.g. pointing at the system Node's) would give the wrong one.
    PATH: [dirname(layout.nodeBinary), process.env['PATH'] ?? ''].join(delimiter),
    npm_config_nodedir: layout.nodeHome,
  };
  await runLogged(layout, 'code-server', 'npm', ['install', '--foreground-scripts', '--no-audit', '--no-fund', '--save-exact', spec], { cwd: layout.codeServerPrefix, env }, say);
  if (!existsSync(layout.codeServerEntry)) throw new Error(`npm installed ${spec} but ${layout.codeServerEntry} is missing.`);
  // Smoke check under a throw-away HOME: code-server writes a default config on any start.
  const home = mkdtempSync(join(tmpdir(), 'code-server-check-'));
  try {
    const check = spawnSync(layout.nodeBinary, [layout.codeServerEntry, '--version'], { encoding: 'utf8', env: { ...env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share') }, timeout: 60_000 });
    if (!check.stdout.includes(CODE_SERVER_VERSION)) throw new Error(`code-server --version printed "${check.stdout.trim()}${check.stderr.trim()}" instead of ${CODE_SERVER_VERSION}.`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * The environment without what an outer `npm test` / `npm run` exported. npm reads every
 * `npm_config_*` variable as its own setting, so a nested install would inherit, e.g., the
 * outer `user-agent` naming Node 20 — and code-server's postinstall reads the Node version
 * from exactly that, refusing to install.
 */
function withoutOuterNpmSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}

/** Runs a long install step with its (very verbose) output in a log file and a heartbeat on screen. */
async function runLogged(
  layout: TestHostLayout,
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
  say: (line: string) => void,
): Promise<void> {
  const logFile = join(layout.logDir, `install-${name}.log`);
  const log = createWriteStream(logFile);
  const started = Date.now();
  const heartbeat = setInterval(() => { say(`  … still installing ${name} (${seconds(started)} s, log: ${logFile})`); }, 30_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.pipe(log, { end: false });
      child.stderr.pipe(log, { end: false });
      child.once('error', reject);
      child.once('close', resolve);
    });
    await new Promise<void>((resolve) => log.end(resolve));
    if (code !== 0) {
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
      throw new Error(`Installing ${name} failed (\`${command} ${args.join(' ')}\` exited with ${code}). Last lines of ${logFile}:\n${tail}`);
    }
  } finally {
    clearInterval(heartbeat);
    if (!log.writableEnded) log.end();
  }
  say(`  ${name} installed in ${seconds(started)} s`);
}

function chromiumVersion(): string {
  return spawnSync(CHROMIUM_EXECUTABLE, ['--version'], { encoding: 'utf8' }).stdout.trim() || 'Chromium';
}

function seconds(since: number): number {
  return Math.round((Date.now() - since) / 100) / 10;
}
