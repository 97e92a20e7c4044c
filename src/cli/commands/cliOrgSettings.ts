import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { CoreEnvironment } from '../../core/runtime/coreEnvironment';
import type { Logger } from '../../core/runtime/logger';
import { BUILT_IN_SETTINGS } from '../../core/orgDefaults/builtInSettings';
import { resolveEffectiveSettings, type EffectiveSettings } from '../../core/orgDefaults/effectiveSettings';
import { loadOrgDefaults } from '../../core/orgDefaults/loadOrgDefaults';
import type { ProfileMapping } from '../../core/orgDefaults/orgDefaults';
import { checkOrgSetting } from '../../core/orgDefaults/orgSettingRules';

export interface CliOrgContext {
  /** Folder holding the packaged `org-defaults.json` (the package root). */
  readonly extensionRoot: string;
  /** Prefix of the machine-wide org file path, for tests; default `/`. */
  readonly machineRoot?: string;
}

export interface CliOrgSettings {
  readonly settings: EffectiveSettings;
  /** The mapping from `profileMapping`, or else read from `profileMappingFile`. */
  readonly profileMapping: ProfileMapping | undefined;
  /** Sentences about org files that were ignored. */
  readonly problems: readonly string[];
}

/**
 * The organisation's values as the CLI sees them: the packaged and machine-wide org files
 * over the built-in defaults. There are no user settings on the command line; flags play
 * that part, and each command applies its own.
 */
export async function loadCliOrgSettings(environment: CoreEnvironment, context: CliOrgContext, logger: Logger): Promise<CliOrgSettings> {
  const loaded = await loadOrgDefaults({
    extensionRoot: context.extensionRoot,
    platform: environment.platform,
    env: environment.env,
    logger,
    ...(context.machineRoot ? { machineRoot: context.machineRoot } : {}),
  });
  const settings = resolveEffectiveSettings({ builtIn: BUILT_IN_SETTINGS, org: loaded.defaults, user: {} });
  const problems = loaded.problems.map((p) => p.message);
  let profileMapping = settings.profileMapping.value;
  const mappingFile = settings.profileMappingFile.value;
  if (profileMapping === undefined && mappingFile !== undefined) {
    try {
      const checked = checkOrgSetting('profileMapping', JSON.parse(await fs.readFile(mappingFile, 'utf8')) as unknown, mappingFile);
      if (checked.ok) profileMapping = checked.value;
      else problems.push(`The inference profile mapping file ${mappingFile} was ignored: ${checked.problems.join('; ')}.`);
    } catch (error) {
      problems.push(`The inference profile mapping file ${mappingFile} could not be read (${error instanceof Error ? error.message : String(error)}), so it was ignored.`);
    }
  }
  return { settings, profileMapping, problems };
}

/** The package root (where package.json is) above the running script: `dist/` when bundled, `src/cli/commands/` from source. */
export function packageRootAbove(directory: string): string {
  for (let current = directory; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, 'package.json'))) return current;
    if (path.dirname(current) === current) return directory;
  }
}
