import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * ccusage (the npm package) as a yardstick for bench/cost-scan. It is never a dependency
 * of the project (its newest versions' platform packages do not always resolve, which
 * broke `npm ci`): each pinned version is installed on first use into a git-ignored
 * cache and run as a separate process, offline, on the bench's own transcripts.
 */
export interface CcusageTool {
  readonly version: string;
  /** e.g. `ccusage 20.0.24 (native binary)`. */
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export interface CcusageMonth {
  /** Wall-clock time of the whole process, as a user running it sees it. */
  readonly ms: number;
  readonly month: string;
  readonly cost: number;
  readonly tokens: { readonly input: number; readonly output: number; readonly cacheCreation: number; readonly cacheRead: number };
}

interface InstalledManifest {
  readonly version?: string;
  readonly bin?: string | Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

const INSTALL_TIMEOUT_MS = 300_000;
const RUN_TIMEOUT_MS = 600_000;

/** Installs `ccusage@version` under `cacheDir` unless it is there already, and says how to run it. */
export function prepareCcusage(version: string, cacheDir: string): Outcome<CcusageTool> {
  const prefix = path.join(cacheDir, `ccusage-${version}`);
  const packageDir = path.join(prefix, 'node_modules', 'ccusage');
  if (readManifest(packageDir)?.version !== version) {
    fs.mkdirSync(prefix, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const installed = spawnSync(npm, ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', `ccusage@${version}`], {
      encoding: 'utf8',
      env: withoutOuterNpmSettings(process.env),
      timeout: INSTALL_TIMEOUT_MS,
      shell: process.platform === 'win32',
    });
    if (installed.error) return { ok: false, reason: `npm could not be started (${installed.error.message})` };
    if (installed.status !== 0) return { ok: false, reason: `npm install ccusage@${version} failed: ${npmErrorLine(installed.stderr)}` };
  }
  const manifest = readManifest(packageDir);
  if (manifest?.version !== version) return { ok: false, reason: `npm install ccusage@${version} left no usable package in ${prefix}` };

  // From 20.x the package is a launcher for a per-platform native binary; timing the binary
  // itself keeps the launcher's Node start-up out of ccusage's figure.
  const nativePackage = `@ccusage/ccusage-${process.platform}-${process.arch}`;
  const optional = manifest.optionalDependencies ?? {};
  if (Object.keys(optional).some((name) => name.startsWith('@ccusage/ccusage-'))) {
    const binary = path.join(prefix, 'node_modules', nativePackage, 'bin', process.platform === 'win32' ? 'ccusage.exe' : 'ccusage');
    if (!(nativePackage in optional)) return { ok: false, reason: `ccusage ${version} has no native build for ${process.platform}-${process.arch}` };
    if (!fs.existsSync(binary)) return { ok: false, reason: `npm did not install ${nativePackage}@${version}, ccusage ${version}'s native binary for this platform` };
    // npm does not keep the executable bit of files in a tarball's bin folder it does not link.
    fs.chmodSync(binary, 0o755);
    return { ok: true, value: { version, label: `ccusage ${version} (native binary)`, command: binary, args: ['claude', 'monthly'] } };
  }
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.['ccusage'];
  if (bin === undefined) return { ok: false, reason: `ccusage ${version}'s package.json names no ccusage command` };
  return { ok: true, value: { version, label: `ccusage ${version} (JavaScript)`, command: process.execPath, args: [path.join(packageDir, bin), 'monthly'] } };
}

/**
 * ccusage's report for one UTC month of the transcripts under `claudeConfigDir`, with
 * its embedded prices (`--offline`) and nothing of the user's: HOME and the XDG folders
 * point into `scratchHome`, so no ~/.claude or ccusage config is read.
 */
export function runCcusageMonth(tool: CcusageTool, options: { readonly claudeConfigDir: string; readonly month: string; readonly scratchHome: string }): Outcome<CcusageMonth> {
  const [year = 0, monthNumber = 0] = options.month.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const compact = options.month.replace('-', '');
  const args = [...tool.args, '--json', '--offline', '--since', `${compact}01`, '--until', `${compact}${String(lastDay).padStart(2, '0')}`, '--timezone', 'UTC'];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '',
    TZ: 'UTC',
    HOME: options.scratchHome,
    USERPROFILE: options.scratchHome,
    XDG_CONFIG_HOME: path.join(options.scratchHome, '.config'),
    XDG_CACHE_HOME: path.join(options.scratchHome, '.cache'),
    CLAUDE_CONFIG_DIR: options.claudeConfigDir,
    NO_COLOR: '1',
  };
  const started = performance.now();
  const run = spawnSync(tool.command, args, { encoding: 'utf8', env, timeout: RUN_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (run.error) return { ok: false, reason: `${tool.label} could not be run (${run.error.message})` };
  if (run.status !== 0) return { ok: false, reason: `${tool.label} exited with ${String(run.status ?? run.signal)}: ${lastMeaningfulLine(run.stderr || run.stdout)}` };
  return parseMonthlyReport(run.stdout, options.month, tool.label, ms);
}

function parseMonthlyReport(stdout: string, month: string, label: string, ms: number): Outcome<CcusageMonth> {
  let report: unknown;
  try {
    report = JSON.parse(stdout.slice(Math.max(0, stdout.indexOf('{'))));
  } catch {
    return { ok: false, reason: `${label} did not print JSON: ${lastMeaningfulLine(stdout)}` };
  }
  const monthly = (report as { monthly?: unknown }).monthly;
  const rows = Array.isArray(monthly) ? (monthly as { month?: unknown }[]) : [];
  const totals = (report as { totals?: unknown }).totals as Record<string, unknown> | undefined;
  if (rows.some((row) => row.month !== month)) return { ok: false, reason: `${label} reported months ${rows.map((row) => String(row.month)).join(', ')} instead of ${month} alone` };
  const number = (field: string): number => (typeof totals?.[field] === 'number' ? totals[field] : NaN);
  const value = {
    ms,
    month,
    cost: number('totalCost'),
    tokens: { input: number('inputTokens'), output: number('outputTokens'), cacheCreation: number('cacheCreationTokens'), cacheRead: number('cacheReadTokens') },
  };
  if ([value.cost, ...Object.values(value.tokens)].some(Number.isNaN)) return { ok: false, reason: `${label}'s JSON has no totals in the expected shape` };
  return { ok: true, value };
}

function readManifest(packageDir: string): InstalledManifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as InstalledManifest;
  } catch {
    return undefined;
  }
}

/**
 * npm reads every `npm_config_*` variable as a setting, so an install nested in
 * `npm run bench` would inherit the outer run's (its prefix, its user agent, …).
 */
function withoutOuterNpmSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}

/** npm's first line that says what went wrong (`npm error 404 No match found for version …`). */
function npmErrorLine(stderr: string): string {
  const errors = stderr.split('\n').filter((line) => /^npm (error|ERR!)/.test(line) && !/^npm (error|ERR!) code /.test(line));
  return errors[0]?.trim().slice(0, 300) ?? lastMeaningfulLine(stderr);
}

/** The last line worth showing from a tool's output (npm prints warnings unrelated to the failure first). */
function lastMeaningfulLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^npm (warn|notice)/i.test(line) && !/complete log of this run/i.test(line));
  return (lines.at(-1) ?? 'no output').slice(0, 300);
}
