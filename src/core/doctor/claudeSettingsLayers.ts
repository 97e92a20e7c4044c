import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { managedClaudeSettingsLocation, projectClaudeSettingsPaths, userClaudeSettingsPath } from '../claudeSettings/claudeSettingsPaths';
import type { CoreEnvironment } from '../runtime/coreEnvironment';

/**
 * Claude Code's settings files in its own order of precedence, highest first: managed
 * (`managed-settings.json` and its `managed-settings.d` drop-ins; they cannot be
 * overridden) > command line (`--settings`, one session only, so not visible here) > local
 * project (`.claude/settings.local.json`) > shared project (`.claude/settings.json`) > user
 * (`~/.claude/settings.json`, the file Set Up writes). Order from Claude Code's settings
 * documentation, https://code.claude.com/docs/en/settings#settings-precedence; layers
 * merge key by key, so a key a higher file does not set falls through to a lower one.
 * MDM sources (macOS plist, Windows registry) and server-managed settings are not files
 * this can read; a managed value from them is reported by Claude Code's `/status`.
 */

export type SettingsScope = 'managed' | 'local' | 'project' | 'user';

export interface SettingsLayer {
  readonly scope: SettingsScope;
  readonly file: string;
  /** String values of `env`. */
  readonly env: Readonly<Record<string, string>>;
  /** Top-level string settings (`awsAuthRefresh`, …). */
  readonly top: Readonly<Record<string, string>>;
}

export interface SettingsLayerOptions {
  /** Open workspace folders: each may have project and local settings. */
  readonly workspaceFolders?: readonly string[];
  /** Replaces the system managed-settings folder (tests). */
  readonly managedSettingsDirectory?: string;
}

export async function readSettingsLayers(environment: Pick<CoreEnvironment, 'homeDir' | 'env' | 'platform'>, options: SettingsLayerOptions = {}): Promise<SettingsLayer[]> {
  const managed = managedClaudeSettingsLocation(environment.platform, options.managedSettingsDirectory === undefined ? {} : { directoryOverride: options.managedSettingsDirectory });
  // Drop-ins are merged over the base file in name order, so the last name wins.
  const dropIns = (await listJson(managed.dropInDirectory)).reverse();
  const candidates: [SettingsScope, string][] = [
    ...dropIns.map((file): [SettingsScope, string] => ['managed', file]),
    ['managed', managed.file],
    ...(options.workspaceFolders ?? []).flatMap((folder): [SettingsScope, string][] => {
      const paths = projectClaudeSettingsPaths(folder);
      return [['local', paths.local], ['project', paths.shared]];
    }),
    ['user', userClaudeSettingsPath(environment)],
  ];
  const layers: SettingsLayer[] = [];
  for (const [scope, file] of candidates) {
    const layer = await readLayer(scope, file);
    if (layer) layers.push(layer);
  }
  return layers;
}

/** The value Claude Code uses for an `env` key, and the layer it comes from. */
export function effectiveEnv(layers: readonly SettingsLayer[], name: string): { readonly value: string; readonly layer: SettingsLayer } | undefined {
  for (const layer of layers) {
    const value = layer.env[name];
    if (value !== undefined) return { value, layer };
  }
  return undefined;
}

export function effectiveTop(layers: readonly SettingsLayer[], name: string): { readonly value: string; readonly layer: SettingsLayer } | undefined {
  for (const layer of layers) {
    const value = layer.top[name];
    if (value !== undefined) return { value, layer };
  }
  return undefined;
}

async function readLayer(scope: SettingsScope, file: string): Promise<SettingsLayer | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  // A file Claude Code cannot parse contributes nothing; the settings check reports the user's own.
  const value: unknown = parse(text, [], { allowTrailingComma: true });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const envValue = record['env'];
  const env = typeof envValue === 'object' && envValue !== null && !Array.isArray(envValue) ? strings(envValue as Record<string, unknown>) : {};
  return { scope, file, env, top: strings(record) };
}

function strings(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

async function listJson(directory: string): Promise<string[]> {
  try {
    const names = await fs.readdir(directory);
    return names.filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort().map((name) => path.join(directory, name));
  } catch {
    return [];
  }
}
