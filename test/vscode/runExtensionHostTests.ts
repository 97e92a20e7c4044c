import { TestRunFailedError, runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestHost } from '../../scripts/vscode-host/installTestHost';
import { isolationOverrides } from '../../scripts/vscode-host/isolatedEnvironment';
import { repositoryRoot } from '../../scripts/vscode-host/testHostLayout';

type HostKind = 'desktop' | 'code-server';

interface SuiteResults {
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly string[];
}

/**
 * `npm run test:vscode`: builds dist/, compiles test/vscode/suite to out/, and hands it to
 * @vscode/test-electron's runTests(). BEDROCK_ONBOARDING_VSCODE_HOST chooses the VS Code:
 * `desktop` lets runTests download desktop VS Code as usual; `code-server` (the default,
 * since these machines cannot download it) passes the code-server stand-in as
 * vscodeExecutablePath. Either way each run gets a fresh HOME, user data and extensions.
 */
export async function runExtensionHostTests(): Promise<number> {
  const started = Date.now();
  const root = repositoryRoot();
  const kind = hostKind(process.env['BEDROCK_ONBOARDING_VSCODE_HOST']);
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' });
  const suiteIndex = await compileSuite(root);

  let vscodeExecutablePath: string | undefined;
  if (kind === 'code-server') {
    await ensureTestHost();
    vscodeExecutablePath = join(root, 'scripts', 'vscode-host', 'code-server-as-vscode.mjs');
    // A checkout without file modes (an archive, some Windows tools) loses the executable bit.
    chmodSync(vscodeExecutablePath, 0o755);
  }

  const scratch = mkdtempSync(join(tmpdir(), 'bedrock-vscode-tests-'));
  const dirs = { home: join(scratch, 'home'), userData: join(scratch, 'user-data'), extensions: join(scratch, 'extensions'), workspace: join(scratch, 'workspace') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  // Claude Code's VS Code extension is not available here: a stand-in with its id is installed instead.
  cpSync(join(root, 'test', 'vscode', 'standIns', 'claude-code'), join(dirs.extensions, 'anthropic.claude-code-0.0.0'), { recursive: true });
  const resultsFile = join(scratch, 'results.json');
  let exitCode = 1;
  try {
    console.log(`vscode tests: running in ${kind === 'code-server' ? 'code-server (web workbench, server-side extension host)' : 'desktop VS Code'}`);
    await runTests({
      ...(vscodeExecutablePath !== undefined ? { vscodeExecutablePath } : {}),
      extensionDevelopmentPath: root,
      extensionTestsPath: suiteIndex,
      launchArgs: [dirs.workspace, `--user-data-dir=${dirs.userData}`, `--extensions-dir=${dirs.extensions}`],
      extensionTestsEnv: {
        ...isolationOverrides(process.env, dirs.home),
        BEDROCK_ONBOARDING_TEST_HOME: dirs.home,
        BEDROCK_ONBOARDING_REAL_HOME: homedir(),
        BEDROCK_ONBOARDING_TEST_RESULTS: resultsFile,
        ...(process.env['BEDROCK_ONBOARDING_TEST_GREP'] !== undefined ? { BEDROCK_ONBOARDING_TEST_GREP: process.env['BEDROCK_ONBOARDING_TEST_GREP'] } : {}),
      },
    });
    exitCode = 0;
  } catch (error) {
    exitCode = error instanceof TestRunFailedError ? (error.code ?? 1) : 1;
    if (!(error instanceof TestRunFailedError)) console.error(`vscode tests: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    const results = readResults(resultsFile);
    rmSync(scratch, { recursive: true, force: true });
    if (results) {
      for (const failure of results.failures) console.error(`  failed: ${failure}`);
      // The plain closing line CI reads, after mocha's own report.
      console.log(`extension-host: ${results.passed} passed, ${results.failed} failed`);
    } else {
      console.error('vscode tests: the suite reported no results (it did not start, or the host stopped before it finished).');
      if (exitCode === 0) exitCode = 1;
    }
    console.log(`vscode tests: exit ${exitCode} after ${Math.round((Date.now() - started) / 100) / 10} s`);
  }
  return exitCode;
}

function hostKind(value: string | undefined): HostKind {
  if (value === undefined || value === '' || value === 'code-server') return 'code-server';
  if (value === 'desktop') return 'desktop';
  throw new Error(`BEDROCK_ONBOARDING_VSCODE_HOST must be "desktop" or "code-server", not "${value}".`);
}

/**
 * The extension host loads JavaScript: bundle each test file. vscode and mocha stay external,
 * and so does the emulator's IAM evaluator: its ESM build reads its data files relative to
 * `import.meta.url`, which a CommonJS bundle does not have; required from node_modules it
 * loads its own CommonJS build.
 */
async function compileSuite(root: string): Promise<string> {
  const sourceDir = join(root, 'test', 'vscode', 'suite');
  const outDir = join(root, 'out', 'test', 'vscode', 'suite');
  // Stale compiled tests from a deleted source file must not run.
  rmSync(outDir, { recursive: true, force: true });
  const entryPoints = readdirSync(sourceDir).filter((file) => file === 'index.ts' || file.endsWith('.test.ts')).map((file) => join(sourceDir, file));
  // jsonc-parser's `main` is a UMD build whose relative requires esbuild cannot follow; its ESM build bundles.
  await build({ entryPoints, outdir: outDir, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', external: ['vscode', 'mocha', '@cloud-copilot/*'], logLevel: 'warning', absWorkingDir: root, mainFields: ['module', 'main'] });
  const index = join(outDir, 'index.js');
  if (!existsSync(index)) throw new Error(`Compiling the suite produced no ${index}.`);
  return index;
}

function readResults(file: string): SuiteResults | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SuiteResults;
  } catch {
    return undefined;
  }
}
