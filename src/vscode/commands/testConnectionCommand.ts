import * as vscode from 'vscode';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { readClaudeSettings } from '../../core/claudeSettings/settingsFile';
import type { ConnectionReport } from '../../core/connection/testConnection';
import { UserFacingError } from '../../core/runtime/userFacingError';
import { CancelledError } from '../../core/runtime/cancellation';
import { isInvalid } from '../../core/validation/invalidValue';
import { validateRegion } from '../../core/validation/awsRegion';
import type { ExtensionServices } from '../extensionServices';
import { withCancellableProgress } from '../ui/cancellableProgress';
import { probePermitted } from '../configure/discoveryRun';

const TITLE = (): string => vscode.l10n.t('Test Connection');

/**
 * Checks what Claude Code will do with the settings it reads: who `AWS_PROFILE` signs in as
 * (GetCallerIdentity), that `ANTHROPIC_MODEL` can be read (GetInferenceProfile, which
 * Claude Code calls first), and, when the developer agrees, a billed 1-token call through
 * it. Reports identity, profile and latency; each failure in its own sentence.
 */
export async function testConnectionCommand(services: ExtensionServices): Promise<ConnectionReport> {
  const claude = await readClaudeSettings(services.environment);
  if (claude.status === 'invalid') throw claude.error;
  const env = claude.status === 'ok' ? claude.env : {};
  const arn = env['ANTHROPIC_MODEL'];
  const rawRegion = env['AWS_REGION'];
  const profile = env['AWS_PROFILE'];
  if (!arn || !rawRegion) {
    throw new UserFacingError(
      vscode.l10n.t('{0} does not name an inference profile and region (env.ANTHROPIC_MODEL, env.AWS_REGION); run Configure Claude Code first.', claude.filePath),
      'connection.not-configured',
    );
  }
  const region = validateRegion(rawRegion);
  if (isInvalid(region)) throw region;

  const probe = await askForProbe(services);
  const aws = loadAwsOperations();
  const { effective } = await services.readSettings();
  const report = await withCancellableProgress(TITLE(), (progress, signal) => {
    progress.report({ message: vscode.l10n.t('Calling AWS as profile {0}…', profile ?? 'default') });
    return aws.testConnection({
        credentials: aws.profileCredentials(profile),
        region,
        inferenceProfileArn: arn,
        ...(profile ? { profileName: profile } : {}),
        tagKeys: [effective.developerTagKey.value ?? 'DeveloperId', effective.teamTagKey.value ?? 'Team'],
      probe,
      logger: services.logger,
      abortSignal: signal,
    });
  });
  for (const step of report.steps) {
    services.logger.info(`${TITLE()}: ${step.name} ${step.operation} ${step.status}${step.latencyMs !== undefined ? ` ${String(step.latencyMs)} ms` : ''}${step.message ? `: ${step.message}` : ''}`);
  }
  await showReport(report, profile);
  return report;
}

/** The 1-token call is billed: made without asking only when the developer turned it on in settings. */
async function askForProbe(services: ExtensionServices): Promise<boolean> {
  const { effective, personal } = await services.readSettings();
  if (!probePermitted(effective.probeAllowed)) return false;
  if (personal.probeEnabled) return true;
  const withCall = { label: vscode.l10n.t('Identity, profile and a 1-token call'), detail: vscode.l10n.t('Proves invoking works; billed (a fraction of a cent).'), probe: true };
  const readOnly = { label: vscode.l10n.t('Identity and profile only'), detail: vscode.l10n.t('No billed call.'), probe: false };
  const chosen = await vscode.window.showQuickPick([withCall, readOnly], { title: TITLE(), placeHolder: vscode.l10n.t('What should be tested?'), ignoreFocusOut: true });
  if (!chosen) throw new CancelledError(TITLE());
  return chosen.probe;
}

async function showReport(report: ConnectionReport, profile: string | undefined): Promise<void> {
  const latency = (name: string): string => {
    const ms = report.steps.find((s) => s.name === name)?.latencyMs;
    return ms === undefined ? '?' : String(ms);
  };
  if (report.ok) {
    const who = report.identity?.arn ?? '';
    const profileText = report.profile ? `${report.profile.name} (${report.profile.tier})` : '';
    const invoked = report.steps.some((s) => s.name === 'invoke' && s.status === 'ok');
    await vscode.window.showInformationMessage(
      invoked
        ? vscode.l10n.t('Connected as {0} (profile {1}). {2} answered a 1-token call in {3} ms; reading it took {4} ms.', who, profile ?? 'default', profileText, latency('invoke'), latency('inference-profile'))
        : vscode.l10n.t('Connected as {0} (profile {1}). {2} is readable ({3} ms); Claude Code should be able to use it.', who, profile ?? 'default', profileText, latency('inference-profile')),
    );
    return;
  }
  const failures = report.steps.filter((s) => s.status === 'failed');
  const first = failures[0];
  const showLog = vscode.l10n.t('Show Log');
  const answer = await vscode.window.showErrorMessage(
    first?.message ?? vscode.l10n.t('The connection test failed; the log has the details.'),
    ...(failures.length > 1 ? [showLog] : []),
  );
  if (answer === showLog) await vscode.commands.executeCommand('bedrockOnboarding.showLog');
}
