import * as vscode from 'vscode';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { readClaudeSettings } from '../../core/claudeSettings/settingsFile';
import type { ConnectionReport } from '../../core/connection/testConnection';
import { UserFacingError } from '../../core/runtime/userFacingError';
import { CancelledError } from '../../core/runtime/cancellation';
import { isInvalid } from '../../core/validation/invalidValue';
import { validateRegion } from '../../core/validation/awsRegion';
import type { ExtensionServices } from '../extensionServices';
import { readSetupState, writeSetupState } from '../../core/setup/setupState';
import { setupStatePath } from '../setup/setupRunDependencies';
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
  if (report.ok && profile) await recordPassedTest(services, profile, arn);
  await showReport(report, profile);
  return report;
}

/** Ticks the walkthrough's step (it listens to the Set Up state), only when the test passed. */
async function recordPassedTest(services: ExtensionServices, awsProfile: string, primaryArn: string): Promise<void> {
  const statePath = setupStatePath(services);
  try {
    const state = await readSetupState(statePath);
    await writeSetupState(statePath, { ...state, connection: { awsProfile, primaryArn, checkedAt: services.environment.now().toISOString() } });
    services.stateChanged.fire();
  } catch (error) {
    services.logger.warn(`Could not record the passed connection test: ${error instanceof Error ? error.message : String(error)}`);
  }
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
        ? vscode.l10n.t('Connection works: {0} answered a 1-token call in {1} ms (reading it took {2} ms). Signed in through profile {3} as {4}.', profileText, latency('invoke'), latency('inference-profile'), profile ?? 'default', who)
        : vscode.l10n.t('Connection works: {0} is readable ({1} ms), so Claude Code should be able to use it. Signed in through profile {2} as {3}.', profileText, latency('inference-profile'), profile ?? 'default', who),
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
