import * as vscode from 'vscode';
import { planSetup, type SetupPlan } from '../../core/setup/setupPlan';
import { readSetupFacts } from '../../core/setup/setupFacts';
import { EMPTY_SETUP_STATE, readSetupState } from '../../core/setup/setupState';
import type { SetupStepId } from '../../core/setup/setupSteps';
import type { ExtensionServices } from '../extensionServices';
import { bearerTokenScanOptions, profileNameOf, setupStatePath } from './setupRunDependencies';

/**
 * The context key each stage sets when it is done; the walkthrough's completion events
 * listen to them. Sign-in's key is the status bar's `bedrockOnboarding.signedIn`.
 */
export const STEP_CONTEXT_KEYS: Readonly<Record<SetupStepId, string>> = {
  'sign-in': 'bedrockOnboarding.signedIn',
  'inference-profile': 'bedrockOnboarding.inferenceProfileChosen',
  'claude-settings': 'bedrockOnboarding.claudeConfigured',
  'bearer-token': 'bedrockOnboarding.bearerTokenChecked',
  'test-connection': 'bedrockOnboarding.connectionTested',
  cost: 'bedrockOnboarding.costShown',
  'claude-cli': 'bedrockOnboarding.claudeInstalled',
};

export const SETUP_COMPLETE_KEY = 'bedrockOnboarding.setupComplete';

/** Sets the keys from the plan and returns what it set (the extension-host test reads it). */
export async function applySetupContextKeys(plan: SetupPlan): Promise<Record<string, boolean>> {
  const values: Record<string, boolean> = {};
  for (const step of plan.steps) {
    // Sign-in's key belongs to the status bar refresh, which follows the token's expiry.
    if (step.id !== 'sign-in') values[STEP_CONTEXT_KEYS[step.id]] = step.satisfied;
  }
  values[SETUP_COMPLETE_KEY] = plan.steps.every((step) => step.satisfied);
  for (const [key, value] of Object.entries(values)) await vscode.commands.executeCommand('setContext', key, value);
  return values;
}

/** Reads local files only (no network), so it is cheap enough to run whenever state changes. */
export async function refreshSetupContextKeys(services: ExtensionServices): Promise<{ plan: SetupPlan; keys: Record<string, boolean> } | undefined> {
  try {
    const settings = await services.readSettings();
    const facts = await readSetupFacts({ environment: services.environment, profileName: profileNameOf(settings), bearerTokenScan: bearerTokenScanOptions(services) });
    const state = await readSetupState(setupStatePath(services)).catch(() => EMPTY_SETUP_STATE);
    const plan = planSetup(facts, state);
    return { plan, keys: await applySetupContextKeys(plan) };
  } catch (error) {
    services.logger.warn(`Could not read the Set Up state: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
