import * as vscode from 'vscode';
import { parseInferenceProfileArn } from '../../core/discovery/inferenceProfileArn';
import { tierLabel } from '../../core/claudeTiers/claudeTiers';
import { CLAUDE_TIERS, type InferenceProfileCandidate } from '../../core/discovery/inferenceProfileCandidate';
import { CancelledError } from '../../core/runtime/cancellation';
import { isInvalid } from '../../core/validation/invalidValue';
import { askForValue } from '../ui/askForValue';

export type ProfilePick = { readonly kind: 'candidate'; readonly candidate: InferenceProfileCandidate } | { readonly kind: 'paste' };

interface PickItem extends vscode.QuickPickItem {
  readonly pick?: ProfilePick;
}

/** The detail line: why we believe the profile is the developer's, from the calls that were made. */
export function evidenceLine(candidate: InferenceProfileCandidate): string {
  const parts: string[] = [];
  for (const match of candidate.evidence.tagMatches) {
    if (match.matched === 'identity') parts.push(vscode.l10n.t('{0}={1} matches your sign-in', match.key, match.value ?? ''));
    else if (match.matched === 'configured') parts.push(vscode.l10n.t('{0}={1} matches your setting', match.key, match.value ?? ''));
  }
  if (candidate.ownership === 'accessible') parts.push(vscode.l10n.t('readable by you, not tagged for you'));
  for (const call of candidate.evidence.calls) parts.push(`${call.operation} ${call.outcome}`);
  parts.push(vscode.l10n.t('found by {0}', candidate.evidence.source));
  return parts.join(' · ');
}

/**
 * A quick pick of inference profiles grouped by tier, evidence in the detail line, the
 * current one pre-selected, and "Paste an ARN…" last. Escape cancels the command.
 */
export async function pickInferenceProfile(
  candidates: readonly InferenceProfileCandidate[],
  options: { readonly title: string; readonly placeHolder: string; readonly activeArn?: string; readonly allowPaste: boolean },
): Promise<ProfilePick> {
  const items: PickItem[] = [];
  for (const tier of CLAUDE_TIERS) {
    const inTier = candidates.filter((c) => c.tier === tier);
    if (inTier.length === 0) continue;
    // Model family names are product names, the same in every language.
    items.push({ label: tierLabel(tier), kind: vscode.QuickPickItemKind.Separator });
    for (const candidate of inTier) {
      items.push({
        label: candidate.name,
        description: `${candidate.region}${candidate.arn === options.activeArn ? ` · ${vscode.l10n.t('in use')}` : ''}`,
        detail: evidenceLine(candidate),
        pick: { kind: 'candidate', candidate },
      });
    }
  }
  if (options.allowPaste) {
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: `$(clippy) ${vscode.l10n.t('Paste an ARN…')}`, detail: vscode.l10n.t('Use an inference profile ARN your admin gave you'), pick: { kind: 'paste' } });
  }

  const quickPick = vscode.window.createQuickPick<PickItem>();
  quickPick.title = options.title;
  quickPick.placeholder = options.placeHolder;
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.ignoreFocusOut = true;
  quickPick.items = items;
  const active = items.find((item) => item.pick?.kind === 'candidate' && item.pick.candidate.arn === options.activeArn) ?? items.find((item) => item.pick !== undefined);
  if (active) quickPick.activeItems = [active];
  try {
    const chosen = await new Promise<ProfilePick | undefined>((resolve) => {
      quickPick.onDidAccept(() => {
        resolve(quickPick.selectedItems[0]?.pick);
      });
      quickPick.onDidHide(() => {
        resolve(undefined);
      });
      quickPick.show();
    });
    if (!chosen) throw new CancelledError(options.title);
    return chosen;
  } finally {
    quickPick.dispose();
  }
}

/** An input box for an inference profile ARN, validated as it is typed. */
export function askForProfileArn(title: string): Promise<string> {
  return askForValue({
    title,
    prompt: vscode.l10n.t('The ARN of your application inference profile'),
    placeHolder: 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc123def456',
    validate: (input) => {
      const parsed = parseInferenceProfileArn(input);
      return isInvalid(parsed) ? parsed : parsed.arn;
    },
  });
}
