import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import {
  defaultClaudeConfigDir,
  managedClaudeSettingsLocation,
  projectClaudeSettingsPaths,
  resolveClaudeConfigDir,
  CLAUDE_SETTINGS_FILE_NAME,
} from '../claudeSettings/claudeSettingsPaths';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import type { BearerTokenSourceKind } from './bearerTokenFinding';

/**
 * Every file from which `AWS_BEARER_TOKEN_BEDROCK` can reach Claude Code, and how to
 * read each one.
 *
 * Files of every platform are listed whatever the platform: Git Bash reads `~/.bashrc`
 * on Windows, PowerShell 7 reads `~/.config/powershell` on Linux and macOS, and a file
 * that does not exist costs one failed stat.
 */

export type TargetFormat =
  | 'claude-settings-json'
  | 'managed-settings-json'
  | 'vscode-settings-json'
  | 'posix-shell'
  | 'csh'
  | 'fish'
  | 'fish-universal'
  | 'powershell'
  | 'dotenv';

export interface ScanTarget {
  readonly file: string;
  readonly format: TargetFormat;
  readonly kind: BearerTokenSourceKind;
  readonly source: string;
}

export interface ScanTargetOptions {
  readonly environment: CoreEnvironment;
  readonly workspaceFolders: readonly string[];
  /** VS Code user settings files (the VS Code layer knows where they are: profile, remote machine). */
  readonly vscodeSettingsFiles: readonly string[];
  /** Replaces the system managed-settings folder (tests). */
  readonly managedSettingsDirectory?: string;
}

const POSIX_HOME_FILES: readonly [string, string][] = [
  ['.profile', 'login shell start-up file'],
  ['.bashrc', 'bash start-up file'],
  ['.bash_profile', 'bash login start-up file'],
  ['.bash_login', 'bash login start-up file'],
  ['.bash_aliases', 'bash start-up file (sourced by .bashrc)'],
];
const ZSH_FILES: readonly [string, string][] = [
  ['.zshenv', 'zsh start-up file'],
  ['.zprofile', 'zsh login start-up file'],
  ['.zshrc', 'zsh start-up file'],
  ['.zlogin', 'zsh login start-up file'],
];
const CSH_FILES: readonly [string, string][] = [
  ['.cshrc', 'csh/tcsh start-up file'],
  ['.tcshrc', 'tcsh start-up file'],
  ['.login', 'csh/tcsh login start-up file'],
];

export async function listScanTargets(options: ScanTargetOptions): Promise<ScanTarget[]> {
  const { environment } = options;
  const home = environment.homeDir;
  const env = environment.env;
  const targets: ScanTarget[] = [];
  const add = (file: string, format: TargetFormat, kind: BearerTokenSourceKind, source: string): void => {
    targets.push({ file, format, kind, source });
  };

  for (const directory of unique([resolveClaudeConfigDir(environment), defaultClaudeConfigDir(environment)])) {
    add(path.join(directory, CLAUDE_SETTINGS_FILE_NAME), 'claude-settings-json', 'claude-settings', 'Claude Code user settings');
  }
  for (const folder of options.workspaceFolders) {
    const project = projectClaudeSettingsPaths(folder);
    add(project.shared, 'claude-settings-json', 'claude-settings', 'Claude Code project settings (shared with the team)');
    add(project.local, 'claude-settings-json', 'claude-settings', 'Claude Code project settings (local)');
  }
  const managed = managedClaudeSettingsLocation(environment.platform, { directoryOverride: options.managedSettingsDirectory });
  add(managed.file, 'managed-settings-json', 'managed-settings', 'Claude Code managed settings');
  for (const file of await listDirectory(managed.dropInDirectory, (name) => name.endsWith('.json') && !name.startsWith('.'))) {
    add(file, 'managed-settings-json', 'managed-settings', 'Claude Code managed settings (drop-in)');
  }
  for (const file of managed.legacyFiles) {
    add(file, 'managed-settings-json', 'managed-settings', 'Claude Code managed settings (location read by older Claude Code releases)');
  }

  for (const [name, source] of POSIX_HOME_FILES) add(path.join(home, name), 'posix-shell', 'shell-startup', source);
  for (const directory of unique([home, env['ZDOTDIR'] ?? home])) {
    for (const [name, source] of ZSH_FILES) add(path.join(directory, name), 'posix-shell', 'shell-startup', source);
  }
  for (const [name, source] of CSH_FILES) add(path.join(home, name), 'csh', 'shell-startup', source);

  const configHome = env['XDG_CONFIG_HOME'] || path.join(home, '.config');
  const fishDirectory = path.join(configHome, 'fish');
  add(path.join(fishDirectory, 'config.fish'), 'fish', 'shell-startup', 'fish configuration');
  for (const file of await listDirectory(path.join(fishDirectory, 'conf.d'), (name) => name.endsWith('.fish'))) {
    add(file, 'fish', 'shell-startup', 'fish configuration snippet');
  }
  add(path.join(fishDirectory, 'fish_variables'), 'fish-universal', 'fish-universal-variables', 'fish universal variables');

  const profileDirectories = [path.join(configHome, 'powershell'), path.join(home, 'Documents', 'PowerShell'), path.join(home, 'Documents', 'WindowsPowerShell')];
  // Windows often moves Documents into OneDrive, and PowerShell follows it there.
  const oneDrive = env['OneDrive'] ?? env['ONEDRIVE'];
  if (oneDrive) profileDirectories.push(path.join(oneDrive, 'Documents', 'PowerShell'), path.join(oneDrive, 'Documents', 'WindowsPowerShell'));
  for (const directory of unique(profileDirectories)) {
    for (const file of await listDirectory(directory, (name) => name.toLowerCase().endsWith('profile.ps1'))) {
      add(file, 'powershell', 'shell-startup', 'PowerShell profile');
    }
  }

  for (const file of options.vscodeSettingsFiles) add(file, 'vscode-settings-json', 'vscode-terminal-env', 'VS Code user settings');
  for (const folder of options.workspaceFolders) {
    add(path.join(folder, '.vscode', 'settings.json'), 'vscode-settings-json', 'vscode-terminal-env', 'VS Code workspace settings');
    add(path.join(folder, '.env'), 'dotenv', 'dotenv', 'workspace .env file');
    add(path.join(folder, '.env.local'), 'dotenv', 'dotenv', 'workspace .env file');
  }

  const seen = new Set<string>();
  return targets.filter((target) => {
    const key = path.resolve(target.file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => path.resolve(value)))];
}

async function listDirectory(directory: string, accept: (name: string) => boolean): Promise<string[]> {
  try {
    const names = await fs.readdir(directory);
    return names.filter(accept).sort().map((name) => path.join(directory, name));
  } catch {
    return [];
  }
}
