import * as path from 'node:path';
import type { CoreEnvironment } from '../runtime/coreEnvironment';

/**
 * Where Claude Code keeps its settings files.
 *
 * Managed-settings locations are the ones Claude Code's documentation gives for
 * file-based policy: macOS `/Library/Application Support/ClaudeCode/`, Linux and WSL
 * `/etc/claude-code/`, Windows `C:\Program Files\ClaudeCode\`, each holding
 * `managed-settings.json` plus an optional `managed-settings.d/*.json` drop-in folder.
 * Older Claude Code releases read `C:\ProgramData\ClaudeCode\managed-settings.json` on
 * Windows; newer ones no longer do, but a file left there still matters to anyone on an
 * older release, so it is listed as a legacy location.
 */

export const CLAUDE_SETTINGS_FILE_NAME = 'settings.json';
export const CLAUDE_LOCAL_SETTINGS_FILE_NAME = 'settings.local.json';
export const MANAGED_SETTINGS_FILE_NAME = 'managed-settings.json';
export const MANAGED_SETTINGS_DROP_IN_DIRECTORY_NAME = 'managed-settings.d';

/** `CLAUDE_CONFIG_DIR` when set (as Claude Code does), else `~/.claude`. */
export function resolveClaudeConfigDir(environment: Pick<CoreEnvironment, 'homeDir' | 'env'>): string {
  const configured = environment.env['CLAUDE_CONFIG_DIR']?.trim();
  if (!configured) return defaultClaudeConfigDir(environment);
  // A shell expands `~` before Claude Code sees it; a value set in a GUI or a settings UI
  // may not have been expanded, and it can only have meant the home directory.
  if (configured === '~') return environment.homeDir;
  if (configured.startsWith('~/') || configured.startsWith('~\\')) return path.join(environment.homeDir, configured.slice(2));
  // A relative value would be resolved against whatever directory Claude Code starts in,
  // which nobody can know here; the home directory is the only stable anchor.
  return path.isAbsolute(configured) ? configured : path.join(environment.homeDir, configured);
}

export function defaultClaudeConfigDir(environment: Pick<CoreEnvironment, 'homeDir'>): string {
  return path.join(environment.homeDir, '.claude');
}

/** The user settings file Claude Code reads: `<config dir>/settings.json`. */
export function userClaudeSettingsPath(environment: Pick<CoreEnvironment, 'homeDir' | 'env'>): string {
  return path.join(resolveClaudeConfigDir(environment), CLAUDE_SETTINGS_FILE_NAME);
}

export interface ProjectClaudeSettingsPaths {
  /** `.claude/settings.json`: shared with the team through version control. */
  readonly shared: string;
  /** `.claude/settings.local.json`: the developer's own, git-ignored. */
  readonly local: string;
}

export function projectClaudeSettingsPaths(workspaceFolder: string): ProjectClaudeSettingsPaths {
  const directory = path.join(workspaceFolder, '.claude');
  return { shared: path.join(directory, CLAUDE_SETTINGS_FILE_NAME), local: path.join(directory, CLAUDE_LOCAL_SETTINGS_FILE_NAME) };
}

export interface ManagedClaudeSettingsLocation {
  readonly directory: string;
  /** `managed-settings.json` in `directory`. */
  readonly file: string;
  /** `managed-settings.d` in `directory`: `*.json` fragments merged in name order. */
  readonly dropInDirectory: string;
  /** Files older Claude Code releases read and newer ones ignore. */
  readonly legacyFiles: readonly string[];
}

export interface ManagedSettingsOptions {
  /** Replaces the system directory (tests, or an unusual install); no legacy files then. */
  readonly directoryOverride?: string;
}

export function managedClaudeSettingsLocation(platform: NodeJS.Platform, options: ManagedSettingsOptions = {}): ManagedClaudeSettingsLocation {
  if (options.directoryOverride !== undefined) {
    const directory = options.directoryOverride;
    return {
      directory,
      file: path.join(directory, MANAGED_SETTINGS_FILE_NAME),
      dropInDirectory: path.join(directory, MANAGED_SETTINGS_DROP_IN_DIRECTORY_NAME),
      legacyFiles: [],
    };
  }
  switch (platform) {
    case 'darwin':
      return posixLocation('/Library/Application Support/ClaudeCode');
    case 'win32': {
      const directory = 'C:\\Program Files\\ClaudeCode';
      return {
        directory,
        file: path.win32.join(directory, MANAGED_SETTINGS_FILE_NAME),
        dropInDirectory: path.win32.join(directory, MANAGED_SETTINGS_DROP_IN_DIRECTORY_NAME),
        legacyFiles: [path.win32.join('C:\\ProgramData\\ClaudeCode', MANAGED_SETTINGS_FILE_NAME)],
      };
    }
    default:
      return posixLocation('/etc/claude-code');
  }
}

function posixLocation(directory: string): ManagedClaudeSettingsLocation {
  return {
    directory,
    file: path.posix.join(directory, MANAGED_SETTINGS_FILE_NAME),
    dropInDirectory: path.posix.join(directory, MANAGED_SETTINGS_DROP_IN_DIRECTORY_NAME),
    legacyFiles: [],
  };
}
