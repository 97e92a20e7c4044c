import { CLAUDE_TIERS, type ClaudeTier } from '../claudeTiers/claudeTiers';
import type { PriceOverrides } from '../cost/priceTable';

/** Where Claude usage cost comes from: Cost Explorer, local transcripts, both (auto), or nowhere. */
export type CostSource = 'auto' | 'costExplorer' | 'local' | 'off';
export const COST_SOURCES: readonly CostSource[] = ['auto', 'costExplorer', 'local', 'off'];

/** The Claude tiers an admin can map to application inference profiles: every tier Claude Code knows. */
export type ProfileTier = ClaudeTier;
export const PROFILE_TIERS: readonly ProfileTier[] = CLAUDE_TIERS;

/**
 * Developer id (the value of the developer tag) → tier → application inference profile ARN.
 * The same shape `bedrock-onboard admin create-profiles` writes, so its output can be
 * handed to developers as it is.
 */
export type ProfileMapping = Readonly<Record<string, Readonly<Partial<Record<ProfileTier, string>>>>>;

/**
 * The values an organisation can preset. Each name is also the name of an extension
 * setting (`bedrockOnboarding.<name>`), so a user's own setting, the org value and the
 * built-in default can be compared name by name, and `locked` can list them.
 */
export interface OrgSettings {
  /** IAM Identity Center access portal URL (`sso_start_url`). */
  readonly ssoStartUrl: string;
  /** Region of the Identity Center instance (`sso_region`). */
  readonly ssoRegion: string;
  /** Name of the `[sso-session NAME]` section written to the AWS config file. */
  readonly ssoSessionName: string;
  /** Name of the `[profile NAME]` section, and the `AWS_PROFILE` Claude Code uses. */
  readonly profileName: string;
  readonly accountId: string;
  /** Permission set name as the access portal shows it. */
  readonly roleName: string;
  /** Bedrock regions developers may use; an empty list is not allowed (omit the field instead). */
  readonly allowedRegions: readonly string[];
  /** The Bedrock region (`AWS_REGION` for Claude Code) when the developer picks none. */
  readonly defaultRegion: string;
  /** Tag key naming the developer on application inference profiles and cost lines. */
  readonly developerTagKey: string;
  /** Tag key naming the team. */
  readonly teamTagKey: string;
  readonly profileMapping: ProfileMapping;
  /** Local path of a JSON file in the `profileMapping` shape; relative paths are against the org file's folder. */
  readonly profileMappingFile: string;
  /**
   * How `admin create-profiles` names developer profiles, with `{tier}` and `{developerId}`;
   * discovery examines only the listed profiles whose names follow it for the developer.
   */
  readonly profileNamePattern: string;
  /** USD per calendar month; the status bar colours against it. */
  readonly monthlyBudget: number;
  readonly costSource: CostSource;
  /** Minimum hours between two Cost Explorer refreshes (each request is billed). */
  readonly costRefreshHours: number;
  readonly priceOverrides: PriceOverrides;
  /** Whether the optional, billed 1-token probe may be offered. */
  readonly probeAllowed: boolean;
  /** The oldest Claude Code release developers may run (`major.minor.patch`); the setup check fails below it. */
  readonly minimumClaudeCodeVersion: string;
}

export type OrgSettingName = keyof OrgSettings;

/** In the order the schema and the documentation list them. */
export const ORG_SETTING_NAMES: readonly OrgSettingName[] = [
  'ssoStartUrl',
  'ssoRegion',
  'ssoSessionName',
  'profileName',
  'accountId',
  'roleName',
  'allowedRegions',
  'defaultRegion',
  'developerTagKey',
  'teamTagKey',
  'profileMapping',
  'profileMappingFile',
  'profileNamePattern',
  'monthlyBudget',
  'costSource',
  'costRefreshHours',
  'priceOverrides',
  'probeAllowed',
  'minimumClaudeCodeVersion',
];

/** An organisation defaults file (`org-defaults.json`): any subset of the settings, plus bookkeeping. */
export interface OrgDefaults extends Partial<OrgSettings> {
  /** Editors use it to find the JSON schema; ignored otherwise. */
  readonly $schema?: string;
  /** Short lowercase name of the organisation; shown in the UI and used in the packaged version. */
  readonly organization?: string;
  /** Settings whose organisation value wins over the user's own. */
  readonly locked?: readonly OrgSettingName[];
}

/** Every top-level field an org defaults file may hold. */
export const ORG_DEFAULTS_FIELDS: readonly (keyof OrgDefaults)[] = ['$schema', 'organization', ...ORG_SETTING_NAMES, 'locked'];

export function isOrgSettingName(name: string): name is OrgSettingName {
  return (ORG_SETTING_NAMES as readonly string[]).includes(name);
}
