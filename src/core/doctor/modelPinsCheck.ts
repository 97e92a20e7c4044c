import { CLAUDE_TIERS, tierModelEnvName } from '../claudeTiers/claudeTiers';
import { BEDROCK_ENV_NAMES } from '../claudeSettings/settingsPlan';
import type { CheckContext } from './checkContext';
import type { CheckDefinition, CheckResult } from './checkGraph';
import { claudeCodeExtensionFindings, readClaudeCodeExtensionSettings } from './claudeCodeExtensionSettings';
import { effectiveEnv, readSettingsLayers, type SettingsLayer } from './claudeSettingsLayers';
import { configureFix, type SetupFix, type SetupCheckStatus } from './setupCheck';

export const MANTLE_VARIABLE = 'CLAUDE_CODE_USE_MANTLE';
/** The old manual's variable; Claude Code has never read it, so it selects nothing. */
export const LEGACY_PROFILE_ARN_VARIABLE = 'CLAUDE_CODE_BEDROCK_PROFILE_ARN';

const APPLICATION_PROFILE = /:application-inference-profile\//;
/** A system-defined profile or model, as an ARN or an id (`us.anthropic.…`, `anthropic.claude-…`, `claude-…`). */
const SYSTEM_MODEL = /:inference-profile\/|:foundation-model\/|^(?:[a-z-]+\.)?anthropic\.|^claude-/i;

export interface ModelPinFinding {
  readonly status: Exclude<SetupCheckStatus, 'pass' | 'skip'>;
  readonly sentence: string;
  readonly file: string;
  readonly fix: SetupFix;
}

/**
 * What in Claude Code's effective settings sends its traffic somewhere our setup cannot
 * attribute: the Mantle endpoint (where application inference profiles do not apply:
 * AWS documents them for InvokeModel/Converse on bedrock-runtime, and Projects for
 * attribution on Mantle), a model key naming a system profile instead of the developer's
 * own (what `/setup-bedrock` writes after "Choose different models…"; nobody's tag is on
 * that spend), and the old manual's variable that Claude Code ignores.
 */
export function modelPinsCheck(context: CheckContext): CheckDefinition {
  return {
    id: 'claude-model-pins',
    title: 'Models and endpoints Claude Code uses',
    needs: [],
    timeoutMs: context.timeouts.localMs,
    timeoutAdvice: 'check that your home and project folders are reachable',
    run: async () => {
      const { environment, bearerToken } = context.options;
      const layers = await readSettingsLayers(environment, {
        ...(bearerToken.workspaceFolders ? { workspaceFolders: bearerToken.workspaceFolders } : {}),
        ...(bearerToken.managedSettingsDirectory === undefined ? {} : { managedSettingsDirectory: bearerToken.managedSettingsDirectory }),
      });
      const extension = await readClaudeCodeExtensionSettings(bearerToken.vscodeSettingsFiles ?? []);
      return reportFindings([...modelPinFindings(layers, environment.env), ...claudeCodeExtensionFindings(extension)]);
    },
  };
}

/** The findings for a set of layers, highest precedence first, and the process environment Claude Code inherits. */
export function modelPinFindings(layers: readonly SettingsLayer[], processEnv: Readonly<Record<string, string | undefined>> = {}): ModelPinFinding[] {
  const findings: ModelPinFinding[] = [];
  const pins = [BEDROCK_ENV_NAMES.model, ...CLAUDE_TIERS.map(tierModelEnvName)].flatMap((name) => {
    const effective = effectiveEnv(layers, name);
    return effective ? [{ name, ...effective }] : [];
  });

  const mantle = effectiveEnv(layers, MANTLE_VARIABLE) ?? fromProcess(processEnv, MANTLE_VARIABLE);
  const profilePins = pins.filter((pin) => APPLICATION_PROFILE.test(pin.value));
  if (mantle && isTruthy(mantle.value) && profilePins.length > 0) {
    findings.push({
      status: 'fail',
      sentence: `${MANTLE_VARIABLE} is set in ${mantle.layer.file}, so Claude Code sends requests to the Bedrock Mantle endpoint, where application inference profiles (${profilePins.map((pin) => pin.name).join(', ')}) do not apply and your use is not attributed to you; remove ${MANTLE_VARIABLE}`,
      file: mantle.layer.file,
      fix: { title: `Remove ${MANTLE_VARIABLE} from ${mantle.layer.file}` },
    });
  }

  for (const pin of pins) {
    if (APPLICATION_PROFILE.test(pin.value) || !SYSTEM_MODEL.test(pin.value)) continue;
    findings.push({
      status: 'warn',
      sentence: `${pin.name} in ${pin.layer.file} names ${pin.value}, a system-defined model or profile rather than your own inference profile, so its use carries no developer tag and is billed to nobody (Claude Code's /setup-bedrock writes these when "Choose different models…" is picked); configure Claude Code again to point it at your own profile`,
      file: pin.layer.file,
      fix: configureFix('Point every model at your own inference profiles'),
    });
  }

  const legacy = layers.find((layer) => layer.env[LEGACY_PROFILE_ARN_VARIABLE] !== undefined);
  const legacyPlace = legacy ? { file: legacy.file } : fromProcess(processEnv, LEGACY_PROFILE_ARN_VARIABLE) ? { file: 'the environment Claude Code starts in' } : undefined;
  if (legacyPlace) {
    findings.push({
      status: 'warn',
      sentence: `${LEGACY_PROFILE_ARN_VARIABLE} is set in ${legacyPlace.file}, but Claude Code ignores it (it comes from an old manual; ${BEDROCK_ENV_NAMES.model} and the per-tier keys choose the profile); remove it so nobody relies on it`,
      file: legacyPlace.file,
      fix: { title: `Remove ${LEGACY_PROFILE_ARN_VARIABLE} from ${legacyPlace.file}` },
    });
  }
  return findings;
}

function reportFindings(findings: readonly ModelPinFinding[]): CheckResult {
  if (findings.length === 0) return { status: 'pass', detail: 'Every model Claude Code is pinned to is an application inference profile, on the bedrock-runtime endpoint.' };
  const worst = findings.some((finding) => finding.status === 'fail') ? 'fail' : 'warn';
  const first = findings.find((finding) => finding.status === worst) ?? findings[0];
  return {
    status: worst,
    detail: `${findings.map((finding) => finding.sentence).join('. ')}.`,
    ...(first ? { fix: first.fix } : {}),
    locations: [...new Set(findings.map((finding) => finding.file))].map((file) => ({ file })),
  };
}

function fromProcess(env: Readonly<Record<string, string | undefined>>, name: string): { value: string; layer: SettingsLayer } | undefined {
  const value = env[name];
  return value === undefined ? undefined : { value, layer: { scope: 'user', file: 'the environment Claude Code starts in', env: {}, top: {} } };
}

function isTruthy(value: string): boolean {
  return !['', '0', 'false', 'no', 'off'].includes(value.trim().toLowerCase());
}
