import { BEDROCK_ENV_NAMES } from '../claudeSettings/settingsPlan';
import type { CheckContext } from './checkContext';
import type { CheckDefinition, CheckResult } from './checkGraph';
import { configureFix } from './setupCheck';

/** Variables that make the AWS SDK in Claude Code ignore AWS_PROFILE. */
const PROFILE_OVERRIDES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

/** Claude Code's settings point it at Bedrock with the signed-in profile, the inference profile and its region. */
export function claudeSettingsCheck(context: CheckContext): CheckDefinition {
  return {
    id: 'claude-settings',
    title: 'Claude Code settings',
    needs: [],
    timeoutMs: context.timeouts.localMs,
    timeoutAdvice: 'check that your home folder is reachable',
    run: () => Promise.resolve(checkClaudeSettings(context)),
  };
}

function checkClaudeSettings(context: CheckContext): CheckResult {
  const { claudeSettings: settings, arnRegion } = context.target;
  const file = settings.filePath;
  const fix = configureFix();
  if (settings.status === 'missing') {
    return { status: 'fail', detail: `Claude Code has no settings file at ${file}, so it does not use Bedrock; configure Claude Code to write one.`, fix, locations: [{ file }] };
  }
  if (settings.status === 'invalid') return { status: 'fail', detail: settings.error.message, locations: [{ file }] };

  const env = settings.env;
  const problems: string[] = [];
  const useBedrock = env[BEDROCK_ENV_NAMES.useBedrock];
  if (useBedrock !== '1' && useBedrock?.toLowerCase() !== 'true') problems.push(`${BEDROCK_ENV_NAMES.useBedrock} is not "1", so Claude Code does not use Bedrock`);
  const profile = env[BEDROCK_ENV_NAMES.profile];
  const expectedProfile = context.options.profileName;
  if (profile === undefined) problems.push(`${BEDROCK_ENV_NAMES.profile} is not set, so Claude Code does not use your SSO profile`);
  else if (expectedProfile !== undefined && profile !== expectedProfile) problems.push(`${BEDROCK_ENV_NAMES.profile} is "${profile}" but you sign in with the profile "${expectedProfile}"`);
  const model = env[BEDROCK_ENV_NAMES.model];
  const chosen = context.options.inferenceProfileArn;
  if (model === undefined) problems.push(`${BEDROCK_ENV_NAMES.model} is not set, so Claude Code does not use your inference profile`);
  else if (chosen !== undefined && model !== chosen) problems.push(`${BEDROCK_ENV_NAMES.model} is ${model} but your chosen inference profile is ${chosen}`);
  const region = env[BEDROCK_ENV_NAMES.region];
  if (region === undefined) problems.push(`${BEDROCK_ENV_NAMES.region} is not set, and Claude Code needs it`);
  else if (arnRegion !== undefined && region !== arnRegion) problems.push(`${BEDROCK_ENV_NAMES.region} is ${region} but the inference profile is in ${arnRegion}, and Claude Code sends every call to ${BEDROCK_ENV_NAMES.region}`);

  if (problems.length > 0) {
    return { status: 'fail', detail: `In ${file}: ${problems.join('; ')}. Configure Claude Code to correct ${problems.length === 1 ? 'it' : 'them'}.`, fix, locations: [{ file }] };
  }
  const overrides = PROFILE_OVERRIDES.filter((name) => name in env || settings.withheldEnvNames.includes(name));
  if (overrides.length > 0) {
    return {
      status: 'warn',
      detail: `${file} sets ${overrides.join(', ')} in "env", which makes Claude Code use those keys instead of the profile "${profile ?? ''}"; remove them unless you mean to.`,
      locations: [{ file }],
    };
  }
  return { status: 'pass', detail: `${file} points Claude Code at Bedrock in ${region ?? '?'} with profile "${profile ?? '?'}" and ${model ?? '?'}.`, locations: [{ file }] };
}
