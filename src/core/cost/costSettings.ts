import type { CostSource as CostSourceSetting } from '../orgDefaults/orgDefaults';
import type { CostSource } from './monthToDate';

/** The setting spells it `costExplorer` (a settings enum); the report's JSON says `cost-explorer`. */
export function costSourceFromSetting(setting: CostSourceSetting | undefined): CostSource {
  switch (setting) {
    case 'costExplorer':
      return 'cost-explorer';
    case 'local':
    case 'off':
      return setting;
    default:
      return 'auto';
  }
}

const HOUR_MS = 60 * 60 * 1000;
/** Cost Explorer updates a few times a day: refreshing more often than hourly only costs money. */
const MIN_REFRESH_HOURS = 1;
export const DEFAULT_COST_REFRESH_HOURS = 6;

export function refreshIntervalMs(hours: number | undefined): number {
  const valid = hours !== undefined && Number.isFinite(hours) ? Math.max(MIN_REFRESH_HOURS, hours) : DEFAULT_COST_REFRESH_HOURS;
  return valid * HOUR_MS;
}
