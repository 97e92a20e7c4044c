import * as path from 'node:path';
import * as vscode from 'vscode';
import { readSignInState } from '../core/sso/signInState';
import { registerCommands } from './commands';
import { createExtensionServices, type ExtensionServices } from './extensionServices';
import type { BackgroundFeatures } from './features';
import { loadFeatures } from './featuresLoader';
import { StatusBarController, type StatusBarSnapshot } from './statusBar/statusBarController';

/** How often the status bar re-reads local state, so an expiry shows without any event. */
const STATE_POLL_MS = 5 * 60_000;

/** What `activate` returns to other extensions (and to the extension-host tests): read-only diagnostics. */
export interface BedrockOnboardingApi {
  /** What the status bar item shows right now, as plain data. */
  statusBarSnapshot(): StatusBarSnapshot;
  /**
   * Holds the status bar's automatic cost reads (after any read under way) until the handle
   * is disposed; Refresh Cost still asks. Lets a caller that drives the cost commands, such
   * as the extension-host tests, count the Cost Explorer requests those commands make.
   */
  holdAutomaticCostReads(): Promise<vscode.Disposable>;
}

/**
 * Activation does no network and loads neither the AWS SDK nor the command handlers: it
 * registers the command ids and shows the status bar item. Right after activation
 * returns, the background features (cost, bearer-token check, walkthrough) are loaded
 * and local state is read; everything that talks to AWS is loaded on first use.
 */
export function activate(context: vscode.ExtensionContext): BedrockOnboardingApi {
  const channel = vscode.window.createOutputChannel('Claude Code on Bedrock', { log: true });
  context.subscriptions.push(channel);
  const services = createExtensionServices(context, channel);
  const statusBar = new StatusBarController();
  context.subscriptions.push(statusBar);
  registerCommands(services);

  let features: BackgroundFeatures | undefined;
  const refresh = (): void => {
    void refreshState(services, statusBar, features);
  };
  context.subscriptions.push(services.stateChanged.event(refresh));
  watchAwsFiles(services, refresh);
  const timer = setInterval(refresh, STATE_POLL_MS);
  context.subscriptions.push({
    dispose: () => {
      clearInterval(timer);
    },
  });
  const started = new Promise<BackgroundFeatures | undefined>((resolve) => {
    setTimeout(() => {
      try {
        features = loadFeatures().startBackgroundFeatures(services);
        context.subscriptions.push(features);
      } catch (error) {
        services.logger.error(`Could not start the background features: ${error instanceof Error ? error.message : String(error)}`);
      }
      resolve(features);
      refresh();
    }, 0);
  });

  const manifest = context.extension.packageJSON as { version?: string };
  services.logger.info(`Activated ${manifest.version ?? '?'} (${vscode.env.remoteName ?? 'local'}).`);
  return {
    statusBarSnapshot: () => statusBar.snapshot(),
    // Without background features there is no automatic read to hold.
    holdAutomaticCostReads: async () => (await started)?.holdAutomaticCostReads() ?? new vscode.Disposable(() => undefined),
  };
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}

async function refreshState(services: ExtensionServices, statusBar: StatusBarController, features: BackgroundFeatures | undefined): Promise<void> {
  try {
    const { effective } = await services.readSettings();
    const profileName = effective.profileName.value ?? 'claude-code';
    const signIn = await readSignInState(services.environment, profileName);
    await vscode.commands.executeCommand('setContext', 'bedrockOnboarding.signedIn', signIn.status === 'signed-in');
    await vscode.commands.executeCommand('setContext', 'bedrockOnboarding.profileConfigured', signIn.status !== 'not-configured');
    statusBar.render({ signIn, profileName, cost: features?.costView(signIn.status === 'signed-in'), bearerToken: features?.bearerTokenView() });
  } catch (error) {
    services.logger.warn(`Could not read the sign-in state: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The AWS CLI or Claude Code may sign in or refresh behind our back; follow their files. */
function watchAwsFiles(services: ExtensionServices, onChange: () => void): void {
  const awsFolder = path.join(services.environment.homeDir, '.aws');
  for (const pattern of [new vscode.RelativePattern(vscode.Uri.file(awsFolder), 'config'), new vscode.RelativePattern(vscode.Uri.file(path.join(awsFolder, 'sso', 'cache')), '*.json')]) {
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    watcher.onDidCreate(onChange);
    watcher.onDidChange(onChange);
    watcher.onDidDelete(onChange);
    services.context.subscriptions.push(watcher);
  }
}
