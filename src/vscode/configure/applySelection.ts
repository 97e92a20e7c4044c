import * as vscode from 'vscode';
import { readSsoProfile } from '../../core/awsConfig/ssoProfileReader';
import { awsAuthRefreshCommand } from '../../core/claudeSettings/awsAuthRefreshCommand';
import { settingsForSelection } from '../../core/claudeSettings/settingsForSelection';
import { CLAUDE_TIERS, type ModelTier } from '../../core/discovery/inferenceProfileCandidate';
import { selectProfiles, type ProfileSelection } from '../../core/discovery/selectProfiles';
import { UserFacingError } from '../../core/runtime/userFacingError';
import type { ExtensionServices } from '../extensionServices';
import { ourCli } from '../setup/refreshLauncherAtStartup';
import type { DiscoveryRun } from './discoveryRun';
import { pickInferenceProfile } from './profilePicker';
import { reviewAndWriteClaudeSettings } from './settingsReview';

type Selected = Extract<ProfileSelection, { kind: 'selected' }>;

/**
 * Settles one profile per tier: `picks` first, then a quick pick for each tier that still
 * has more than one profile. Unambiguous tiers are taken without asking. `primaryTier`
 * (the tier the user picked) becomes `ANTHROPIC_MODEL`; otherwise the default order applies.
 */
export async function settleSelection(run: DiscoveryRun, picks: readonly string[], title: string, primaryTier?: ModelTier): Promise<Selected> {
  const chosen = [...picks];
  const primaryTierOrder = primaryTier && primaryTier !== 'other' ? [primaryTier] : undefined;
  for (;;) {
    const selection = selectProfiles(run.result.candidates, { regionOrder: run.regions, picks: chosen, ...(primaryTierOrder ? { primaryTierOrder } : {}) });
    if (selection.kind === 'selected') return selection;
    if (selection.kind === 'none') {
      const reason = run.result.problems[0]?.message ?? vscode.l10n.t('No Claude inference profile was found for you.');
      throw new UserFacingError(reason, run.result.problems[0]?.code ?? 'discovery.none-found');
    }
    const tier = CLAUDE_TIERS.find((t) => selection.choices[t] !== undefined);
    const choices = tier ? selection.choices[tier] : undefined;
    if (!tier || !choices) throw new UserFacingError(vscode.l10n.t('The inference profiles could not be settled; run the command again.'), 'discovery.unsettled');
    const pick = await pickInferenceProfile(choices, {
      title,
      placeHolder: vscode.l10n.t('More than one {0} inference profile is available to you. Which one should Claude Code use?', tier),
      allowPaste: false,
    });
    if (pick.kind === 'candidate') chosen.push(pick.candidate.arn);
  }
}

/**
 * Writes the settled profiles into Claude Code's settings (after the diff and a
 * confirmation) and offers a test call. The settings file is where the choice is kept:
 * other commands read `ANTHROPIC_MODEL` from it.
 */
export async function applySelection(services: ExtensionServices, run: DiscoveryRun, selection: Selected, title: string): Promise<void> {
  const sso = (await readSsoProfile(services.environment, run.profileName)).profile;
  const refresh = awsAuthRefreshCommand(run.profileName, services.environment.env, services.environment.platform, ourCli(services), sso);
  const desired = settingsForSelection(selection, run.profileName, refresh);
  const written = await reviewAndWriteClaudeSettings(services, desired, title);
  const tiers = CLAUDE_TIERS.flatMap((tier) => {
    const candidate = selection.byTier[tier];
    return candidate ? [`${tier}: ${candidate.name}`] : [];
  });
  services.logger.info(`Claude Code settings for profile ${run.profileName} in ${selection.region}: ${tiers.join(', ')} (primary ${selection.primary.arn}).`);
  if (!written) return;
  const test = vscode.l10n.t('Test Connection');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Claude Code now uses {0} ({1}) in {2}. Settings written to {3}.', selection.primary.name, selection.primary.tier, selection.region, written.filePath),
    test,
  );
  if (answer === test) await vscode.commands.executeCommand('bedrockOnboarding.testConnection');
}
