import * as vscode from 'vscode';
import type { AdminCheck, AdminRepair } from '../../core/admin/check/adminCheck';
import { adminPassed } from '../../core/admin/check/adminCheck';
import type { AdminCheckOptions } from '../../core/admin/check/adminCheckOptions';
import { formatAdminReportText } from '../../core/admin/check/adminReportText';
import { applyAdminRepairs } from '../../core/admin/check/applyAdminRepairs';
import { policyOptionsFromSettings } from '../../core/admin/policyOptionsFromSettings';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { CancelledError } from '../../core/runtime/cancellation';
import type { ExtensionServices } from '../extensionServices';
import { askForAdminProfile } from './adminProfileQuestion';
import { withCancellableProgress } from '../ui/cancellableProgress';

const TITLE = (): string => vscode.l10n.t('Admin: Check Organisation Setup');

/**
 * `bedrock-onboard admin check --fix` for an admin in VS Code: runs the checklist with the
 * organisation's settings, shows the report, then offers each repair with exactly what it
 * changes, makes only those confirmed, and shows the report again.
 */
export async function checkOrganizationSetupCommand(services: ExtensionServices): Promise<void> {
  const { effective } = await services.readSettings();
  const group = await vscode.window.showInputBox({
    title: TITLE(),
    prompt: vscode.l10n.t('The Identity Store group of developers (leave empty to skip the group check)'),
    placeHolder: 'Claude Code Developers',
    ignoreFocusOut: true,
  });
  if (group === undefined) throw new CancelledError(TITLE());
  const adminProfile = await askForAdminProfile(TITLE(), vscode.l10n.t('The AWS profile with the admin permissions (leave empty for the default credentials)'));
  const aws = loadAwsOperations();
  const options: AdminCheckOptions = {
    regions: effective.allowedRegions.value ?? [effective.defaultRegion.value ?? 'us-east-1'],
    identityCenterRegion: effective.ssoRegion.value ?? 'us-east-1',
    ...(effective.accountId.value ? { accountId: effective.accountId.value } : {}),
    ...(effective.roleName.value ? { permissionSetName: effective.roleName.value } : {}),
    ...(group.trim() ? { groupName: group.trim() } : {}),
    tagKeys: { developer: effective.developerTagKey.value ?? 'DeveloperId', team: effective.teamTagKey.value ?? 'Team' },
    policy: policyOptionsFromSettings(effective),
    credentials: aws.profileCredentials(adminProfile),
    ...(adminProfile ? { profileName: adminProfile } : {}),
    logger: services.logger,
  };
  const run = await withCancellableProgress(TITLE(), (_progress, signal) => aws.runAdminChecks({ ...options, signal }));
  try {
    await showReport(run.checks, vscode.l10n.t('Organisation setup'));
    if (!run.checks.some((c) => c.status !== 'pass' && c.repair)) return;
    const applied = await applyAdminRepairs(run.checks, confirmRepair);
    for (const result of applied) services.logger.info(`admin check --fix: ${result.title}: ${result.outcome}: ${result.sentences.join(' ')}`);
    if (!applied.some((a) => a.outcome !== 'declined')) return;
    const failed = applied.filter((a) => a.outcome === 'failed');
    if (failed.length > 0) void vscode.window.showWarningMessage(failed.flatMap((a) => a.sentences).join(' '));
    else void vscode.window.showInformationMessage(applied.filter((a) => a.outcome === 'applied').flatMap((a) => a.sentences).join(' '));
    const again = await withCancellableProgress(TITLE(), (_progress, signal) => aws.runAdminChecks({ ...options, signal }));
    again.close();
    await showReport(again.checks, vscode.l10n.t('Organisation setup after the changes'));
  } finally {
    run.close();
  }
}

async function confirmRepair(repair: AdminRepair): Promise<boolean> {
  const make = vscode.l10n.t('Make This Change');
  const choice = await vscode.window.showWarningMessage(repair.title, { modal: true, detail: repair.changes.join('\n') }, make);
  return choice === make;
}

async function showReport(checks: readonly AdminCheck[], heading: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: formatAdminReportText(checks, heading) });
  await vscode.window.showTextDocument(document, { preview: false });
  if (!adminPassed(checks)) void vscode.window.showWarningMessage(vscode.l10n.t('Some items of the organisation setup fail; the report says what to do.'));
}

