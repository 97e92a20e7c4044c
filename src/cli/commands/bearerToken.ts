import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { REVOKE_KEY_ADVICE, deleteBearerTokenBackups, type BackupDeletion } from '../../core/bearerToken/bearerTokenBackups';
import { activeFindings } from '../../core/bearerToken/bearerTokenFinding';
import { planBearerTokenRemoval, removeBearerTokens, type BearerTokenRemovalOutcome, type BearerTokenRemovalPlan } from '../../core/bearerToken/bearerTokenRemoval';
import { findingToJson, formatBearerTokenReport } from '../../core/bearerToken/bearerTokenReport';
import { scanForBearerToken, type BearerTokenScanResult } from '../../core/bearerToken/bearerTokenScanner';
import { vscodeUserSettingsFiles } from '../../core/bearerToken/vscodeUserSettingsFiles';
import { processEnvironment, type CoreEnvironment } from '../../core/runtime/coreEnvironment';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliIo } from '../cliIo';
import { confirm } from '../terminal/terminalPrompts';

export const BEARER_TOKEN_USAGE = `Usage: bedrock-onboard bearer-token [--fix [--yes] [--delete-backups]] [--json] [--workspace DIR ...]

Looks for AWS_BEARER_TOKEN_BEDROCK (a Bedrock API key, which overrides your SSO identity
in Claude Code) in this terminal's environment, Claude Code settings, shell start-up files
(and the files inside your home they source), VS Code terminal settings and workspace .env
files. Values are never printed. A commented-out line that still holds a value is listed
too: Claude Code does not read it, but the key is on disk there.

  --fix            Remove it: JSON keys and shell lines are deleted (commented-out lines
                   that hold a value too), each file backed up first (readable only by
                   you). Asks before writing; --yes answers for scripts. Then asks
                   whether to delete the backups, which still hold the key.
  --delete-backups With --fix: delete the backups without asking.
  --json           Print the result as JSON.
  --workspace DIR  A workspace folder to check (.claude/, .vscode/settings.json, .env);
                   repeatable. Default: the current directory.

Exit status: 0 when it is set nowhere Claude Code reads it (after --fix: nowhere any
more), 1 otherwise.
`;

export interface BearerTokenDependencies {
  readonly environment: CoreEnvironment;
  /** Folders checked when no --workspace is given. */
  readonly workspaceFolders: readonly string[];
}

export function defaultBearerTokenDependencies(): BearerTokenDependencies {
  return { environment: processEnvironment(), workspaceFolders: [process.cwd()] };
}

export async function runBearerToken(args: readonly string[], io: CliIo, deps: BearerTokenDependencies = defaultBearerTokenDependencies()): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      fix: { type: 'boolean', default: false },
      yes: { type: 'boolean', short: 'y', default: false },
      'delete-backups': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      workspace: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout(BEARER_TOKEN_USAGE);
    return EXIT_OK;
  }
  if ((values.yes || values['delete-backups']) && !values.fix) {
    io.stderr(`bedrock-onboard: ${values.yes ? '--yes' : '--delete-backups'} only applies to --fix.\n`);
    return EXIT_USAGE;
  }
  const environment = deps.environment;
  const workspaceFolders = (values.workspace ?? deps.workspaceFolders).map((folder) => path.resolve(folder));
  const scan = (): Promise<BearerTokenScanResult> =>
    scanForBearerToken({ environment, processOrigin: 'terminal', workspaceFolders, vscodeSettingsFiles: vscodeUserSettingsFiles(environment) });

  const before = await scan();
  if (!values.fix) {
    io.stdout(values.json ? `${JSON.stringify(scanJson(before), null, 2)}\n` : formatBearerTokenReport(before));
    return activeFindings(before.findings).length === 0 ? EXIT_OK : EXIT_FAILED;
  }

  if (!values.json) io.stdout(formatBearerTokenReport(before));
  const plan = planBearerTokenRemoval(before.findings);
  if (plan.edits.length > 0 && !values.yes && !io.stdinIsTTY) {
    io.stderr('bedrock-onboard: nothing was changed: run in a terminal to be asked before each file is edited, or add --yes.\n');
    return EXIT_FAILED;
  }
  const outcome = await removeBearerTokens(before.findings, environment, {
    confirm: (toConfirm) => (values.yes ? Promise.resolve(true) : confirm(`${describePlan(toConfirm)}Change these files?`)),
  });
  const after = outcome.status === 'done' ? await scan() : before;
  if (!values.json) {
    io.stdout(describeOutcome(outcome));
    if (outcome.status === 'done') io.stdout(formatBearerTokenReport(after));
  }
  const backups = outcome.fixed.map((fixed) => fixed.backupPath);
  let deletion: BackupDeletion | undefined;
  if (backups.length > 0) {
    const question = `The backup${backups.length === 1 ? '' : 's'} (${backups.join(', ')}) still hold${backups.length === 1 ? 's' : ''} the key. Delete ${backups.length === 1 ? 'it' : 'them'} now?`;
    // Without a terminal to ask in, the backups stay (they are for undoing a wrong edit).
    const wanted = values['delete-backups'] || (!values.yes && io.stdinIsTTY && (await confirm(question)));
    if (wanted) deletion = await deleteBearerTokenBackups(backups);
    if (!values.json) io.stdout(describeBackups(backups, deletion));
  }
  if (values.json) {
    io.stdout(`${JSON.stringify({ ...scanJson(after), removal: removalJson(outcome, deletion) }, null, 2)}\n`);
  }
  return activeFindings(after.findings).length === 0 && (deletion?.failures.length ?? 0) === 0 ? EXIT_OK : EXIT_FAILED;
}

function describeBackups(backups: readonly string[], deletion: BackupDeletion | undefined): string {
  const lines: string[] = [];
  if (deletion === undefined) {
    lines.push(`Kept the backup${backups.length === 1 ? '' : 's'}, readable only by you: ${backups.join(', ')}. Delete ${backups.length === 1 ? 'it' : 'them'} once you are sure the edit is right (or run again with --fix --delete-backups).`);
  } else {
    if (deletion.deleted.length > 0) lines.push(`Deleted the backup${deletion.deleted.length === 1 ? '' : 's'}: ${deletion.deleted.join(', ')}.`);
    lines.push(...deletion.failures);
  }
  lines.push(REVOKE_KEY_ADVICE);
  return `${lines.join('\n')}\n`;
}

function describePlan(plan: BearerTokenRemovalPlan): string {
  const lines = plan.edits.map(
    (edit) => `  ${edit.file} (line ${edit.lines.join(', ')}: ${edit.action === 'remove-json-key' ? 'remove the key' : 'remove the line'}; backup ${path.basename(edit.backupPath)})`,
  );
  return `Will change:\n${lines.join('\n')}\n`;
}

function describeOutcome(outcome: BearerTokenRemovalOutcome): string {
  const lines: string[] = [];
  if (outcome.status === 'cancelled') lines.push('Nothing was changed.');
  for (const fixed of outcome.fixed) lines.push(`Removed ${fixed.lines.length === 1 ? 'line' : 'lines'} ${fixed.lines.join(', ')} of ${fixed.file} (backup: ${fixed.backupPath}).`);
  for (const failure of outcome.failures) lines.push(failure.message);
  for (const instruction of outcome.plan.instructions) lines.push(`To do yourself: ${instruction}`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function scanJson(result: BearerTokenScanResult): object {
  return { findings: result.findings.map(findingToJson), skipped: result.skipped };
}

function removalJson(outcome: BearerTokenRemovalOutcome, deletion: BackupDeletion | undefined): object {
  return {
    status: outcome.status,
    fixed: outcome.fixed,
    failures: outcome.failures,
    instructions: outcome.plan.instructions,
    ...(outcome.fixed.length > 0 ? { backupsDeleted: deletion?.deleted ?? [], advice: REVOKE_KEY_ADVICE } : {}),
    ...(deletion && deletion.failures.length > 0 ? { backupFailures: deletion.failures } : {}),
  };
}
