import type { ClaudeTier } from '../claudeTiers/claudeTiers';
import type { ProfileSelection } from '../discovery/selectProfiles';
import type { DesiredClaudeSettings } from './settingsPlan';
import { tierModelLabel } from './tierModelLabels';

/**
 * The Claude Code settings for a settled discovery: the primary profile as
 * `ANTHROPIC_MODEL`, one `ANTHROPIC_DEFAULT_<TIER>_MODEL` per tier that has a profile (so
 * background Haiku calls are attributed to the developer too) labelled for `/model` with the
 * model behind it, and the profile's region,
 * since Claude Code sends every call to its one `AWS_REGION`.
 */
export function settingsForSelection(selection: Extract<ProfileSelection, { kind: 'selected' }>, awsProfile: string, awsAuthRefresh: string): DesiredClaudeSettings {
  return {
    awsProfile,
    awsRegion: selection.region,
    primaryModelArn: selection.primary.arn,
    tierModels: Object.fromEntries(Object.entries(selection.byTier).map(([tier, candidate]) => [tier, candidate.arn])),
    tierLabels: Object.fromEntries(Object.entries(selection.byTier).map(([tier, candidate]) => [tier, tierModelLabel(tier as ClaudeTier, candidate)])),
    awsAuthRefresh,
  };
}
