import { ORG_SETTING_NAMES, type OrgDefaults, type OrgSettingName, type OrgSettings } from './orgDefaults';
import { checkOrgSetting } from './orgSettingRules';

/** Who decided a setting's value: the user, the organisation, the extension, or nobody yet. */
export type SettingSource = 'user' | 'organization' | 'builtIn' | 'unset';

export interface EffectiveSetting<T> {
  readonly value: T | undefined;
  readonly source: SettingSource;
  /** The organisation locked it: the user's own value, if any, is ignored. */
  readonly locked: boolean;
  /**
   * Why the user's own value is not the one in force, for the settings UI:
   * `locked` (the organisation fixed it), `invalid` (it breaks the setting's rule),
   * `not-allowed` (a default region outside the allowed regions).
   */
  readonly userValueIgnored?: 'locked' | 'invalid' | 'not-allowed';
  /** The sentence explaining `userValueIgnored`, naming the setting. */
  readonly problem?: string;
}

export type EffectiveSettings = { readonly [K in OrgSettingName]: EffectiveSetting<OrgSettings[K]> };

export interface SettingLayers {
  readonly builtIn: Readonly<Partial<OrgSettings>>;
  readonly org: OrgDefaults;
  /**
   * The user's own values only: VS Code's `inspect(name).globalValue` for each setting,
   * never a workspace value (a cloned repository must not redirect sign-in). `undefined`,
   * `null` and `""` mean "not set".
   */
  readonly user: Readonly<Partial<Record<OrgSettingName, unknown>>>;
}

/**
 * Each setting's value and where it came from. Precedence: the user's own value, unless
 * the organisation locked the setting; then the organisation's; then the built-in default.
 * User values are checked with the same rules as the org file; a bad one is ignored (and
 * said so) rather than breaking sign-in.
 */
export function resolveEffectiveSettings(layers: SettingLayers): EffectiveSettings {
  const locked = new Set<OrgSettingName>(layers.org.locked ?? []);
  const resolved = {} as Record<OrgSettingName, EffectiveSetting<unknown>>;
  for (const name of ORG_SETTING_NAMES) {
    resolved[name] = resolveOne(name, layers, locked.has(name));
  }
  enforceAllowedDefaultRegion(resolved, layers, locked.has('defaultRegion'));
  return resolved as unknown as EffectiveSettings;
}

function resolveOne(name: OrgSettingName, layers: SettingLayers, locked: boolean): EffectiveSetting<unknown> {
  const fallback = orgOrBuiltIn(name, layers, locked);
  const raw = layers.user[name];
  if (raw === undefined || raw === null || raw === '') return fallback;
  if (locked) {
    return { ...fallback, userValueIgnored: 'locked', problem: `Your setting ${name} is ignored because your organisation has locked it.` };
  }
  const checked = checkOrgSetting(name, raw);
  if (!checked.ok) {
    return { ...fallback, userValueIgnored: 'invalid', problem: `Your setting ${checked.problems.join('; ')}, so it is ignored; correct or remove it in your user settings.` };
  }
  return { value: checked.value, source: 'user', locked: false };
}

function orgOrBuiltIn(name: OrgSettingName, layers: SettingLayers, locked: boolean): EffectiveSetting<unknown> {
  const orgValue = layers.org[name];
  if (orgValue !== undefined) return { value: orgValue, source: 'organization', locked };
  const builtIn = layers.builtIn[name];
  if (builtIn !== undefined) return { value: builtIn, source: 'builtIn', locked };
  return { value: undefined, source: 'unset', locked };
}

/**
 * The default region must be an allowed one whatever layer each came from (the org file
 * is checked for this, but a user can set either, and the built-in default knows nothing
 * of the organisation's regions).
 */
function enforceAllowedDefaultRegion(resolved: Record<OrgSettingName, EffectiveSetting<unknown>>, layers: SettingLayers, locked: boolean): void {
  const allowed = resolved.allowedRegions.value as readonly string[] | undefined;
  const current = resolved.defaultRegion;
  if (!allowed || allowed.length === 0 || (typeof current.value === 'string' && allowed.includes(current.value))) return;
  if (current.source === 'user') {
    const fallback = orgOrBuiltIn('defaultRegion', layers, locked);
    const problem = `Your setting defaultRegion ${JSON.stringify(current.value)} is not one of the allowed regions (${allowed.join(', ')}), so it is ignored.`;
    if (typeof fallback.value === 'string' && allowed.includes(fallback.value)) {
      resolved.defaultRegion = { ...fallback, userValueIgnored: 'not-allowed', problem };
      return;
    }
    resolved.defaultRegion = { value: allowed[0], source: resolved.allowedRegions.source, locked, userValueIgnored: 'not-allowed', problem };
    return;
  }
  resolved.defaultRegion = { ...current, value: allowed[0], source: resolved.allowedRegions.source };
}
