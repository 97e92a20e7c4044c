import * as vscode from 'vscode';
import { parseInferenceProfileArn } from '../../core/discovery/inferenceProfileArn';
import { tierLabel } from '../../core/claudeTiers/claudeTiers';
import { CLAUDE_TIERS, type InferenceProfileCandidate } from '../../core/discovery/inferenceProfileCandidate';
import { modelNames } from '../../core/discovery/modelDisplayName';
import { isInvalid } from '../../core/validation/invalidValue';
import { askForValue } from '../ui/askForValue';
import { QuestionFlow } from '../ui/questionFlow';

export type ProfilePick = { readonly kind: 'candidate'; readonly candidate: InferenceProfileCandidate } | { readonly kind: 'paste' } | { readonly kind: 'search-again' };

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
 * A quick pick of inference profiles grouped by tier, each with its models and the
 * evidence that it is the developer's; "in use" marks the one Claude Code uses now and
 * "recommended" the one discovery suggests. "Paste an ARN…" comes last. Within Set Up it
 * is a numbered step of the run's flow (with Back); alone it is its own one-question flow.
 * `offerSearchAgain` (the candidates are the ones remembered from an earlier run) adds
 * "Search again…", since a profile the admin added since is not looked for otherwise.
 */
export async function pickInferenceProfile(
  candidates: readonly InferenceProfileCandidate[],
  options: {
    readonly flow?: QuestionFlow;
    readonly title?: string;
    readonly placeHolder: string;
    readonly activeArn?: string;
    readonly recommendedArn?: string;
    readonly allowPaste: boolean;
    readonly offerSearchAgain?: boolean;
  },
): Promise<ProfilePick> {
  const items: PickItem[] = [];
  for (const tier of CLAUDE_TIERS) {
    const inTier = candidates.filter((c) => c.tier === tier);
    if (inTier.length === 0) continue;
    // Model family names are product names, the same in every language.
    items.push({ label: tierLabel(tier), kind: vscode.QuickPickItemKind.Separator });
    for (const candidate of inTier) {
      const marks = [
        ...(candidate.arn === options.activeArn ? [vscode.l10n.t('in use')] : []),
        ...(candidate.arn === options.recommendedArn ? [vscode.l10n.t('recommended')] : []),
      ];
      const models = modelNames(candidate.modelArns);
      items.push({
        label: candidate.name,
        description: [models, candidate.region, ...marks].filter((part) => part !== '').join(' · '),
        detail: evidenceLine(candidate),
        pick: { kind: 'candidate', candidate },
      });
    }
  }
  if (options.allowPaste || options.offerSearchAgain) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  if (options.offerSearchAgain) {
    items.push({
      label: `$(refresh) ${vscode.l10n.t('Search again…')}`,
      detail: vscode.l10n.t('These are the profiles found last time; search the account afresh for ones added since'),
      pick: { kind: 'search-again' },
    });
  }
  if (options.allowPaste) {
    items.push({ label: `$(clippy) ${vscode.l10n.t('Paste an ARN…')}`, detail: vscode.l10n.t('Use an inference profile ARN your admin gave you'), pick: { kind: 'paste' } });
  }
  const preferred = options.activeArn ?? options.recommendedArn;
  const active = items.find((item) => item.pick?.kind === 'candidate' && item.pick.candidate.arn === preferred) ?? items.find((item) => item.pick !== undefined);
  const flow = options.flow ?? new QuestionFlow(options.title ?? '', []);
  const chosen = await flow.pick('inference-profile', items, { placeHolder: options.placeHolder, active, matchOnDescription: true, matchOnDetail: true });
  return chosen.pick ?? { kind: 'paste' };
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
