import type { CostSettingsInput } from '../../core/cost/costReportOptions';
import type { ExtensionSettings } from '../settings/extensionSettings';

/** The status bar and Set Up read the cost settings through this one mapping, so they ask the same query. */
export function costSettingsInput(settings: ExtensionSettings): CostSettingsInput {
  const { effective, personal } = settings;
  return { effective, developerId: personal.developerId, inferenceProfileArn: personal.inferenceProfileArn, metric: personal.costMetric };
}
