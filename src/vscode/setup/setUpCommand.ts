import * as vscode from 'vscode';
import { readSsoProfile } from '../../core/awsConfig/ssoProfileReader';
import { runSetup, type SetupRunResult, type StepEvent } from '../../core/setup/runSetup';
import { readSetupFacts } from '../../core/setup/setupFacts';
import { createSetupStepHandlers } from '../../core/setup/setupStepHandlers';
import { scanInVsCode } from '../bearerToken/bearerTokenScan';
import { withoutAutomaticCostReads } from '../cost/costCommands';
import type { ExtensionServices } from '../extensionServices';
import type { ExtensionSettings } from '../settings/extensionSettings';
import { SIGN_IN_QUESTIONS } from '../signIn/signInRequestQuestions';
import { withCancellableProgress } from '../ui/cancellableProgress';
import { QuestionFlow, type QuestionId } from '../ui/questionFlow';
import { refreshSetupContextKeys } from './setupContextKeys';
import { SET_UP_QUESTION_TITLE, SET_UP_TITLE, setupQuestions } from './setupQuestions';
import { bearerTokenScanOptions, profileNameOf, setupStatePath, setupStepDependencies } from './setupRunDependencies';
import { showSetupSummary } from './setupSummary';
import { stepTitle } from './setupStepTitles';

/**
 * The whole developer path in one notification with Cancel: every step not yet done,
 * in order, picking up where an earlier run stopped. Its questions are one numbered
 * flow with Back ("Set Up (2/5)"). Ends with a summary that says what still blocks
 * Claude Code, and a terminal running `claude` when it can run.
 */
export async function setUpCommand(services: ExtensionServices): Promise<SetupRunResult> {
  const settings = await services.readSettings();
  const profileName = profileNameOf(settings);
  const questions = await questionsToAsk(services, settings);
  const result = await withoutAutomaticCostReads(() =>
    withCancellableProgress(SET_UP_TITLE(), async (progress, signal, cancellation, cancel) => {
      const flow = new QuestionFlow(SET_UP_QUESTION_TITLE(), questions, cancellation);
      let stepLine = '';
      const report = (message: string): void => {
        progress.report({ message: `${stepLine} ${message}`.trim() });
      };
      const interaction = setupQuestions(flow, report, cancel);
      try {
        return await runSetup({
          statePath: setupStatePath(services),
          readFacts: () => readSetupFacts({ environment: services.environment, profileName, bearerTokenScan: bearerTokenScanOptions(services) }),
          handlers: createSetupStepHandlers(setupStepDependencies(services, settings, flow, interaction)),
          signal,
          now: () => services.environment.now(),
          logger: services.logger,
          onStep: (event: StepEvent) => {
            if (event.kind === 'start') {
              stepLine = vscode.l10n.t('Step {0} of {1}: {2}.', event.index + 1, event.total, stepTitle(event.step));
              report('');
            }
            if (event.kind === 'end') showWhatChanged(services, event);
          },
        });
      } finally {
        interaction.dispose();
      }
    }),
  );
  services.stateChanged.fire();
  await refreshSetupContextKeys(services);
  await showSetupSummary(services, result, profileName);
  return result;
}

/**
 * The status bar follows each step as it ends, from the same scan every other path
 * records (bearerTokenScan.ts), so a key Set Up removed stops being warned about at once.
 */
function showWhatChanged(services: ExtensionServices, event: StepEvent): void {
  if (event.step === 'bearer-token') {
    void scanInVsCode(services).catch((error: unknown) => {
      services.logger.warn(`Could not re-check for AWS_BEARER_TOKEN_BEDROCK: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  services.stateChanged.fire();
}

/**
 * The questions this run can ask, for the step numbers: the portal URL and SSO region
 * only when neither a setting nor the existing profile gives them.
 */
async function questionsToAsk(services: ExtensionServices, settings: ExtensionSettings): Promise<QuestionId[]> {
  const { effective } = settings;
  const stored = (await readSsoProfile(services.environment, profileNameOf(settings)).catch(() => undefined))?.profile;
  const known = (id: QuestionId): boolean =>
    (id === 'start-url' && (effective.ssoStartUrl.source === 'user' || effective.ssoStartUrl.source === 'organization' || stored?.startUrl !== undefined)) ||
    (id === 'sso-region' && (effective.ssoRegion.source === 'user' || effective.ssoRegion.source === 'organization' || stored?.ssoRegion !== undefined));
  return [...SIGN_IN_QUESTIONS.filter((id) => !known(id)), 'inference-profile'];
}
