import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AwsOperationsModule } from '../../core/awsOperationsLoader';
import type { BearerTokenScanOptions } from '../../core/bearerToken/bearerTokenScanner';
import { awsAuthRefreshCommand } from '../../core/claudeSettings/awsAuthRefreshCommand';
import type { SetupInteraction } from '../../core/setup/setupInteraction';
import type { SetupStepDependencies } from '../../core/setup/setupStepHandlers';
import { validateRegion } from '../../core/validation/awsRegion';
import { validateStartUrl } from '../../core/validation/startUrl';
import { bearerTokenScanPlaces } from '../bearerToken/bearerTokenScan';
import { ourCli } from './refreshLauncherAtStartup';
import { costSettingsInput } from '../cost/costSettingsInput';
import { discoveryMemory, probePermitted } from '../configure/discoveryRun';
import type { ExtensionServices } from '../extensionServices';
import type { ExtensionSettings } from '../settings/extensionSettings';
import { askForValue } from '../ui/askForValue';
import { SET_UP_TITLE } from './setupQuestions';

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
 * commands read them; the start URL and SSO region are asked for only if sign-in runs.
 */
export function setupStepDependencies(services: ExtensionServices, settings: ExtensionSettings, aws: AwsOperationsModule, interaction: SetupInteraction): SetupStepDependencies {
  const { effective, personal } = settings;
  const profileName = profileNameOf(settings);
  const ssoSessionName = effective.ssoSessionName.value ?? 'claude-code';
  const regions = [...new Set([effective.defaultRegion.value ?? 'us-east-1', ...(effective.allowedRegions.value ?? [])])];
  return {
    environment: services.environment,
    aws,
    profileName,
    signInRequest: async () => {
      const startUrl =
        effective.ssoStartUrl.value ??
        (await askForValue({ title: SET_UP_TITLE(), prompt: vscode.l10n.t('Your IAM Identity Center access portal URL'), placeHolder: 'https://d-1234567890.awsapps.com/start', validate: validateStartUrl }));
      const ssoRegion =
        effective.ssoRegion.value ??
        (await askForValue({ title: SET_UP_TITLE(), prompt: vscode.l10n.t('The region where IAM Identity Center is enabled'), placeHolder: 'us-east-1', validate: (input) => validateRegion(input, 'SSO region') }));
      return { startUrl, ssoRegion, sessionName: ssoSessionName, profileName, accountId: effective.accountId.value, roleName: effective.roleName.value, region: effective.defaultRegion.value ?? ssoRegion };
    },
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
  };
}

/**
 * The cost cache the status bar reads (src/vscode/cost/costService.ts), so the one
 * Cost Explorer request Set Up makes is the one every window then shows.
 */
function costCacheDir(services: ExtensionServices): string {
  return services.context.globalStorageUri.fsPath;
}

