import type { CoreEnvironment } from '../runtime/coreEnvironment';
import { silentLogger, type Logger } from '../runtime/logger';
import { isUserFacingError } from '../runtime/userFacingError';
import { findingsToRemove, type BearerTokenFinding } from './bearerTokenFinding';
import { applyBearerTokenFixes, bearerTokenBackupPath, type BearerTokenFixResult } from './bearerTokenFix';

/**
 * The user-level removal, of active findings and of commented-out lines that still hold
 * a value (keys left on disk): what will be edited is shown to the user first (the prompt is
 * the caller's: a modal dialog in VS Code, a y/N question or `--fix` in the CLI), and
 * nothing is written unless they agree. Places that cannot be edited (a running process,
 * managed settings, a line that must be changed by hand) come back as sentences saying
 * what to do instead.
 */

export interface PlannedFileEdit {
  readonly file: string;
  /** Lines the edit touches, as the scan reported them. */
  readonly lines: readonly number[];
  readonly action: 'remove-json-key' | 'remove-line';
  readonly backupPath: string;
}

export interface BearerTokenRemovalPlan {
  /** One entry per file, in the order the scan found them. */
  readonly edits: readonly PlannedFileEdit[];
  /** What the user must do themselves, one sentence each (restart, ask an admin, edit by hand). */
  readonly instructions: readonly string[];
}

export interface BearerTokenRemovalFailure {
  readonly file: string;
  /** A complete sentence (a UserFacingError message): what happened and what to do. */
  readonly message: string;
}

export interface BearerTokenRemovalOutcome {
  /** `cancelled`: the user declined and nothing was written. `nothing-to-edit`: no prompt was shown. */
  readonly status: 'done' | 'cancelled' | 'nothing-to-edit';
  readonly plan: BearerTokenRemovalPlan;
  readonly fixed: readonly BearerTokenFixResult[];
  readonly failures: readonly BearerTokenRemovalFailure[];
}

export interface BearerTokenRemovalOptions {
  /** Asked once, with the whole plan, only when there is a file to edit. */
  readonly confirm: (plan: BearerTokenRemovalPlan) => Promise<boolean>;
  readonly logger?: Logger;
}

export function planBearerTokenRemoval(findings: readonly BearerTokenFinding[]): BearerTokenRemovalPlan {
  return sortOut(findings).plan;
}

/** The plan, and the findings behind each of its file edits. */
function sortOut(findings: readonly BearerTokenFinding[]): { readonly plan: BearerTokenRemovalPlan; readonly byFile: ReadonlyMap<string, readonly BearerTokenFinding[]> } {
  const edits = new Map<string, { action: PlannedFileEdit['action']; lines: number[]; findings: BearerTokenFinding[] }>();
  const instructions: string[] = [];
  for (const finding of findingsToRemove(findings)) {
    const fix = finding.fix;
    if (fix.action === 'remove-json-key' || fix.action === 'remove-line') {
      const entry = edits.get(fix.file) ?? { action: fix.action, lines: [], findings: [] };
      if (finding.line !== undefined) entry.lines.push(finding.line);
      entry.findings.push(finding);
      edits.set(fix.file, entry);
    } else if (!instructions.includes(fix.summary)) {
      instructions.push(fix.summary);
    }
  }
  return {
    plan: {
      edits: [...edits].map(([file, entry]) => ({ file, action: entry.action, lines: entry.lines, backupPath: bearerTokenBackupPath(file) })),
      instructions,
    },
    byFile: new Map([...edits].map(([file, entry]) => [file, entry.findings])),
  };
}

export async function removeBearerTokens(
  findings: readonly BearerTokenFinding[],
  environment: Pick<CoreEnvironment, 'now'>,
  options: BearerTokenRemovalOptions,
): Promise<BearerTokenRemovalOutcome> {
  const logger = options.logger ?? silentLogger;
  const { plan, byFile } = sortOut(findings);
  if (plan.edits.length === 0) return { status: 'nothing-to-edit', plan, fixed: [], failures: [] };
  if (!(await options.confirm(plan))) return { status: 'cancelled', plan, fixed: [], failures: [] };

  const fixed: BearerTokenFixResult[] = [];
  const failures: BearerTokenRemovalFailure[] = [];
  // File by file, so one file that changed since the scan does not hold back the others.
  for (const [file, ofFile] of byFile) {
    try {
      fixed.push(...(await applyBearerTokenFixes(ofFile, environment, { logger })));
    } catch (error) {
      // Stryker disable next-line ConditionalExpression: applyBearerTokenFixes throws only UserFacingErrors (fixFile wraps every other failure in one); anything else is a bug and must not pass as a file failure
      if (!isUserFacingError(error)) throw error;
      logger.warn(error.message);
      failures.push({ file, message: error.message });
    }
  }
  return { status: 'done', plan, fixed, failures };
}
