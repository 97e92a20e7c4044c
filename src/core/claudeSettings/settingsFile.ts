import * as fs from 'node:fs/promises';
import { pathExists } from '../files/pathExists';
import * as path from 'node:path';
import { ensurePrivateDirectory, isNotFound, writeFileAtomic } from '../files/atomicWrite';
import { withFileLock } from '../files/fileLock';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import { silentLogger, type Logger } from '../runtime/logger';
import { UserFacingError, isUserFacingError } from '../runtime/userFacingError';
import { userClaudeSettingsPath } from './claudeSettingsPaths';
import { describeFileError } from './fileErrors';
import { isSecretLookingName } from './secretLookingNames';
import { requireSettingsObject } from './settingsDocument';
import { AWS_AUTH_REFRESH_KEY, planClaudeSettings, type ClaudeSettingsPlan, type DesiredClaudeSettings } from './settingsPlan';
import { readWrittenValues, saveWrittenValues } from './writtenValuesRecord';

/**
 * Reading and writing the user's Claude Code settings file (`CLAUDE_CONFIG_DIR` or
 * `~/.claude`, `settings.json`).
 *
 * The one backup is `settings.json.bedrock-onboarding.bak`. Claude Code keeps its own
 * backups elsewhere (`~/.claude/backups/`, `~/.claude.json.backup.<time>`), and a plain
 * `settings.json.bak` is the name people and other tools pick for their own copy, which
 * we must not overwrite; a name carrying the product's name collides with neither.
 */

export function claudeSettingsBackupPath(settingsPath: string): string {
  return `${settingsPath}.bedrock-onboarding.bak`;
}

export type ClaudeSettingsSnapshot =
  | { readonly status: 'missing'; readonly filePath: string }
  | { readonly status: 'invalid'; readonly filePath: string; readonly error: UserFacingError }
  | {
      readonly status: 'ok';
      readonly filePath: string;
      /** String values of `env`, except those whose names look like credentials. */
      readonly env: Readonly<Record<string, string>>;
      /** Names present in `env` whose values were withheld because they look like credentials. */
      readonly withheldEnvNames: readonly string[];
      readonly awsAuthRefresh: string | undefined;
    };

/** What the user's settings file says now, for the setup check; never throws for file content. */
export async function readClaudeSettings(environment: Pick<CoreEnvironment, 'homeDir' | 'env'>): Promise<ClaudeSettingsSnapshot> {
  const filePath = userClaudeSettingsPath(environment);
  let text: string | undefined;
  try {
    text = await readSettingsText(filePath);
  } catch (error) {
    if (isUserFacingError(error)) return { status: 'invalid', filePath, error };
    throw error;
  }
  if (text === undefined) return { status: 'missing', filePath };
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { status: 'ok', filePath, env: {}, withheldEnvNames: [], awsAuthRefresh: undefined };
  let parsed: ReturnType<typeof requireSettingsObject>;
  try {
    parsed = requireSettingsObject(body, filePath);
  } catch (error) {
    if (isUserFacingError(error)) return { status: 'invalid', filePath, error };
    throw error;
  }
  const env: Record<string, string> = {};
  const withheldEnvNames: string[] = [];
  for (const property of parsed.env?.children ?? []) {
    const [nameNode, valueNode] = property.children ?? [];
    if (typeof nameNode?.value !== 'string' || typeof valueNode?.value !== 'string') continue;
    if (isSecretLookingName(nameNode.value)) withheldEnvNames.push(nameNode.value);
    else env[nameNode.value] = valueNode.value;
  }
  const refresh = parsed.root.children?.find((property) => property.children?.[0]?.value === AWS_AUTH_REFRESH_KEY)?.children?.[1];
  const awsAuthRefresh = typeof refresh?.value === 'string' ? refresh.value : undefined;
  return { status: 'ok', filePath, env, withheldEnvNames, awsAuthRefresh };
}

/** Reads the user's settings file and plans the change; refuses (without writing) if it cannot be parsed. */
export async function planClaudeSettingsFile(environment: Pick<CoreEnvironment, 'homeDir' | 'env'>, desired: DesiredClaudeSettings): Promise<ClaudeSettingsPlan> {
  const filePath = userClaudeSettingsPath(environment);
  const existing = await readSettingsText(filePath);
  return planClaudeSettings(existing, desired, { filePath, previouslyWritten: await readWrittenValues(filePath) });
}

export interface ClaudeSettingsWriteResult {
  readonly written: boolean;
  readonly filePath: string;
  /** Set when a previous file existed and was copied here first. */
  readonly backupPath?: string;
}

export const SETTINGS_CHANGED_CODE = 'claude-settings.changed-since-plan';
export const SETTINGS_WRITE_FAILED_CODE = 'claude-settings.write-failed';
export const SETTINGS_READ_ONLY_CODE = 'claude-settings.read-only';

/**
 * Writes a plan made by `planClaudeSettingsFile` (or `planClaudeSettings` with the same
 * path): atomically, after one backup, keeping the file's permissions, and only if the
 * file still holds exactly what the plan was made from (the user approved that diff).
 */
export async function writeClaudeSettings(
  environment: Pick<CoreEnvironment, 'homeDir' | 'env'>,
  plan: Pick<ClaudeSettingsPlan, 'filePath' | 'before' | 'after' | 'changed' | 'changedKeys' | 'writtenAfter'>,
  options: { readonly logger?: Logger } = {},
): Promise<ClaudeSettingsWriteResult> {
  const logger = options.logger ?? silentLogger;
  const filePath = plan.filePath;
  if (!plan.changed) {
    logger.debug(`Claude Code settings ${filePath} already up to date; nothing written.`);
    return { written: false, filePath };
  }
  if (path.resolve(filePath) !== path.resolve(userClaudeSettingsPath(environment))) {
    logger.debug(`Writing Claude Code settings to ${filePath}, which is not the user settings file of this environment.`);
  }
  // A settings file linked into a dotfiles repository stays a link: we write its target.
  const target = await realPathIfExists(filePath);
  const directory = path.dirname(target);
  try {
    if (!(await pathExists(directory))) await ensurePrivateDirectory(directory);
    return await withFileLock(`${target}.bedrock-onboarding.lock`, async () => {
      const current = await readSettingsText(target);
      if (current !== plan.before) {
        throw new UserFacingError(
          `${filePath} changed after the proposed change was prepared, so nothing was written. Review the change again and confirm it.`,
          SETTINGS_CHANGED_CODE,
        );
      }
      if (current !== undefined) await refuseReadOnly(target, filePath);
      const backupPath = current === undefined ? undefined : claudeSettingsBackupPath(target);
      await writeFileAtomic(target, plan.after, backupPath ? { backupPath } : { mode: 0o600 });
      await saveWrittenValues(target, plan.writtenAfter);
      logger.info(`Updated Claude Code settings ${filePath} (${plan.changedKeys.join(', ')}).`);
      return backupPath ? { written: true, filePath, backupPath } : { written: true, filePath };
    });
  } catch (error) {
    if (isUserFacingError(error)) throw error;
    throw new UserFacingError(
      `Could not write ${filePath}: ${describeFileError(error)}. Your settings were not changed; make sure ${directory} is a folder you can write to and try again.`,
      SETTINGS_WRITE_FAILED_CODE,
      { cause: error },
    );
  }
}

async function readSettingsText(filePath: string): Promise<string | undefined> {
  try {
    return await fs.readFile(filePath, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw new UserFacingError(
      `Could not read ${filePath}: ${describeFileError(error)}. Nothing was changed; make sure it is a file you can read and try again.`,
      'claude-settings.unreadable',
      { cause: error },
    );
  }
}

/**
 * An atomic write replaces the file by renaming over it, which a read-only file does not
 * stop; the owner's write bit is the user's (or their dotfiles manager's) "do not change
 * this", so it is honoured rather than silently bypassed.
 */
async function refuseReadOnly(target: string, filePath: string): Promise<void> {
  const stats = await fs.stat(target);
  if ((stats.mode & 0o200) !== 0) return;
  throw new UserFacingError(
    `${filePath} is read-only, so it was left as it is. Make it writable (for example chmod u+w "${filePath}") and try again, or add the settings shown yourself.`,
    SETTINGS_READ_ONLY_CODE,
  );
}

async function realPathIfExists(filePath: string): Promise<string> {
  try {
    return await fs.realpath(filePath);
  } catch {
    return filePath;
  }
}

