import * as vscode from 'vscode';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { runSetup, type SetupRunResult, type StepEvent } from '../../core/setup/runSetup';
import { readSetupFacts } from '../../core/setup/setupFacts';
import { createSetupStepHandlers } from '../../core/setup/setupStepHandlers';
import { withoutAutomaticCostReads } from '../cost/costCommands';
import type { ExtensionServices } from '../extensionServices';
import { refreshSetupContextKeys } from './setupContextKeys';
import { SET_UP_TITLE, setupQuestions } from './setupQuestions';
import { bearerTokenScanOptions, profileNameOf, setupStatePath, setupStepDependencies } from './setupRunDependencies';
import { showSetupSummary } from './setupSummary';
import { withCancellableProgress } from '../ui/cancellableProgress';
import { stepTitle } from './setupStepTitles';

/**
 * The whole developer path in one notification with Cancel: every step not yet done,
 * in order, picking up where an earlier run stopped. Ends with a summary and a terminal
 * running `claude` with the profile.
 */
export async function setUpCommand(services: ExtensionServices): Promise<SetupRunResult> {
  const settings = await services.readSettings();
  const profileName = profileNameOf(settings);
  const aws = loadAwsOperations();
  const result = await withoutAutomaticCostReads(() =>
    withCancellableProgress(SET_UP_TITLE(), (progress, signal, cancellation) =>
      runSetup({
        statePath: setupStatePath(services),
        readFacts: () => readSetupFacts({ environment: services.environment, profileName, bearerTokenScan: bearerTokenScanOptions(services) }),
        handlers: createSetupStepHandlers(setupStepDependencies(services, settings, aws, setupQuestions(progress, cancellation))),
        signal,
        now: () => services.environment.now(),
        logger: services.logger,
        onStep: (event: StepEvent) => {
          if (event.kind === 'start') progress.report({ message: vscode.l10n.t('Step {0} of {1}: {2}…', event.index + 1, event.total, stepTitle(event.step)) });
        },
      }),
    ),
  );
  services.stateChanged.fire();
  await refreshSetupContextKeys(services);
  await showSetupSummary(services, result, profileName);
  return result;
}
