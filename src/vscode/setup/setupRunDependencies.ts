import * as path from 'node:path';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import type { BearerTokenScanOptions } from '../../core/bearerToken/bearerTokenScanner';
import { awsAuthRefreshCommand } from '../../core/claudeSettings/awsAuthRefreshCommand';
import type { SetupInteraction } from '../../core/setup/setupInteraction';
import type { SetupStepDependencies } from '../../core/setup/setupStepHandlers';
import { bearerTokenScanPlaces } from '../bearerToken/bearerTokenScan';
import { ourCli } from './refreshLauncherAtStartup';
import { costSettingsInput } from '../cost/costSettingsInput';
import { discoveryMemory, probePermitted } from '../configure/discoveryRun';
import type { ExtensionServices } from '../extensionServices';
import type { ExtensionSettings } from '../settings/extensionSettings';
import { askSignInRequest } from '../signIn/signInRequestQuestions';
import type { QuestionFlow } from '../ui/questionFlow';

/** This machine's Set Up progress, beside the extension's other per-machine state. */
export function setupStatePath(services: ExtensionServices): string {
  return path.join(services.context.globalStorageUri.fsPath, 'setup-state.json');
}

export function profileNameOf(settings: ExtensionSettings): string {
  return settings.effective.profileName.value ?? 'claude-code';
}

export function bearerTokenScanOptions(services: ExtensionServices): Omit<BearerTokenScanOptions, 'environment'> {
  return { ...bearerTokenScanPlaces(services), logger: services.logger };
}

/**
 * Set Up's inputs from the user's settings under the organisation's, as the individual
 * commands read them; the sign-in questions are asked only if sign-in runs, and the same
 * way the Sign In command asks them (an existing profile is signed in again as it is).
 */
export function setupStepDependencies(services: ExtensionServices, settings: ExtensionSettings, flow: QuestionFlow, interaction: SetupInteraction): SetupStepDependencies {
  const { effective, personal } = settings;
  const profileName = profileNameOf(settings);
  const regions = [...new Set([effective.defaultRegion.value ?? 'us-east-1', ...(effective.allowedRegions.value ?? [])])];
  return {
    environment: services.environment,
    loadAws: loadAwsOperations,
    profileName,
    signInRequest: (options) => askSignInRequest(flow, services.environment, settings, options),
    search: {
      regions,
      tagKeys: [effective.developerTagKey.value ?? 'DeveloperId', effective.teamTagKey.value ?? 'Team'],
      ...(personal.inferenceProfileArn ? { explicitArns: [personal.inferenceProfileArn] } : {}),
      probe: personal.probeEnabled && probePermitted(effective.probeAllowed),
      ...(effective.profileNamePattern.value ? { nameTemplate: effective.profileNamePattern.value } : {}),
      memory: discoveryMemory(services),
    },
    awsAuthRefresh: awsAuthRefreshCommand(profileName, services.environment.env, services.environment.platform, ourCli(services)),
    bearerTokenScan: bearerTokenScanOptions(services),
    cost: { cacheDir: costCacheDir(services), settings: costSettingsInput(settings) },
    interaction,
    logger: services.logger,
    minimumClaudeCodeVersion: effective.minimumClaudeCodeVersion.value,
  };
}

/**
 * The cost cache the status bar reads (src/vscode/cost/costService.ts), so the one
 * Cost Explorer request Set Up makes is the one every window then shows.
 */
function costCacheDir(services: ExtensionServices): string {
  return services.context.globalStorageUri.fsPath;
}

