import { readClaudeSettings, type ClaudeSettingsSnapshot } from '../claudeSettings/settingsFile';
import { BEDROCK_ENV_NAMES } from '../claudeSettings/settingsPlan';
import { BUILT_IN_SETTINGS } from '../orgDefaults/builtInSettings';
import { parseInferenceProfileArn } from '../discovery/inferenceProfileArn';
import { isInvalid } from '../validation/invalidValue';
import type { SetupCheckOptions } from './setupCheckOptions';

/**
 * What the checks are about: the profile, region and inference profile Claude Code will
 * use. Claude Code's settings file decides (it is what Claude Code reads); the extension's
 * own choices are the fallback, and the settings check compares the two.
 */
export interface SetupTarget {
  readonly claudeSettings: ClaudeSettingsSnapshot;
  readonly profileName: string;
  /** The inference profile to check, when one is chosen anywhere. */
  readonly inferenceProfileArn: string | undefined;
  /** The region of `inferenceProfileArn`, when it parses. */
  readonly arnRegion: string | undefined;
  /** The Bedrock region Claude Code calls: its `AWS_REGION`, else the inference profile's. */
  readonly region: string | undefined;
}

export async function resolveSetupTarget(options: SetupCheckOptions): Promise<SetupTarget> {
  const claudeSettings = await readClaudeSettings(options.environment);
  const env = claudeSettings.status === 'ok' ? claudeSettings.env : {};
  const profileName = nonEmpty(env[BEDROCK_ENV_NAMES.profile]) ?? options.profileName ?? BUILT_IN_SETTINGS.profileName ?? 'claude-code';
  const inferenceProfileArn = options.inferenceProfileArn ?? nonEmpty(env[BEDROCK_ENV_NAMES.model]);
  const parsed = inferenceProfileArn === undefined ? undefined : parseInferenceProfileArn(inferenceProfileArn);
  const arnRegion = parsed === undefined || isInvalid(parsed) ? undefined : parsed.region;
  const region = nonEmpty(env[BEDROCK_ENV_NAMES.region]) ?? arnRegion;
  return { claudeSettings, profileName, inferenceProfileArn, arnRegion, region };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
