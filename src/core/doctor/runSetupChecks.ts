import { awsAuthRefreshCheck } from './awsAuthRefreshCheck';
import { awsProfileCheck } from './awsProfileCheck';
import { bearerTokenCheck } from './bearerTokenCheck';
import { bedrockRegionCheck } from './bedrockRegionCheck';
import type { CheckContext } from './checkContext';
import { runCheckGraph } from './checkGraph';
import { claudeCliCheck } from './claudeCliCheck';
import { claudeSettingsCheck } from './claudeSettingsCheck';
import { credentialsCheck, type AwsSession } from './credentialsCheck';
import { identityCheck } from './identityCheck';
import { inferenceProfileCheck } from './inferenceProfileCheck';
import { modelPinsCheck } from './modelPinsCheck';
import { settingsPrecedenceCheck } from './settingsPrecedenceCheck';
import { ssoTokenCheck } from './ssoTokenCheck';
import type { SetupCheck } from './setupCheck';
import { DEFAULT_SETUP_CHECK_TIMEOUTS, type SetupCheckOptions } from './setupCheckOptions';
import { resolveSetupTarget } from './setupTarget';

/**
 * The setup check ("doctor"): every condition Claude Code on Bedrock needs, each reported
 * as pass / warn / fail / skip with a fix. Local checks and the AWS chain (credentials →
 * identity and inference profile) run concurrently, each under its own time limit, so one
 * hung endpoint fails its own check and no other. Makes at most three AWS requests:
 * GetRoleCredentials, GetCallerIdentity and GetInferenceProfile. Never throws for what it
 * finds; the report is the result.
 */
export async function runSetupChecks(options: SetupCheckOptions): Promise<SetupCheck[]> {
  const timeouts = { ...DEFAULT_SETUP_CHECK_TIMEOUTS, ...options.timeouts };
  const context: CheckContext = { options, target: await resolveSetupTarget(options), timeouts };
  const session: AwsSession = {};
  const checks = await runCheckGraph(
    [
      awsProfileCheck(context),
      ssoTokenCheck(context),
      credentialsCheck(context, session),
      identityCheck(context, session),
      bedrockRegionCheck(context),
      inferenceProfileCheck(context, session),
      claudeSettingsCheck(context),
      bearerTokenCheck(context),
      claudeCliCheck(context),
      awsAuthRefreshCheck(context),
      settingsPrecedenceCheck(context),
      modelPinsCheck(context),
    ],
    { logger: options.logger, ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}), ...(options.clock ? { clock: options.clock } : {}) },
  );
  const counts = ['pass', 'warn', 'fail', 'skip'].map((status) => `${checks.filter((c) => c.status === status).length} ${status}`);
  options.logger.info(`Setup check: ${counts.join(', ')}.`);
  return checks;
}
