import * as vscode from 'vscode';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import type { DiscoveryResult } from '../../core/discovery/discoverInferenceProfiles';
import { fileDiscoveryMemory, type DiscoveryMemory } from '../../core/discovery/discoveryMemory';
import { everyPercent } from '../../core/discovery/examinationProgressSteps';
import { withCancellableProgress } from '../ui/cancellableProgress';
import type { ExtensionServices } from '../extensionServices';

/** What a discovery was run with, so a later pick can be settled the same way. */
export interface DiscoveryRun {
  readonly result: DiscoveryResult;
  readonly profileName: string;
  /** The regions searched, the default Bedrock region first. */
  readonly regions: readonly string[];
}

/**
 * Finds the developer's inference profiles with the extension's settings (user settings
 * under the organisation's), showing cancellable progress. `explicitArns` (a pasted ARN)
 * wins over the `inferenceProfileArn` setting, which wins over listing. `rediscover`
 * ("Search again…") skips the profiles remembered from earlier runs and replaces them.
 */
export async function runDiscovery(
  services: ExtensionServices,
  title: string,
  options: { readonly explicitArns?: readonly string[]; readonly ignoreConfiguredArn?: boolean; readonly rediscover?: boolean } = {},
): Promise<DiscoveryRun> {
  const { effective, personal } = await services.readSettings();
  const profileName = effective.profileName.value ?? 'claude-code';
  const regions = [...new Set([effective.defaultRegion.value ?? 'us-east-1', ...(effective.allowedRegions.value ?? [])])];
  const developerKey = effective.developerTagKey.value ?? 'DeveloperId';
  const tagKeys = [developerKey, effective.teamTagKey.value ?? 'Team'];
  const configuredArn = options.ignoreConfiguredArn ? undefined : personal.inferenceProfileArn;
  const explicitArns = options.explicitArns ?? (configuredArn ? [configuredArn] : undefined);
  const probe = personal.probeEnabled && probePermitted(effective.probeAllowed);

  const aws = loadAwsOperations();
  const result = await withCancellableProgress(title, (progress, signal) => {
    progress.report({ message: vscode.l10n.t('Looking for your inference profiles in {0}…', regions.join(', ')) });
    return aws.discoverInferenceProfiles({
      credentials: aws.profileCredentials(profileName),
      profileName,
      regions,
      tagKeys,
      ...(personal.developerId ? { tagValues: { [developerKey]: personal.developerId } } : {}),
      ...(explicitArns ? { explicitArns } : {}),
      ...(effective.profileMapping.value ? { orgMapping: effective.profileMapping.value } : {}),
      ...(effective.profileNamePattern.value ? { nameTemplate: effective.profileNamePattern.value } : {}),
      memory: discoveryMemory(services),
      ...(options.rediscover ? { rediscover: true } : {}),
      onProgress: everyPercent(1, (step) => {
        if (step.total === 0) return;
        progress.report({
          message: vscode.l10n.t('No profile is named for you, so every one is checked: examined {0} of {1}…', step.examined.toLocaleString(), step.total.toLocaleString()),
        });
      }),
      probe,
      logger: services.logger,
      abortSignal: signal,
    });
  });
  return { result, profileName, regions };
}

/** What discovery found per signed-in identity, in the extension's global storage (shared by every window). */
export function discoveryMemory(services: ExtensionServices): DiscoveryMemory {
  return fileDiscoveryMemory(services.context.globalStorageUri.fsPath, { logger: services.logger });
}

/**
 * The probe is billed, so it runs only when the developer opted in (`probeEnabled`) and the
 * organisation has not turned it off; the built-in `false` is no organisation's decision.
 */
export function probePermitted(setting: { readonly value?: boolean | undefined; readonly source: string }): boolean {
  return !(setting.source === 'organization' && setting.value === false);
}
