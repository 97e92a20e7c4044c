import * as vscode from 'vscode';
import { BUILT_IN_SETTINGS } from '../../core/orgDefaults/builtInSettings';
import { resolveEffectiveSettings, type EffectiveSettings } from '../../core/orgDefaults/effectiveSettings';
import { loadOrgDefaults } from '../../core/orgDefaults/loadOrgDefaults';
import { ORG_SETTING_NAMES } from '../../core/orgDefaults/orgDefaults';
import type { Logger } from '../../core/runtime/logger';
import { readUserSettingLayer } from './userSettingLayer';

export const SETTINGS_SECTION = 'bedrockOnboarding';

/** Settings that only the developer sets (the organisation file has no say in them). */
export interface PersonalSettings {
  readonly inferenceProfileArn: string | undefined;
  readonly developerId: string | undefined;
  readonly probeEnabled: boolean;
  readonly costMetric: string;
  readonly warnAboutBearerToken: boolean;
}

export interface ExtensionSettings {
  readonly effective: EffectiveSettings;
  readonly personal: PersonalSettings;
}

/**
 * Reads settings the way sign-in must: each value from the user's own settings only
 * (`inspect().globalValue`), never from a workspace, so a cloned repository's
 * `.vscode/settings.json` cannot redirect sign-in or endpoints; then the organisation
 * defaults and locks on top (see resolveEffectiveSettings).
 */
export async function readExtensionSettings(extensionRoot: string, logger: Logger): Promise<ExtensionSettings> {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const user = readUserSettingLayer(configuration);
  const org = await loadOrgDefaults({ extensionRoot, platform: process.platform, env: process.env, logger });
  const effective = resolveEffectiveSettings({ builtIn: BUILT_IN_SETTINGS, org: org.defaults, user });
  for (const name of ORG_SETTING_NAMES) {
    const problem = effective[name].problem;
    if (problem) logger.warn(problem);
  }
  return { effective, personal: readPersonalSettings(configuration) };
}

function readPersonalSettings(configuration: vscode.WorkspaceConfiguration): PersonalSettings {
  const nonEmpty = (value: string | undefined): string | undefined => (value && value.trim() !== '' ? value.trim() : undefined);
  return {
    inferenceProfileArn: nonEmpty(configuration.inspect<string>('inferenceProfileArn')?.globalValue),
    developerId: nonEmpty(configuration.inspect<string>('developerId')?.globalValue),
    probeEnabled: configuration.inspect<boolean>('probeEnabled')?.globalValue ?? false,
    costMetric: configuration.inspect<string>('costMetric')?.globalValue ?? 'UnblendedCost',
    // Not sensitive: a workspace may turn its own warning off.
    warnAboutBearerToken: configuration.get<boolean>('warnAboutBearerToken', true),
  };
}
