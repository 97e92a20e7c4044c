import { CLAUDE_TIERS, tierModelDescriptionEnvName, tierModelEnvName, tierModelNameEnvName } from '../claudeTiers/claudeTiers';
import { AWS_AUTH_REFRESH_KEY, BEDROCK_ENV_NAMES } from '../claudeSettings/settingsPlan';
import type { CheckContext } from './checkContext';
import type { CheckDefinition, CheckResult } from './checkGraph';
import { effectiveEnv, effectiveTop, readSettingsLayers, type SettingsLayer } from './claudeSettingsLayers';
import type { SetupFix } from './setupCheck';

/** Every `env` key Set Up writes into the user settings file. */
export const KEYS_WE_WRITE: readonly string[] = [
  ...Object.values(BEDROCK_ENV_NAMES),
  ...CLAUDE_TIERS.flatMap((tier) => [tierModelEnvName(tier), tierModelNameEnvName(tier), tierModelDescriptionEnvName(tier)]),
];

const SCOPE_NAMES = { managed: 'managed settings', local: 'local project settings', project: 'project settings', user: 'user settings' } as const;

/**
 * The value Claude Code actually uses for each key we wrote, after its own precedence
 * (managed > command line > local > project > user): a key another file sets differently
 * beats ours, and the report names that file. Only files are visible here; `--settings`
 * applies to one session and is not.
 */
export function settingsPrecedenceCheck(context: CheckContext): CheckDefinition {
  return {
    id: 'claude-settings-precedence',
    title: 'Settings that override yours',
    needs: [],
    timeoutMs: context.timeouts.localMs,
    timeoutAdvice: 'check that your home and project folders are reachable',
    run: () => checkPrecedence(context),
  };
}

async function checkPrecedence(context: CheckContext): Promise<CheckResult> {
  const { environment, bearerToken } = context.options;
  const layers = await readSettingsLayers(environment, {
    ...(bearerToken.workspaceFolders ? { workspaceFolders: bearerToken.workspaceFolders } : {}),
    ...(bearerToken.managedSettingsDirectory === undefined ? {} : { managedSettingsDirectory: bearerToken.managedSettingsDirectory }),
  });
  const user = layers.find((layer) => layer.scope === 'user');
  if (!user) return { status: 'skip', detail: 'There is no user settings file yet, so nothing of yours can be overridden; the Claude Code settings check says what to do.' };

  const overridden: { key: string; winner: SettingsLayer; value: string }[] = [];
  for (const key of KEYS_WE_WRITE) {
    const mine = user.env[key];
    const effective = effectiveEnv(layers, key);
    if (mine !== undefined && effective && effective.layer !== user && effective.value !== mine) overridden.push({ key: `env.${key}`, winner: effective.layer, value: effective.value });
  }
  const refresh = user.top[AWS_AUTH_REFRESH_KEY];
  const refreshWinner = effectiveTop(layers, AWS_AUTH_REFRESH_KEY);
  if (refresh !== undefined && refreshWinner && refreshWinner.layer !== user && refreshWinner.value !== refresh) overridden.push({ key: AWS_AUTH_REFRESH_KEY, winner: refreshWinner.layer, value: refreshWinner.value });

  if (overridden.length === 0) {
    const others = layers.filter((layer) => layer !== user).map((layer) => layer.file);
    return { status: 'pass', detail: others.length === 0 ? `Only ${user.file} sets Claude Code's Bedrock keys.` : `No other settings file (${others.join(', ')}) overrides the keys in ${user.file}.` };
  }
  const lines = overridden.map(({ key, winner, value }) => `${key} is "${value}" from ${SCOPE_NAMES[winner.scope]} ${winner.file}`);
  const managed = overridden.some(({ winner }) => winner.scope === 'managed');
  const fix: SetupFix = managed
    ? { title: 'Ask your administrator: managed settings cannot be overridden, so they must change or remove these keys' }
    : { title: `Remove ${[...new Set(overridden.map(({ key }) => key))].join(', ')} from ${[...new Set(overridden.map(({ winner }) => winner.file))].join(', ')}` };
  return {
    status: 'fail',
    detail: `Claude Code does not use what ${user.file} says: ${lines.join('; ')}, and those files take precedence over yours. ${managed ? 'Ask your administrator to change the managed settings.' : 'Remove the keys from those files (or make them match) so your own profile is used.'}`,
    fix,
    locations: [...new Set(overridden.map(({ winner }) => winner.file))].map((file) => ({ file })),
  };
}
