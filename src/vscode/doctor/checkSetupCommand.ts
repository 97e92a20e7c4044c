import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import type { SetupCheck } from '../../core/doctor/setupCheck';
import { formatSetupReportText } from '../../core/doctor/setupReportText';
import { bearerTokenScanPlaces, scanInVsCode } from '../bearerToken/bearerTokenScan';
import type { ExtensionServices } from '../extensionServices';
import { reportCommandError } from '../ui/reportError';
import { renderSetupReportHtml } from './setupReportHtml';

let panel: vscode.WebviewPanel | undefined;
let latest: readonly SetupCheck[] | undefined;

/** Check Setup: runs the setup check and shows it in one reusable panel. Returns the checks (for tests). */
export async function checkSetupCommand(services: ExtensionServices): Promise<readonly SetupCheck[]> {
  if (panel) panel.reveal();
  else panel = createPanel(services);
  return refresh(services, panel);
}

function createPanel(services: ExtensionServices): vscode.WebviewPanel {
  const created = vscode.window.createWebviewPanel('bedrockOnboarding.setupReport', vscode.l10n.t('Claude Bedrock: Setup Check'), vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: [],
  });
  created.onDidDispose(() => {
    panel = undefined;
    latest = undefined;
  });
  created.webview.onDidReceiveMessage((message: unknown) => {
    handleMessage(services, created, message).catch((error: unknown) => reportCommandError(services.logger, vscode.l10n.t('Check Setup'), error));
  });
  return created;
}

async function handleMessage(services: ExtensionServices, view: vscode.WebviewPanel, message: unknown): Promise<void> {
  if (typeof message !== 'object' || message === null || !('type' in message)) return;
  if (message.type === 'recheck') {
    await refresh(services, view);
  } else if (message.type === 'copy' && latest) {
    await vscode.env.clipboard.writeText(formatSetupReportText(latest, vscode.l10n.t('Claude Code on Bedrock setup check')));
    void vscode.window.showInformationMessage(vscode.l10n.t('The setup report was copied (secrets removed).'));
  } else if (message.type === 'fix' && 'command' in message && typeof message.command === 'string') {
    // Only a command offered by the current report may run, whatever the page sends.
    const offered = latest?.some((check) => check.fix?.command === message.command) ?? false;
    if (!offered) return;
    await vscode.commands.executeCommand(message.command);
    await refresh(services, view);
  }
}

async function refresh(services: ExtensionServices, view: vscode.WebviewPanel): Promise<readonly SetupCheck[]> {
  const available = new Set(await vscode.commands.getCommands(true));
  const render = (checks: readonly SetupCheck[] | undefined): void => {
    view.webview.html = renderSetupReportHtml({
      checks,
      availableCommands: available,
      nonce: randomBytes(16).toString('base64'),
      cspSource: view.webview.cspSource,
      labels: {
        heading: vscode.l10n.t('Claude Code on Bedrock: setup check'),
        recheck: vscode.l10n.t('Check Again'),
        copy: vscode.l10n.t('Copy Report'),
        running: vscode.l10n.t('Checking…'),
      },
    });
  };
  render(undefined);
  const checks = await runChecks(services);
  latest = checks;
  render(checks);
  // The status bar's bearer-token state follows the scan of this window (its own settings files), ~10 ms.
  await scanInVsCode(services).catch((error: unknown) => {
    services.logger.warn(`Could not update the bearer-token status: ${error instanceof Error ? error.message : String(error)}`);
  });
  services.stateChanged.fire();
  return checks;
}

async function runChecks(services: ExtensionServices): Promise<SetupCheck[]> {
  const { effective, personal } = await services.readSettings();
  const tagKeys = [effective.developerTagKey.value, effective.teamTagKey.value].filter((key): key is string => key !== undefined);
  return loadAwsOperations().runSetupChecks({
    environment: services.environment,
    logger: services.logger,
    ...(effective.profileName.value !== undefined ? { profileName: effective.profileName.value } : {}),
    ...(effective.allowedRegions.value ? { allowedRegions: effective.allowedRegions.value } : {}),
    ...(effective.minimumClaudeCodeVersion.value ? { minimumClaudeCodeVersion: effective.minimumClaudeCodeVersion.value } : {}),
    ...(personal.inferenceProfileArn !== undefined ? { inferenceProfileArn: personal.inferenceProfileArn } : {}),
    tagKeys,
    bearerToken: bearerTokenScanPlaces(services),
  });
}
