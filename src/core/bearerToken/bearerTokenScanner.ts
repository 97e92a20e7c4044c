import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import { silentLogger, type Logger } from '../runtime/logger';
import { BEARER_TOKEN_VARIABLE, activeFindings, keysLeftOnDisk, type BearerTokenFinding, type FixDescription, type LineFileSyntax } from './bearerTokenFinding';
import { contentDigest } from './contentDigest';
import { earlierVersionSpan } from './legacyCommentedLines';
import { scanDotenvText } from './dotenvScan';
import { scanFishUniversalVariables } from './fishUniversalScan';
import { scanJsonSettings } from './jsonSettingsScan';
import { scanPowerShellText } from './powershellScan';
import { listScanTargets, type ScanTarget, type TargetFormat } from './scanTargets';
import { scanShellText } from './shellFileScan';
import type { ShellDialect } from './shellLexer';
import { sourcedFiles } from './sourcedFiles';
import type { TextFinding } from './textFinding';

/**
 * Looks for `AWS_BEARER_TOKEN_BEDROCK` everywhere it can reach Claude Code from and
 * reports each place with file, line and a fix. Values are never read into a finding,
 * a log line or an error.
 *
 * Empty assignments (`export X=`) are findings too: the AWS SDK that Claude Code uses
 * chooses bearer authentication for Bedrock when the variable is present at all
 * (`name in process.env`), so an empty value breaks SSO sign-in just as a real key does.
 */

export type ProcessOrigin = 'vscode-extension-host' | 'terminal';

export interface BearerTokenScanOptions {
  /** `env` is the scanning process's own environment. */
  readonly environment: CoreEnvironment;
  /** Where `environment.env` comes from, which decides what must be restarted. */
  readonly processOrigin: ProcessOrigin;
  readonly workspaceFolders?: readonly string[];
  /** VS Code user settings files, for `terminal.integrated.env.*`. */
  readonly vscodeSettingsFiles?: readonly string[];
  /** Replaces the system managed-settings folder (tests). */
  readonly managedSettingsDirectory?: string;
  readonly logger?: Logger;
}

export interface SkippedFile {
  readonly file: string;
  /** End of a sentence: "permission denied". */
  readonly reason: string;
}

export interface BearerTokenScanResult {
  /** Active findings and commented-out notes, in the order the places were scanned. */
  readonly findings: readonly BearerTokenFinding[];
  /** Files that exist but could not be read; the variable may hide there. */
  readonly skipped: readonly SkippedFile[];
}

/** Start-up files and settings are small; anything bigger is not one of them. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * How far `source`/`.` lines are followed from a start-up file (~/.bashrc → ~/.bash_env →
 * ~/.secrets is depth 2), and how many sourced files at most: enough for real dotfiles,
 * and a bound on a file that sources itself under another name or a huge include tree.
 */
const MAX_SOURCE_DEPTH = 3;
const MAX_SOURCED_FILES = 64;

const SHELL_DIALECT: Partial<Record<TargetFormat, ShellDialect>> = { 'posix-shell': 'posix', csh: 'csh', fish: 'fish' };

const TERMINAL_ENV_CONTAINERS = ['linux', 'osx', 'windows'].map((os) => [`terminal.integrated.env.${os}`]);

export async function scanForBearerToken(options: BearerTokenScanOptions): Promise<BearerTokenScanResult> {
  const logger = options.logger ?? silentLogger;
  const findings: BearerTokenFinding[] = [...processFindings(options)];
  const skipped: SkippedFile[] = [];
  const targets = await listScanTargets({
    environment: options.environment,
    workspaceFolders: options.workspaceFolders ?? [],
    vscodeSettingsFiles: options.vscodeSettingsFiles ?? [],
    // Stryker disable next-line ConditionalExpression: an explicit undefined override means the same as none
    ...(options.managedSettingsDirectory === undefined ? {} : { managedSettingsDirectory: options.managedSettingsDirectory }),
  });
  // Read together (most of them do not exist), reported in the order they are listed.
  const reads = await Promise.all(targets.map((target) => readTarget(target.file)));
  const queue = targets.map((target, index) => ({ target, read: reads[index] ?? ({ kind: 'absent' } as const), depth: 0 }));
  const listed = new Set(targets.map((target) => path.resolve(target.file)));
  const home = await realPath(options.environment.homeDir);
  let sourced = 0;
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const { target, read, depth } = next;
    if (read.kind === 'absent') continue;
    if (read.kind === 'skipped') {
      logger.warn(`Could not check ${target.file} for ${BEARER_TOKEN_VARIABLE}: ${read.reason}.`);
      skipped.push({ file: target.file, reason: read.reason });
      continue;
    }
    findings.push(...findingsInFile(target, read.text));
    const dialect = SHELL_DIALECT[target.format];
    if (dialect === undefined || depth >= MAX_SOURCE_DEPTH || home === undefined) continue;
    for (const file of sourcedFiles(read.text, dialect, options.environment.homeDir)) {
      if (listed.has(file) || sourced >= MAX_SOURCED_FILES) continue;
      listed.add(file);
      const real = await realPath(file);
      if (real === undefined || !isInside(home, real)) continue;
      sourced++;
      const child: ScanTarget = { ...target, file, source: `file sourced by ${target.file}` };
      queue.push({ target: child, read: await readTarget(file), depth: depth + 1 });
    }
  }
  const active = activeFindings(findings).length;
  const onDisk = keysLeftOnDisk(findings).length;
  logger.info(
    `${BEARER_TOKEN_VARIABLE} check: set in ${String(active)} ${active === 1 ? 'place' : 'places'}, ${String(onDisk)} commented out with a value still on disk, ${String(findings.length - active - onDisk)} commented out without one, ${String(skipped.length)} unreadable ${skipped.length === 1 ? 'file' : 'files'}.`,
  );
  return { findings, skipped };
}

function processFindings(options: BearerTokenScanOptions): BearerTokenFinding[] {
  const { env, platform } = options.environment;
  // Windows environment names are case-insensitive.
  const present = Object.keys(env).some((key) =>
    platform === 'win32' ? key.toUpperCase() === BEARER_TOKEN_VARIABLE : key === BEARER_TOKEN_VARIABLE,
  );
  if (!present) return [];
  const vscode = options.processOrigin === 'vscode-extension-host';
  const source = vscode ? 'environment VS Code was started with' : 'environment of this terminal session';
  const summary = vscode
    ? `${BEARER_TOKEN_VARIABLE} is set in the environment VS Code was started with. Remove it where it is set (the other places listed here, or your system's environment settings), then quit VS Code completely and start it again: reloading the window keeps the old environment. When working on a remote machine, also restart the VS Code server there.`
    : `${BEARER_TOKEN_VARIABLE} is set in this terminal session. Run "unset ${BEARER_TOKEN_VARIABLE}" here (PowerShell: "Remove-Item Env:${BEARER_TOKEN_VARIABLE}"), and open new terminals once it is removed from your start-up files.`;
  return [{ kind: 'process-environment', source, commented: false, fix: { action: 'restart', summary } }];
}

async function realPath(file: string): Promise<string | undefined> {
  try {
    return await fs.realpath(file);
  } catch {
    return undefined;
  }
}

/** Sourced files are followed only inside the home folder: that is where start-up files live, and the fix edits only the user's own files. */
function isInside(directory: string, file: string): boolean {
  const relative = path.relative(directory, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

type ReadResult = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'absent' } | { readonly kind: 'skipped'; readonly reason: string };

async function readTarget(file: string): Promise<ReadResult> {
  try {
    const stats = await fs.stat(file);
    if (!stats.isFile()) return { kind: 'absent' };
    if (stats.size > MAX_FILE_BYTES) return { kind: 'skipped', reason: 'it is too large to be a settings or start-up file' };
    return { kind: 'text', text: await fs.readFile(file, 'utf8') };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    return { kind: 'skipped', reason: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `the system reported ${code ?? 'an error'}` };
  }
}

const LINE_SYNTAX: Partial<Record<TargetFormat, LineFileSyntax>> = {
  'posix-shell': 'posix-shell',
  csh: 'csh',
  fish: 'fish',
  powershell: 'powershell',
  dotenv: 'dotenv',
};

/** Findings in one file's text; exported for the fix, which re-checks its own result. */
export function findingsInFile(target: ScanTarget, text: string): BearerTokenFinding[] {
  const digest = contentDigest(text);
  const base = { kind: target.kind, file: target.file, source: target.source };
  switch (target.format) {
    case 'claude-settings-json':
    case 'managed-settings-json':
    case 'vscode-settings-json': {
      const vscode = target.format === 'vscode-settings-json';
      const scan = scanJsonSettings(text, vscode ? TERMINAL_ENV_CONTAINERS : [['env']], BEARER_TOKEN_VARIABLE, { nullUnsets: vscode });
      return scan.findings.map((found) => {
        const position = { line: found.line, column: found.column };
        if (found.commented) return { ...base, ...position, commented: true, fix: found.holdsValue ? jsonCommentFix(target, found.line) : undefined };
        return { ...base, ...position, commented: false, fix: jsonFix(target, found.path, found.line, digest, scan.syntaxError) };
      });
    }
    case 'fish-universal':
      return scanFishUniversalVariables(text, BEARER_TOKEN_VARIABLE).map((found) => lineFinding(base, target, found, digest, 'fish', text));
    default: {
      const syntax = LINE_SYNTAX[target.format] ?? 'posix-shell';
      return scanLineFile(text, syntax).map((found) => lineFinding(base, target, found, digest, syntax, text));
    }
  }
}

export function scanLineFile(text: string, syntax: LineFileSyntax): TextFinding[] {
  switch (syntax) {
    case 'posix-shell':
      return scanShellText(text, 'posix', BEARER_TOKEN_VARIABLE);
    case 'csh':
      return scanShellText(text, 'csh', BEARER_TOKEN_VARIABLE);
    case 'fish':
      return scanShellText(text, 'fish', BEARER_TOKEN_VARIABLE);
    case 'powershell':
      return scanPowerShellText(text, BEARER_TOKEN_VARIABLE);
    case 'dotenv':
      return scanDotenvText(text, BEARER_TOKEN_VARIABLE);
  }
}

function jsonFix(
  target: ScanTarget,
  jsonPath: readonly string[],
  line: number,
  digest: string,
  syntaxError: { readonly line: number; readonly column: number } | undefined,
): FixDescription {
  const file = target.file;
  if (target.kind === 'managed-settings') {
    return {
      action: 'ask-admin',
      file,
      summary: `${BEARER_TOKEN_VARIABLE} comes from Claude Code managed settings (${file}), which only an administrator can change. Ask your administrator to remove it from that file's "env".`,
    };
  }
  // Stryker disable next-line UnaryOperator,StringLiteral: a JSON finding's path is always [container, name], so slice(0, 1) and any separator give the same
  const container = jsonPath.slice(0, -1).join('.');
  if (syntaxError) {
    return {
      action: 'edit-by-hand',
      file,
      line,
      summary: `Remove "${BEARER_TOKEN_VARIABLE}" from "${container}" in ${file} (line ${line}) by hand: the file has a JSON syntax error at line ${syntaxError.line}, column ${syntaxError.column}, so it is not edited automatically.`,
    };
  }
  return {
    action: 'remove-json-key',
    file,
    jsonPath,
    contentDigest: digest,
    summary: `Remove "${BEARER_TOKEN_VARIABLE}" from "${container}" in ${file} (line ${line}); a backup only you can read is kept next to the file until you delete it.`,
  };
}

/**
 * A commented-out member that still holds a value. This extension never wrote comments
 * into JSON, so such a comment is the user's own (or an administrator's), and a JSON(C)
 * comment may share its line with members or span lines: it is removed by hand.
 */
function jsonCommentFix(target: ScanTarget, line: number): FixDescription {
  const file = target.file;
  const where = `line ${String(line)} of ${file}`;
  return target.kind === 'managed-settings'
    ? { action: 'ask-admin', file, summary: `A comment on ${where} still holds a value for ${BEARER_TOKEN_VARIABLE}, so the key is on disk there; ask your administrator to delete that comment.` }
    : { action: 'edit-by-hand', file, line, summary: `A comment on ${where} still holds a value for ${BEARER_TOKEN_VARIABLE}, so the key is on disk there; delete that comment by hand.` };
}

const BACKUP_KEPT = 'a backup only you can read is kept next to the file until you delete it.';

function lineFinding(
  base: Pick<BearerTokenFinding, 'kind' | 'file' | 'source'> & { readonly file: string },
  target: ScanTarget,
  found: TextFinding,
  digest: string,
  syntax: LineFileSyntax,
  text: string,
): BearerTokenFinding {
  const position = { line: found.line, column: found.column, commented: found.commented };
  if (!found.fix) return { ...base, ...position, fix: undefined };
  const also = found.alsoDo ? ` ${found.alsoDo}` : '';
  const where = `line ${String(found.line)} of ${target.file}`;
  if (found.fix.kind === 'by-hand') {
    const summary = found.commented
      ? `The comment on ${where} still holds a value for ${BEARER_TOKEN_VARIABLE}, so the key is on disk there; remove it by hand: ${found.fix.reason}.`
      : `Remove ${BEARER_TOKEN_VARIABLE} from ${where} by hand: ${found.fix.reason}.${also}`;
    return { ...base, ...position, fix: { action: 'edit-by-hand', file: target.file, line: found.line, summary } };
  }
  const earlier = found.commented ? earlierVersionSpan(text, found.line, syntax) : undefined;
  const summary = !found.commented
    ? `Remove ${where}, which sets ${BEARER_TOKEN_VARIABLE}; ${BACKUP_KEPT}${also}`
    : earlier
      ? `An earlier version of this extension commented out ${where} instead of removing it, so the key is still on disk there. Remove that line and the version's note above it; ${BACKUP_KEPT}`
      : `Remove ${where}: it is commented out but still holds a value for ${BEARER_TOKEN_VARIABLE}, so the key is on disk there; ${BACKUP_KEPT}`;
  const fix: FixDescription = {
    action: 'remove-line',
    file: target.file,
    line: found.line,
    span: earlier ?? { first: found.line, last: found.line },
    syntax,
    addNoOp: found.fix.addNoOp,
    contentDigest: digest,
    summary,
  };
  return { ...base, ...position, fix };
}
