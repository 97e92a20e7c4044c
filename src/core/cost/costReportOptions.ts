import type { EffectiveSettings } from '../orgDefaults/effectiveSettings';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import type { Logger } from '../runtime/logger';
import type { ChosenInferenceProfiles } from '../setup/setupState';
import { readSetupState } from '../setup/setupState';
import type { BilledCost } from './billedCost';
import { billedCostQueryKey, type BilledCostQuery } from './billedCostQuery';
import { configuredClaudeModel } from './claudeModelSetting';
import type { CostReportOptions } from './costReport';
import { costSourceFromSetting, refreshIntervalMs } from './costSettings';
import type { CostSource } from './monthToDate';
import { defaultPriceTable, withPriceOverrides, type PriceTable } from './priceTable';
import { transcriptProjectsDir } from './transcriptLocation';

/** The settings that decide what cost is shown and how Cost Explorer is asked. */
export interface CostSettingsInput {
  readonly effective: Pick<EffectiveSettings, 'profileName' | 'developerTagKey' | 'defaultRegion' | 'costSource' | 'priceOverrides' | 'monthlyBudget' | 'costRefreshHours'>;
  /** `--profile` on the command line; the effective `profileName` otherwise. */
  readonly profileName?: string | undefined;
  /** The developer's `developerId` setting (or `--developer-id`). */
  readonly developerId?: string | undefined;
  /** The developer's `inferenceProfileArn` setting. */
  readonly inferenceProfileArn?: string | undefined;
  /** The developer's `costMetric` setting. */
  readonly metric?: string | undefined;
}

/** What is known on this machine about which inference profile (and so which tag) is the developer's. */
export interface DeveloperCostHints {
  /** `env.ANTHROPIC_MODEL` in Claude Code's user settings. */
  readonly claudeModel?: string | undefined;
  /** The profile Set Up chose (kept in its state file even before Claude Code's settings are written). */
  readonly chosen?: ChosenInferenceProfiles | undefined;
}

export interface DeveloperCostPlan {
  readonly source: CostSource;
  readonly query: BilledCostQuery;
  /** Names the query in the shared Cost Explorer cache. */
  readonly queryKey: string;
  /** The same query's key once the developer's tag value is known (the cache files its answers under both). */
  readonly keyForTagValue: (tagValue: string) => string;
  readonly prices: PriceTable;
  readonly budget: number | undefined;
  readonly refreshIntervalMs: number;
}

/**
 * The one place the status bar, Set Up and the CLI turn settings into a cost query. The
 * cache key must come out the same for all of them, or each would pay for its own Cost
 * Explorer request: so a tag value Set Up already read from the chosen profile names the
 * developer whether or not `ANTHROPIC_MODEL` has been written yet.
 */
export function developerCostPlan(settings: CostSettingsInput, hints: DeveloperCostHints): DeveloperCostPlan {
  const DEFAULT_PROFILE = 'claude-code';
  const DEFAULT_TAG_KEY = 'DeveloperId';
  const DEFAULT_REGION = 'us-east-1';
  const DEFAULT_METRIC = 'UnblendedCost';
  const { effective } = settings;
  const profile = settings.profileName ?? effective.profileName.value ?? DEFAULT_PROFILE;
  const chosen = hints.chosen?.awsProfile === profile ? hints.chosen : undefined;
  const inferenceProfileArn = settings.inferenceProfileArn ?? hints.claudeModel ?? chosen?.primaryArn;
  // The tag Set Up read from the very profile in use is what resolving it again would find.
  const chosenTagValue = chosen && chosen.primaryArn === inferenceProfileArn ? chosen.developerId : undefined;
  const query: BilledCostQuery = {
    profile,
    tagKey: effective.developerTagKey.value ?? DEFAULT_TAG_KEY,
    // The tag on the developer's own profile is what their cost carries: it wins over the setting.
    configuredTagValue: chosenTagValue || settings.developerId?.trim() || undefined,
    inferenceProfileArn,
    metric: settings.metric?.trim() || DEFAULT_METRIC,
    region: effective.defaultRegion.value ?? DEFAULT_REGION,
  };
  const budget = effective.monthlyBudget.value;
  return {
    source: costSourceFromSetting(effective.costSource.value),
    query,
    queryKey: billedCostQueryKey(query),
    keyForTagValue: (tagValue) => billedCostQueryKey({ ...query, configuredTagValue: tagValue }),
    prices: withPriceOverrides(defaultPriceTable(), effective.priceOverrides.value),
    budget: budget !== undefined && budget > 0 ? budget : undefined,
    refreshIntervalMs: refreshIntervalMs(effective.costRefreshHours.value),
  };
}

/** Where a caller keeps the cost cache, and how it asks Cost Explorer. */
export interface CostReportContext {
  /** The shared cache folder (the extension's global storage, or the CLI's cache dir). */
  readonly cacheDir: string;
  readonly environment: Pick<CoreEnvironment, 'homeDir' | 'env' | 'now'>;
  /** `loadAwsOperations().fetchDeveloperBilledCost` for the query, so this module never loads the SDK. */
  readonly fetchBilled: (query: BilledCostQuery) => Promise<BilledCost>;
  readonly logger?: Logger;
}

/** readCostReport's options for a plan: the one place a plan's query, keys and limits reach the cache. */
export function costReportOptions(plan: DeveloperCostPlan, context: CostReportContext): CostReportOptions {
  const { environment } = context;
  return {
    cacheDir: context.cacheDir,
    projectsDir: transcriptProjectsDir(environment),
    now: () => environment.now(),
    source: plan.source,
    prices: plan.prices,
    // Stryker disable next-line ConditionalExpression: readCostReport treats budget: undefined as no budget
    ...(plan.budget !== undefined ? { budget: plan.budget } : {}),
    refreshIntervalMs: plan.refreshIntervalMs,
    billed: { key: plan.queryKey, keyForTagValue: plan.keyForTagValue, fetch: () => context.fetchBilled(plan.query) },
    ...(context.logger ? { logger: context.logger } : {}),
  };
}

/**
 * Reads the hints from the user's files: Claude Code's model and, when given, Set Up's
 * state file. An unreadable state file only means no hint (Set Up reports it itself).
 */
export async function readDeveloperCostHints(environment: Pick<CoreEnvironment, 'homeDir' | 'env'>, setupStatePath?: string): Promise<DeveloperCostHints> {
  const claudeModel = await configuredClaudeModel(environment);
  const chosen = setupStatePath === undefined ? undefined : await readSetupState(setupStatePath).then((state) => state.inferenceProfile, () => undefined);
  return { claudeModel, chosen };
}
