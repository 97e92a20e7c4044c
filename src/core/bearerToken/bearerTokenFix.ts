import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { findNodeAtLocation } from 'jsonc-parser';
import { describeFileError } from '../claudeSettings/fileErrors';
import { parseJsonText } from '../claudeSettings/settingsDocument';
import { isNotFound, writeFileAtomic } from '../files/atomicWrite';
import { withFileLock } from '../files/fileLock';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import { silentLogger, type Logger } from '../runtime/logger';
import { UserFacingError, isUserFacingError } from '../runtime/userFacingError';
import { BEARER_TOKEN_VARIABLE, type BearerTokenFinding, type FixDescription } from './bearerTokenFinding';
import { scanLineFile } from './bearerTokenScanner';
import { contentDigest } from './contentDigest';
import { removeJsonMember } from './jsonMemberRemoval';
import { linesNeedingNoOp } from './shellFileScan';
import type { LineSpan } from './legacyCommentedLines';
import { markerComment, removeLines } from './lineRemoval';
import type { TextFinding } from './textFinding';

/**
 * Removes `AWS_BEARER_TOKEN_BEDROCK` from a file a scan found it in.
 *
 * JSON settings: the member is deleted (see jsonMemberRemoval.ts), everything else kept
 * byte for byte; an `env` (or `terminal.integrated.env.*`) object left empty stays as
 * `{}`, since the user created it and an empty object is valid and harmless.
 * Start-up and `.env` files: the line is removed; a dated marker comment, which holds
 * no part of it, takes its place (see lineRemoval.ts). The same for a commented-out line
 * that still holds a value, with the marker and `:` an earlier version of this extension
 * wrote around it (legacyCommentedLines.ts).
 *
 * Always: the file must be exactly as scanned (else "scan again"), a backup
 * `<file>.bedrock-onboarding.bak` is written first, readable by the user only since it
 * still holds the key (the caller offers to delete it: deleteBearerTokenBackups), the
 * write is atomic, keeps the file's mode, and a symlinked file is edited at its target so
 * the link survives. The result is re-scanned before writing; if the variable would
 * still be set there, nothing is written.
 */

export interface BearerTokenFixResult {
  readonly file: string;
  readonly backupPath: string;
  /** How many findings of that file the write removed. */
  readonly fixed: number;
  /** 1-based lines (as scanned) that set the variable and are gone now, in order. */
  readonly lines: readonly number[];
}

/** The backup keeps the removed key, so nobody else may read it. */
export const BEARER_TOKEN_BACKUP_MODE = 0o600;

export const FIX_NOT_AUTOMATIC_CODE = 'bearer-token.fix-not-automatic';
export const CHANGED_SINCE_SCAN_CODE = 'bearer-token.changed-since-scan';
export const FIX_FAILED_CODE = 'bearer-token.fix-failed';

export function bearerTokenBackupPath(file: string): string {
  return `${file}.bedrock-onboarding.bak`;
}

export async function applyBearerTokenFix(
  finding: BearerTokenFinding,
  environment: Pick<CoreEnvironment, 'now'>,
  options: { readonly logger?: Logger } = {},
): Promise<BearerTokenFixResult> {
  const [result] = await applyBearerTokenFixes([finding], environment, options);
  // Stryker disable next-line StringLiteral: unreachable, one finding always gives one result or a throw
  if (!result) throw new Error('Internal error: a fix produced no result.');
  return result;
}

type FileFix = Extract<FixDescription, { action: 'remove-json-key' | 'remove-line' }> & { readonly findingLine: number | undefined };

/**
 * Applies several fixes, one write per file, so two findings in the same file need not
 * be re-scanned in between. Fixes that cannot be applied automatically are refused
 * (before anything is written) with their own sentence.
 */
export async function applyBearerTokenFixes(
  findings: readonly BearerTokenFinding[],
  environment: Pick<CoreEnvironment, 'now'>,
  options: { readonly logger?: Logger } = {},
): Promise<BearerTokenFixResult[]> {
  const logger = options.logger ?? silentLogger;
  const byFile = new Map<string, FileFix[]>();
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix) {
      throw new UserFacingError(
        `The ${BEARER_TOKEN_VARIABLE} line ${finding.line ?? ''} in ${finding.file ?? finding.source} is commented out and holds no value; there is nothing to remove.`,
        FIX_NOT_AUTOMATIC_CODE,
      );
    }
    if (fix.action !== 'remove-json-key' && fix.action !== 'remove-line') throw new UserFacingError(fix.summary, FIX_NOT_AUTOMATIC_CODE);
    byFile.set(fix.file, [...(byFile.get(fix.file) ?? []), { ...fix, findingLine: finding.line }]);
  }
  const results: BearerTokenFixResult[] = [];
  for (const [file, fixes] of byFile) {
    results.push(await fixFile(file, fixes, environment.now(), logger));
  }
  return results;
}

async function fixFile(file: string, fixes: readonly FileFix[], now: Date, logger: Logger): Promise<BearerTokenFixResult> {
  const target = await realPathOrSelf(file);
  const backupPath = bearerTokenBackupPath(target);
  try {
    return await withFileLock(`${target}.bedrock-onboarding.lock`, async () => {
      const text = await readIfExists(target);
      if (text === undefined || fixes.some((fix) => fix.contentDigest !== contentDigest(text))) {
        throw new UserFacingError(`${file} changed after it was checked, so it was left as it is. Check again for ${BEARER_TOKEN_VARIABLE}, then remove it.`, CHANGED_SINCE_SCAN_CODE);
      }
      const updated = editedText(text, fixes, now, file, path.basename(backupPath));
      await writeFileAtomic(target, updated, { backupPath, backupMode: BEARER_TOKEN_BACKUP_MODE });
      const lines = [...new Set(fixes.flatMap((fix) => (fix.findingLine === undefined ? [] : [fix.findingLine])))].sort((a, b) => a - b);
      logger.info(`Removed ${BEARER_TOKEN_VARIABLE} from ${file} (line ${lines.join(', ')}); backup at ${backupPath}.`);
      return { file, backupPath, fixed: fixes.length, lines };
    });
  } catch (error) {
    if (isUserFacingError(error)) throw error;
    throw new UserFacingError(
      `Could not change ${file}: ${describeFileError(error)}. The file was left as it is; make sure you can write to it and to ${path.dirname(target)}, or remove ${BEARER_TOKEN_VARIABLE} from it by hand.`,
      FIX_FAILED_CODE,
      { cause: error },
    );
  }
}

function editedText(text: string, fixes: readonly FileFix[], now: Date, file: string, backupName: string): string {
  const jsonFixes = fixes.filter((fix) => fix.action === 'remove-json-key');
  const lineFixes = fixes.filter((fix) => fix.action === 'remove-line');
  if (jsonFixes.length > 0 && lineFixes.length > 0) throw new Error(`Internal error: mixed fix kinds for ${file}.`);

  if (jsonFixes.length > 0) {
    const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
    let body = text.slice(bom.length);
    for (const fix of jsonFixes) body = removeJsonMember(body, fix.jsonPath);
    const { root, errors } = parseJsonText(body);
    const remaining = jsonFixes.filter((fix) => root && findNodeAtLocation(root, [...fix.jsonPath]));
    if (errors.length > 0 || remaining.length > 0) throw new Error(`Internal error: removing ${BEARER_TOKEN_VARIABLE} from ${file} did not work.`);
    return bom + body;
  }

  const syntax = lineFixes[0]?.syntax ?? 'posix-shell';
  const removed = new Set(lineFixes.flatMap((fix) => linesOf(fix.span)));
  // Whether a block would be left empty depends on every line removed together.
  const noOp = syntax === 'posix-shell' ? linesNeedingNoOp(text, removed) : new Set<number>();
  const spans = lineFixes.map((fix) => ({ ...fix.span, addNoOp: linesOf(fix.span).some((line) => noOp.has(line)) }));
  const updated = removeLines(text, spans, markerComment(now.toISOString().slice(0, 10), BEARER_TOKEN_VARIABLE, backupName));
  // What is left must be everything the scan found except on the lines we removed: no
  // active line, and no commented one that holds a value (a key left on disk), may linger.
  const before = scanLineFile(text, syntax);
  const after = scanLineFile(updated, syntax);
  const count = (found: readonly TextFinding[], holdsKey: boolean) => found.filter((entry) => (entry.fix !== undefined) === holdsKey).length;
  const expected = count(before.filter((found) => !removed.has(found.line)), true);
  if (count(after, true) !== expected || count(after, false) > count(before, false)) throw new Error(`Internal error: removing ${BEARER_TOKEN_VARIABLE} from ${file} did not work.`);
  return updated;
}

function linesOf(span: LineSpan): number[] {
  return Array.from({ length: span.last - span.first + 1 }, (_, index) => span.first + index);
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function realPathOrSelf(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return file;
  }
}
