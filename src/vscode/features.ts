import type * as vscode from 'vscode';
import { openClaudeCodeCommand } from './claudeCode/claudeCodeExtension';
import { keepBearerTokenStatusCurrent } from './bearerToken/bearerTokenScan';
import { bearerTokenStatusView } from './bearerToken/bearerTokenStatus';
import { checkBearerTokenCommand, removeBearerTokenCommand, scheduleBearerTokenCheck } from './bearerToken/bearerTokenWarning';
import { createProfileForDeveloperCommand } from './admin/createProfileForDeveloperCommand';
import { openPermissionSetPolicyCommand } from './admin/openPermissionSetPolicyCommand';
import { checkOrganizationSetupCommand } from './admin/checkOrganizationSetupCommand';
import { chooseInferenceProfileCommand } from './commands/chooseInferenceProfileCommand';
import { configureClaudeCodeCommand } from './commands/configureClaudeCodeCommand';
import { changeAccountOrRoleCommand, signInCommand } from './commands/signInCommand';
import { signOutCommand } from './commands/signOutCommand';
import { testConnectionCommand } from './commands/testConnectionCommand';
import { provideCostService, refreshCostCommand, showCostDetailsCommand } from './cost/costCommands';
import { CostService } from './cost/costService';
import { costStatusView, type CostStatusView } from './cost/costStatusView';
import { checkSetupCommand } from './doctor/checkSetupCommand';
import type { ExtensionServices } from './extensionServices';
import { setUpCommand } from './setup/setUpCommand';
import type { BearerTokenStatusView } from './statusBar/statusBarController';
import { openWalkthroughCommand, startSetupGuidance } from './setup/walkthrough';
import { keepRefreshLauncherCurrent } from './setup/refreshLauncherAtStartup';

/**
 * Everything behind the commands and the background work, bundled as dist/features.js
 * and loaded on first use (see featuresLoader.ts), so activation only pays for the
 * status bar and the command table.
 */
export type CommandHandler = (services: ExtensionServices) => Promise<unknown>;

/** The handler of every contributed command except Show Log, which activation keeps. */
export const commandHandlers: Readonly<Record<string, CommandHandler>> = {
  'bedrockOnboarding.setUp': setUpCommand,
  'bedrockOnboarding.openWalkthrough': openWalkthroughCommand,
  'bedrockOnboarding.openClaudeCode': openClaudeCodeCommand,
  'bedrockOnboarding.createProfileForDeveloper': createProfileForDeveloperCommand,
  'bedrockOnboarding.openPermissionSetPolicy': openPermissionSetPolicyCommand,
  'bedrockOnboarding.checkOrganizationSetup': checkOrganizationSetupCommand,
  'bedrockOnboarding.signIn': signInCommand,
  'bedrockOnboarding.signOut': signOutCommand,
  'bedrockOnboarding.changeAccountOrRole': changeAccountOrRoleCommand,
  'bedrockOnboarding.chooseInferenceProfile': chooseInferenceProfileCommand,
  'bedrockOnboarding.configureClaudeCode': configureClaudeCodeCommand,
  'bedrockOnboarding.testConnection': testConnectionCommand,
  'bedrockOnboarding.checkSetup': checkSetupCommand,
  'bedrockOnboarding.checkBearerToken': checkBearerTokenCommand,
  'bedrockOnboarding.removeBearerToken': removeBearerTokenCommand,
  'bedrockOnboarding.refreshCost': refreshCostCommand,
  'bedrockOnboarding.showCostDetails': showCostDetailsCommand,
};

/** What the activation layer asks of the background features when it redraws. */
export interface BackgroundFeatures {
  dispose(): void;
  /** Tells the cost service whether the developer is signed in and returns what the status bar shows. */
  costView(signedIn: boolean): CostStatusView | undefined;
  /** Where AWS_BEARER_TOKEN_BEDROCK is set, as of the latest scan; undefined when nowhere (or not scanned yet). */
  bearerTokenView(): BearerTokenStatusView | undefined;
  /** See CostService.holdAutomaticReads. */
  holdAutomaticCostReads(): Promise<vscode.Disposable>;
}

/** Starts the cost service, the delayed bearer-token check (and its re-checks), the first-run walkthrough and the awsAuthRefresh launcher upkeep. */
export function startBackgroundFeatures(services: ExtensionServices): BackgroundFeatures {
  const cost = new CostService(services);
  provideCostService(cost);
  scheduleBearerTokenCheck(services);
  const bearerTokenRescans = keepBearerTokenStatusCurrent(services);
  startSetupGuidance(services);
  void keepRefreshLauncherCurrent(services);
  return {
    costView: (signedIn) => {
      // Cost is read only while signed in; the service decides whether Cost Explorer is due.
      cost.signInStateRead(signedIn);
      const report = cost.current();
      return report ? costStatusView(report, services.environment.now()) : undefined;
    },
    bearerTokenView: bearerTokenStatusView,
    holdAutomaticCostReads: () => cost.holdAutomaticReads(),
    dispose: () => {
      cost.dispose();
      bearerTokenRescans.dispose();
    },
  };
}
