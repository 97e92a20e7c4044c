import * as vscode from 'vscode';
import { readSsoProfile } from '../../core/awsConfig/ssoProfileReader';
import type { EffectiveSetting } from '../../core/orgDefaults/effectiveSettings';
import type { CoreEnvironment } from '../../core/runtime/coreEnvironment';
import type { SignInRequestOptions } from '../../core/sso/signInAnswers';
import type { SignInRequest } from '../../core/sso/signInTypes';
import { regionFromStartUrl } from '../../core/sso/startUrlRegion';
import { validateRegion } from '../../core/validation/awsRegion';
import { validateStartUrl } from '../../core/validation/startUrl';
import type { ExtensionSettings } from '../settings/extensionSettings';
import type { QuestionFlow, QuestionId } from '../ui/questionFlow';

/** What sign-in may ask, in order: the portal questions here, then the account and role (signInQuestions.ts). */
export const SIGN_IN_QUESTIONS: readonly QuestionId[] = ['start-url', 'sso-region', 'account', 'role'];

/** A value someone chose (the developer or the organisation); the built-in default is no one's choice. */
function chosen<T>(setting: EffectiveSetting<T>): T | undefined {
  return setting.source === 'user' || setting.source === 'organization' ? setting.value : undefined;
}

/**
 * What to sign in to. Like `aws sso login --profile`, an existing profile is signed in
 * again as it is: its start URL, SSO region, account and role are taken from the AWS
 * config file, so nothing is asked. Settings (the developer's or the organisation's) come
 * first; only what neither knows is asked. `choose` leaves the account and role to the
 * portal's questions ("Change Account or Role…", Back); `askAgain` asks the portal
 * questions again, pre-filled, with IAM Identity Center's refusal shown.
 */
export async function askSignInRequest(flow: QuestionFlow, environment: CoreEnvironment, settings: ExtensionSettings, options: SignInRequestOptions = {}): Promise<SignInRequest> {
  const { effective } = settings;
  const profileName = effective.profileName.value ?? 'claude-code';
  const stored = (await readSsoProfile(environment, profileName).catch(() => undefined))?.profile;
  const again = options.askAgain;
  const pinnedUrl = chosen(effective.ssoStartUrl);
  const pinnedRegion = chosen(effective.ssoRegion);
  if (again && pinnedUrl !== undefined && pinnedRegion !== undefined && again.error) throw again.error;

  const knownUrl = pinnedUrl ?? (again ? undefined : stored?.startUrl);
  const startUrl =
    knownUrl ??
    (await flow.input('start-url', {
      prompt: vscode.l10n.t('Your IAM Identity Center access portal URL'),
      placeHolder: 'https://d-1234567890.awsapps.com/start',
      value: again?.previous.startUrl ?? stored?.startUrl ?? '',
      ...(again?.error ? { error: again.error.message } : {}),
      validate: validateStartUrl,
    }));
  const storedRegion = stored?.startUrl === startUrl ? stored.ssoRegion : undefined;
  const knownRegion = pinnedRegion ?? (again ? undefined : (storedRegion ?? regionFromStartUrl(startUrl)));
  const ssoRegion =
    knownRegion ??
    (await flow.input('sso-region', {
      prompt: vscode.l10n.t('The region where IAM Identity Center is enabled for {0}', startUrl),
      placeHolder: 'us-east-1',
      value: again?.previous.ssoRegion ?? regionFromStartUrl(startUrl) ?? effective.ssoRegion.value ?? '',
      ...(again?.error && pinnedUrl !== undefined ? { error: again.error.message } : {}),
      validate: (input) => validateRegion(input, 'SSO region'),
    }));
  const keepStored = options.choose !== true && stored?.startUrl === startUrl;
  return {
    startUrl,
    ssoRegion,
    sessionName: effective.ssoSessionName.value ?? stored?.sessionName ?? 'claude-code',
    profileName,
    accountId: effective.accountId.value ?? (keepStored ? stored.accountId : undefined),
    roleName: effective.roleName.value ?? (keepStored ? stored.roleName : undefined),
    region: chosen(effective.defaultRegion) ?? stored?.region ?? effective.defaultRegion.value ?? ssoRegion,
  };
}
