import * as vscode from 'vscode';
import { BEARER_TOKEN_VARIABLE, activeFindings, harmlessNotes, keysLeftOnDisk, type BearerTokenFinding } from '../../core/bearerToken/bearerTokenFinding';
import { REVOKE_KEY_ADVICE, deleteBearerTokenBackups } from '../../core/bearerToken/bearerTokenBackups';
import { findingLocation } from '../../core/bearerToken/bearerTokenReport';
import { removeBearerTokens, type BearerTokenRemovalPlan } from '../../core/bearerToken/bearerTokenRemoval';
import type { BearerTokenFixResult } from '../../core/bearerToken/bearerTokenFix';
import type { ExtensionServices } from '../extensionServices';
import { SETTINGS_SECTION } from '../settings/extensionSettings';
import { scanInVsCode } from './bearerTokenScan';

/**
 * The VS Code side of the AWS_BEARER_TOKEN_BEDROCK check: a startup scan (files and the
 * extension host's environment only, no network, off the activation path), a warning
 * with "Show", "Remove…" and "Don't warn again", and the same flow on demand. Every
 * scan also feeds the status bar's warning state (bearerTokenStatus.ts), which shows
 * whatever the notification setting says: the setting silences the notification only.
 */

/** Long enough that the scan never competes with activation and the first paint. */
const STARTUP_DELAY_MS = 3_000;
const WARNED_KEY = 'bearerToken.warnedPlaces';

export function scheduleBearerTokenCheck(services: ExtensionServices): void {
  const timer = setTimeout(() => {
    void startupCheck(services).catch((error: unknown) => {
      services.logger.warn(`The ${BEARER_TOKEN_VARIABLE} check at startup failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }, STARTUP_DELAY_MS);
  services.context.subscriptions.push({
    dispose: () => {
      clearTimeout(timer);
    },
  });
}

/** The `bedrockOnboarding.checkBearerToken` command; returns the active findings (for tests). */
export async function checkBearerTokenCommand(services: ExtensionServices): Promise<readonly BearerTokenFinding[]> {
  const result = await scanInVsCode(services);
  const active = activeFindings(result.findings);
  const onDisk = keysLeftOnDisk(result.findings);
  if (active.length === 0 && onDisk.length === 0) {
    const notes = harmlessNotes(result.findings).length;
    void vscode.window.showInformationMessage(
      notes === 0
        ? vscode.l10n.t('{0} is not set anywhere Claude Code would read it.', BEARER_TOKEN_VARIABLE)
        : vscode.l10n.t('{0} is not set anywhere Claude Code would read it ({1} commented-out line(s) are harmless).', BEARER_TOKEN_VARIABLE, notes),
    );
    return active;
  }
  // Not awaited: the notification may stay open for as long as the user likes.
  void warn(services, active, onDisk, { offerDontWarn: false }).catch((error: unknown) => {
    services.logger.warn(`Could not act on the ${BEARER_TOKEN_VARIABLE} warning: ${error instanceof Error ? error.message : String(error)}`);
  });
  return active;
}

async function startupCheck(services: ExtensionServices): Promise<void> {
  const started = Date.now();
  const result = await scanInVsCode(services);
  services.logger.debug(`${BEARER_TOKEN_VARIABLE} startup check took ${String(Date.now() - started)} ms.`);
  if (!vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>('warnAboutBearerToken', true)) return;
  // Each place is announced once; the command and the setup check still list them all.
  const warned = new Set(services.context.globalState.get<string[]>(WARNED_KEY, []));
  const active = activeFindings(result.findings);
  // A key left in a commented-out line (as earlier versions of this extension left it) is announced once too.
  const onDisk = keysLeftOnDisk(result.findings);
  const fresh = [...active, ...onDisk].filter((finding) => !warned.has(placeKey(finding)));
  if (fresh.length === 0) return;
  await services.context.globalState.update(WARNED_KEY, [...new Set([...warned, ...active.map(placeKey), ...onDisk.map(placeKey)])]);
  await warn(services, active, onDisk, { offerDontWarn: true });
}

function placeKey(finding: BearerTokenFinding): string {
  return `${finding.kind}:${finding.file ?? ''}:${String(finding.line ?? 0)}`;
}

/**
 * `onDisk`: commented-out lines that still hold a value. They do not reach Claude Code, so
 * they are named only when nothing else is set, but Show lists them and Remove… removes them.
 */
async function warn(
  services: ExtensionServices,
  active: readonly BearerTokenFinding[],
  onDisk: readonly BearerTokenFinding[],
  options: { offerDontWarn: boolean },
): Promise<void> {
  const listed = (findings: readonly BearerTokenFinding[]): string => {
    const places = findings.map(findingLocation);
    return places.length <= 3 ? places.join('; ') : vscode.l10n.t('{0} and {1} more', places.slice(0, 3).join('; '), places.length - 3);
  };
  const show = vscode.l10n.t('Show');
  const remove = vscode.l10n.t('Remove…');
  const dontWarn = vscode.l10n.t("Don't Warn Again");
  const actions = options.offerDontWarn ? [show, remove, dontWarn] : [show, remove];
  const choice = await vscode.window.showWarningMessage(
    active.length > 0
      ? vscode.l10n.t('{0} (a Bedrock API key) overrides your SSO identity in Claude Code. It is set in: {1}.', BEARER_TOKEN_VARIABLE, listed(active))
      : vscode.l10n.t('{0} is not set anywhere Claude Code would read it, but commented-out lines still hold its value, so the key is on disk in: {1}.', BEARER_TOKEN_VARIABLE, listed(onDisk)),
    ...actions,
  );
  if (choice === show) await showFindings([...active, ...onDisk]);
  else if (choice === remove) await removeBearerTokenCommand(services);
  else if (choice === dontWarn) await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('warnAboutBearerToken', false, vscode.ConfigurationTarget.Global);
}

async function showFindings(findings: readonly BearerTokenFinding[]): Promise<void> {
  const picked = await vscode.window.showQuickPick(
    findings.map((finding) => ({ label: findingLocation(finding), detail: finding.fix?.summary, finding })),
    { title: vscode.l10n.t('Where {0} is set', BEARER_TOKEN_VARIABLE), matchOnDetail: true },
  );
  const file = picked?.finding.file;
  if (picked === undefined || file === undefined) return;
  const line = Math.max(0, (picked.finding.line ?? 1) - 1);
  const column = Math.max(0, (picked.finding.column ?? 1) - 1);
  await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(line, column, line, column) });
}

/**
 * The `bedrockOnboarding.removeBearerToken` command (and the warning's "Remove…"): the
 * current findings, one confirmation listing each edit, the edits with backups. Returns
 * the places still set afterwards, so Check Setup's fix button can re-check once it is done.
 */
export async function removeBearerTokenCommand(services: ExtensionServices): Promise<readonly BearerTokenFinding[]> {
  // Scanned again: the warning may have waited a while, and a fix refuses a file that changed since its scan.
  const { findings } = await scanInVsCode(services);
  const outcome = await removeBearerTokens(findings, services.environment, { confirm: confirmPlan, logger: services.logger });
  for (const failure of outcome.failures) void vscode.window.showErrorMessage(failure.message);
  const instructions = outcome.plan.instructions;
  if (outcome.status === 'cancelled') return activeFindings(findings);
  if (outcome.status === 'nothing-to-edit' && instructions.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is not set anywhere Claude Code would read it; there is nothing to remove.', BEARER_TOKEN_VARIABLE));
  }
  if (outcome.fixed.length > 0) {
    // Not awaited: the user may leave the question open; the status bar is refreshed below regardless.
    void offerBackupDeletion(services, outcome.fixed).catch((error: unknown) => {
      services.logger.warn(`Could not delete the ${BEARER_TOKEN_VARIABLE} backups: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  // What we cannot edit (this window's own environment, managed settings, lines to edit by hand).
  if (instructions.length > 0) void vscode.window.showWarningMessage(instructions.join(' '), { modal: outcome.fixed.length === 0 });
  // Scanned again so the status bar shows what is left (it redraws when that changed).
  return activeFindings((await scanInVsCode(services)).findings);
}

/**
 * The backups still hold the key (mode 0600): say so, say to revoke a long-term key,
 * and offer to delete them.
 */
async function offerBackupDeletion(services: ExtensionServices, fixed: readonly BearerTokenFixResult[]): Promise<void> {
  const places = fixed.map((entry) => vscode.l10n.t('{0} (line {1})', entry.file, entry.lines.join(', '))).join(', ');
  const deleteBackups = vscode.l10n.t('Delete Backups');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Removed {0} from {1}. Open new terminals for the change to apply. The backups next to each file, readable only by you, still hold the key. {2}',
      BEARER_TOKEN_VARIABLE,
      places,
      REVOKE_KEY_ADVICE,
    ),
    deleteBackups,
  );
  if (choice !== deleteBackups) return;
  const deletion = await deleteBearerTokenBackups(fixed.map((entry) => entry.backupPath));
  for (const failure of deletion.failures) void vscode.window.showErrorMessage(failure);
  if (deletion.deleted.length > 0) {
    services.logger.info(`Deleted ${String(deletion.deleted.length)} ${BEARER_TOKEN_VARIABLE} backup(s): ${deletion.deleted.join(', ')}.`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Deleted the backups: {0}.', deletion.deleted.join(', ')));
  }
}

async function confirmPlan(plan: BearerTokenRemovalPlan): Promise<boolean> {
  const remove = vscode.l10n.t('Remove');
  const detail = plan.edits
    .map((edit) =>
      edit.action === 'remove-json-key'
        ? vscode.l10n.t('{0} (line {1}): remove the key', edit.file, edit.lines.join(', '))
        : vscode.l10n.t('{0} (line {1}): remove the line', edit.file, edit.lines.join(', ')),
    )
    .join('\n');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Remove {0} from these files? A backup of each, readable only by you, is kept next to it; you can delete the backups afterwards.', BEARER_TOKEN_VARIABLE),
    { modal: true, detail },
    remove,
  );
  return choice === remove;
}
