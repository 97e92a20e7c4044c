import * as vscode from 'vscode';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { signInWithAnswers } from '../../core/sso/signInAnswers';
import type { SignInRequest, SignInResult } from '../../core/sso/signInTypes';
import type { ExtensionServices } from '../extensionServices';
import { signInQuestions } from '../signIn/signInQuestions';
import { askSignInRequest, SIGN_IN_QUESTIONS } from '../signIn/signInRequestQuestions';
import { withCancellableProgress } from '../ui/cancellableProgress';
import { QuestionFlow } from '../ui/questionFlow';

const TITLE = (): string => vscode.l10n.t('Sign In with AWS SSO');
const QUESTION_TITLE = (): string => vscode.l10n.t('Sign In');
const CHANGE_QUESTION_TITLE = (): string => vscode.l10n.t('Change Account or Role');

/**
 * Sign in with IAM Identity Center and write the AWS profile. Like `aws sso login
 * --profile`, an existing profile is signed in again as it is (nothing asked); values
 * come from the user's settings, the organisation defaults and the AWS config file, and
 * only what none of them knows is asked.
 */
export function signInCommand(services: ExtensionServices): Promise<SignInResult> {
  return signInFlow(services, { choose: false, title: QUESTION_TITLE() });
}

/** The same sign-in, with the account and role chosen again from the portal's lists. */
export function changeAccountOrRoleCommand(services: ExtensionServices): Promise<SignInResult> {
  return signInFlow(services, { choose: true, title: CHANGE_QUESTION_TITLE() });
}

async function signInFlow(services: ExtensionServices, options: { choose: boolean; title: string }): Promise<SignInResult> {
  const settings = await services.readSettings();
  const flow = new QuestionFlow(options.title, SIGN_IN_QUESTIONS);
  const result = await signInWithAnswers({
    choose: options.choose,
    ask: (requestOptions) => askSignInRequest(flow, services.environment, settings, requestOptions),
    signIn: async (request) => authorize(services, flow, request),
  });
  services.logger.info(`Signed in: profile ${result.profileName}, account ${result.account.accountId}, role ${result.roleName}, token ${result.tokenSource}, valid until ${result.tokenExpiresAt.toISOString()}.`);
  services.stateChanged.fire();
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Signed in to {0} ({1}) as {2}. Profile "{3}" is in {4}.', result.account.accountName, result.account.accountId, result.roleName, result.profileName, result.configPath),
  );
  return result;
}

/** The network part of one attempt, in a progress notification with Cancel; the SDK is loaded here, after the questions. */
function authorize(services: ExtensionServices, flow: QuestionFlow, request: SignInRequest): Thenable<SignInResult> {
  return withCancellableProgress(TITLE(), async (progress, signal, cancellation, cancel) => {
    flow.cancelWith(cancellation);
    const interaction = signInQuestions(flow, (message) => {
      progress.report({ message });
    }, cancel);
    try {
      return await loadAwsOperations().signIn(services.environment, request, interaction, { signal, logger: services.logger });
    } finally {
      interaction.dispose();
    }
  });
}
