import { join, resolve } from 'node:path';

/** Versions measured to work together here (see shared REAL_VSCODE.md): code-server 4.139.x needs Node 24. */
export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

/**
 * Debian packages the test host needs: Chromium and fonts to render the workbench; the
 * rest to compile code-server's native modules (kerberos needs libkrb5-dev).
 */
export const RUNTIME_SYSTEM_PACKAGES = ['chromium', 'fonts-liberation'] as const;
export const BUILD_SYSTEM_PACKAGES = ['libkrb5-dev', 'build-essential', 'python3', 'git'] as const;
export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';

/**
 * code-server's own install scripts and argon2's prebuilt-binary loader must run; they are
 * approved in the prefix's package.json so npm never has to guess (its allowScripts policy).
 */
export const CODE_SERVER_SCRIPT_APPROVALS: Readonly<Record<string, boolean>> = {
  [`code-server@${CODE_SERVER_VERSION}`]: true,
  argon2: true,
};

export interface TestHostLayout {
  readonly repoRoot: string;
  /** Git-ignored cache, like the one @vscode/test-electron keeps its VS Code download in. */
  readonly cacheDir: string;
  readonly nodePrefix: string;
  /** The Node distribution folder (bin/node and include/node headers). */
  readonly nodeHome: string;
  readonly nodeBinary: string;
  readonly codeServerPrefix: string;
  readonly codeServerEntry: string;
  readonly lockFile: string;
  readonly logDir: string;
}

export function nodePackageName(arch: string = process.arch): string {
  if (arch !== 'x64' && arch !== 'arm64') throw new Error(`The code-server test host supports x64 and arm64 Linux, not ${arch}.`);
  return `node-linux-${arch}`;
}

export function repositoryRoot(): string {
  return resolve(__dirname, '..', '..');
}

export function testHostLayout(repoRoot: string = repositoryRoot()): TestHostLayout {
  const cacheDir = join(repoRoot, '.vscode-test');
  const nodePrefix = join(cacheDir, `node-${NODE_VERSION}`);
  const nodeHome = join(nodePrefix, 'node_modules', nodePackageName());
  const codeServerPrefix = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
  return {
    repoRoot,
    cacheDir,
    nodePrefix,
    nodeHome,
    nodeBinary: join(nodeHome, 'bin', 'node'),
    codeServerPrefix,
    codeServerEntry: join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    lockFile: join(cacheDir, 'install.lock'),
    logDir: join(cacheDir, 'logs'),
  };
}
