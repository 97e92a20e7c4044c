import { withFileLock } from '../files/fileLock';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import { silentLogger, type Logger } from '../runtime/logger';
import { UserFacingError } from '../runtime/userFacingError';
import { ensureConfigFolder, readAwsConfigText, resolveWriteTarget, writeAwsConfigText, writeError } from './awsConfigFile';
import { resolveAwsConfigPath } from './awsConfigPath';
import { planSsoProfileWrite, type ConfigConflict, type SessionInconsistency, type SsoProfilePlan } from './ssoProfilePlan';
import type { SsoProfileRequest } from './ssoProfileRequest';

export interface SsoProfileWriteOptions {
  /** The user agreed to overwrite the settings listed in `plan.conflicts`. */
  readonly confirmOverwrite?: boolean;
  readonly logger?: Logger;
}

export type SsoProfileWriteResult =
  | { readonly status: 'written'; readonly configPath: string; readonly plan: SsoProfilePlan }
  | { readonly status: 'unchanged'; readonly configPath: string; readonly plan: SsoProfilePlan }
  /** Nothing was written: ask the user about `plan.conflicts`, then call again with `confirmOverwrite`. */
  | { readonly status: 'needs-confirmation'; readonly configPath: string; readonly plan: SsoProfilePlan };

/** Reads the current file and plans the write without changing anything (for a preview). */
export async function previewSsoProfileWrite(env: CoreEnvironment, request: SsoProfileRequest): Promise<{ configPath: string; existing: string | undefined; plan: SsoProfilePlan }> {
  const configPath = resolveAwsConfigPath(env);
  const existing = await readAwsConfigText(await resolveWriteTarget(configPath));
  return { configPath, existing, plan: planSsoProfileWrite(existing ?? '', request) };
}

/**
 * Writes the `[profile]` and `[sso-session]` sections for an IAM Identity Center
 * sign-in into the AWS config file (honouring AWS_CONFIG_FILE): read, plan and atomic
 * replace happen under a lock so two windows cannot interleave. Existing settings that
 * point elsewhere are only overwritten with `confirmOverwrite`.
 */
export async function writeSsoProfile(env: CoreEnvironment, request: SsoProfileRequest, options: SsoProfileWriteOptions = {}): Promise<SsoProfileWriteResult> {
  const logger = options.logger ?? silentLogger;
  const configPath = resolveAwsConfigPath(env);
  await ensureConfigFolder(configPath);
  const target = await resolveWriteTarget(configPath);

  const run = async (): Promise<SsoProfileWriteResult> => {
    const existing = await readAwsConfigText(target);
    const plan = planSsoProfileWrite(existing ?? '', request);
    if (plan.inconsistencies.length > 0) throw inconsistencyError(configPath, plan);
    if (plan.conflicts.length > 0 && options.confirmOverwrite !== true) {
      logger.info(`Not writing ${configPath} yet: ${describeConflicts(plan.conflicts)}`);
      return { status: 'needs-confirmation', configPath, plan };
    }
    if (!plan.changed) {
      logger.debug(`${configPath} already has profile ${plan.profile.name} and sso-session ${plan.session.name}; nothing to write.`);
      return { status: 'unchanged', configPath, plan };
    }
    await writeAwsConfigText(target, plan.text, existing !== undefined);
    logger.info(`Wrote profile ${plan.profile.name} and sso-session ${plan.session.name} to ${configPath}.`);
    for (const warning of plan.warnings) logger.warn(`${configPath}: ${warning.detail}${warning.line !== undefined ? ` (line ${warning.line + 1})` : ''}.`);
    return { status: 'written', configPath, plan };
  };

  try {
    return await withFileLock(`${target}.lock`, run);
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw writeError(error, target);
  }
}

/** One sentence listing what would be overwritten, for a confirmation prompt or the CLI. */
export function describeConflicts(conflicts: readonly ConfigConflict[]): string {
  const parts = conflicts.map((conflict) => `[${conflict.section}] ${conflict.key} is "${conflict.existing}" (would become "${conflict.requested}")`);
  return `existing settings would be overwritten: ${parts.join('; ')}.`;
}

function inconsistencyError(configPath: string, plan: SsoProfilePlan): UserFacingError {
  const keys = plan.inconsistencies.map((item: SessionInconsistency) => `${item.key} ("${item.profileValue}" in the profile, "${item.sessionValue}" in the session)`).join(', ');
  return new UserFacingError(
    `The AWS CLI would refuse profile ${plan.profile.name} in ${configPath} because ${keys} differ between [${plan.profile.header}] and [${plan.session.header}]. Remove the key from one of the two sections (or make the values equal), then try again.`,
    'aws-config.inconsistent-session',
  );
}
