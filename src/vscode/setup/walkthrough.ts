import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import { refreshSetupContextKeys } from './setupContextKeys';

export const WALKTHROUGH_ID = 'setup';
/** Remembered once the walkthrough was opened for the user, so it never opens by itself again. */
export const WALKTHROUGH_SHOWN_KEY = 'bedrockOnboarding.walkthroughShown';
export const REFRESH_CONTEXT_COMMAND = 'bedrockOnboarding.internal.refreshSetupContext';

export function walkthroughFullId(services: ExtensionServices): string {
  return `${services.context.extension.id}#${WALKTHROUGH_ID}`;
}

export async function openWalkthroughCommand(services: ExtensionServices): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', walkthroughFullId(services), false);
}

/**
 * After activation (never during it): the context keys the walkthrough ticks by, kept
 * current as state changes, and the walkthrough opened once on a first install when
 * nothing is set up yet.
 */
export function startSetupGuidance(services: ExtensionServices): void {
  services.context.subscriptions.push(
    // Not contributed (no palette entry): re-reads the state and returns the keys it set.
    vscode.commands.registerCommand(REFRESH_CONTEXT_COMMAND, async () => (await refreshSetupContextKeys(services))?.keys),
  );
  services.context.subscriptions.push(
    services.stateChanged.event(() => {
      void refreshSetupContextKeys(services);
    }),
  );
  setTimeout(() => {
    void (async () => {
      const plan = (await refreshSetupContextKeys(services))?.plan;
      if (services.context.globalState.get<boolean>(WALKTHROUGH_SHOWN_KEY)) return;
      await services.context.globalState.update(WALKTHROUGH_SHOWN_KEY, true);
      const nothingDone = plan?.steps.every((step) => !step.satisfied || step.id === 'bearer-token') ?? false;
      if (nothingDone) await openWalkthroughCommand(services);
    })();
  }, 0);
}
