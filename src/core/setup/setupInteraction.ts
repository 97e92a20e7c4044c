import type { BearerTokenFinding } from '../bearerToken/bearerTokenFinding';
import type { ClaudeSettingsPlan } from '../claudeSettings/settingsPlan';
import type { ClaudeTier, InferenceProfileCandidate } from '../discovery/inferenceProfileCandidate';
import type { SignInInteraction } from '../sso/signInTypes';

/**
 * The questions Set Up may ask on top of sign-in's. The VS Code layer answers with quick
 * picks and dialogs, tests with scripted answers. A declined question rejects with
 * `CancelledError`.
 */
export interface SetupInteraction extends SignInInteraction {
  /**
   * Which profile Claude Code uses by default; `recommended` is first in `candidates`. With
   * `offerSearchAgain` (they are the ones an earlier run found) the answer may be
   * `'search-again'`: search the account afresh for profiles added since.
   */
  chooseDefaultProfile(candidates: readonly InferenceProfileCandidate[], recommended: InferenceProfileCandidate, offerSearchAgain: boolean): Promise<InferenceProfileCandidate | 'search-again'>;
  /** More than one profile of a tier in the chosen region. */
  chooseTierProfile(tier: ClaudeTier, choices: readonly InferenceProfileCandidate[]): Promise<InferenceProfileCandidate>;
  /** Nothing was found; `reason` says why. Resolves with a pasted ARN. */
  askForProfileArn(reason: string): Promise<string>;
  /** The settings file exists and will change: true to write `plan` (its diff is shown). */
  confirmClaudeSettings(plan: ClaudeSettingsPlan): Promise<boolean>;
  /** `AWS_BEARER_TOKEN_BEDROCK` is set: fix the places that can be fixed, or leave them. */
  decideBearerToken(findings: readonly BearerTokenFinding[]): Promise<'fix' | 'leave'>;
  /**
   * Claude Code is missing, broken or too old (`detail` says which): `installing` when the
   * developer had `installCommand` started (in a terminal), `later` to install it themselves.
   */
  offerClaudeInstall(problem: { readonly detail: string; readonly installCommand: string | undefined }): Promise<'installing' | 'later'>;
}
