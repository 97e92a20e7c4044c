import type { OrgSettings } from './orgDefaults';

/**
 * What the extension uses when neither the organisation nor the user says otherwise.
 * Settings with no sensible universal value (start URL, account, role, budget, mapping)
 * have none: the UI asks for them.
 */
export const BUILT_IN_SETTINGS: Readonly<Partial<OrgSettings>> = {
  ssoRegion: 'us-east-1',
  ssoSessionName: 'claude-code',
  profileName: 'claude-code',
  defaultRegion: 'us-east-1',
  developerTagKey: 'DeveloperId',
  teamTagKey: 'Team',
  profileNamePattern: 'claude-code-{tier}-{developerId}',
  costSource: 'auto',
  costRefreshHours: 6,
  probeAllowed: false,
};
