import * as vscode from 'vscode';
import { readClaudeSettings } from '../../core/claudeSettings/settingsFile';
import { usableCandidates } from '../../core/discovery/selectProfiles';
import type { ExtensionServices } from '../extensionServices';
import { applySelection, settleSelection } from '../configure/applySelection';
import { runDiscovery } from '../configure/discoveryRun';
import { askForProfileArn, pickInferenceProfile } from '../configure/profilePicker';

const TITLE = (): string => vscode.l10n.t('Choose Inference Profile');

/**
 * Lists every inference profile found for the developer, grouped by tier with the evidence
 * for each, plus "Paste an ARN…"; the one chosen becomes `ANTHROPIC_MODEL` (other tiers
 * are settled as in Configure Claude Code) and is written after the diff is confirmed.
 * When listing is denied the list holds only the paste entry and the reason is logged.
 * When the list is what an earlier run found, "Search again…" searches afresh.
 */
export function chooseInferenceProfileCommand(services: ExtensionServices): Promise<void> {
  return chooseInferenceProfile(services, false);
}

async function chooseInferenceProfile(services: ExtensionServices, rediscover: boolean): Promise<void> {
  const run = await runDiscovery(services, TITLE(), { ignoreConfiguredArn: true, rediscover });
  const usable = usableCandidates(run.result.candidates);
  for (const problem of run.result.problems) services.logger.warn(`${TITLE()}: ${problem.message}`);
  const current = await readClaudeSettings(services.environment);
  const activeArn = current.status === 'ok' ? current.env['ANTHROPIC_MODEL'] : undefined;
  const reason = run.result.problems[0]?.message;
  const placeHolder =
    usable.length > 0
      ? vscode.l10n.t('The profile Claude Code should use by default (ANTHROPIC_MODEL)')
      : reason ?? vscode.l10n.t('No Claude inference profile was found for you; paste an ARN.');
  const pick = await pickInferenceProfile(usable, { title: TITLE(), placeHolder, ...(activeArn ? { activeArn } : {}), allowPaste: true, offerSearchAgain: run.result.source === 'remembered' });
  if (pick.kind === 'search-again') {
    await chooseInferenceProfile(services, true);
    return;
  }
  if (pick.kind === 'paste') {
    const arn = await askForProfileArn(TITLE());
    const pasted = await runDiscovery(services, TITLE(), { explicitArns: [arn] });
    const tier = pasted.result.candidates.find((c) => c.arn === arn)?.tier;
    await applySelection(services, pasted, await settleSelection(pasted, [arn], TITLE(), tier), TITLE());
    return;
  }
  await applySelection(services, run, await settleSelection(run, [pick.candidate.arn], TITLE(), pick.candidate.tier), TITLE());
}
