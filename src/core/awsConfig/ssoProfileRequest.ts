import { validateAccountId } from '../validation/accountId';
import { validateRegion } from '../validation/awsRegion';
import { validateOutputFormat, validateProfileName, validateRegistrationScopes, validateRoleName, validateSsoSessionName } from '../validation/configNames';
import { isInvalid, type Validated } from '../validation/invalidValue';
import { validateStartUrl } from '../validation/startUrl';

/** What `aws configure sso` asks for, as the caller collected it. */
export interface SsoProfileRequest {
  readonly sessionName: string;
  readonly startUrl: string;
  readonly ssoRegion: string;
  /** Comma-separated; default `sso:account:access` (what the CLI offers). */
  readonly registrationScopes?: string;
  readonly profileName: string;
  readonly accountId: string;
  readonly roleName: string;
  /** The default region for the profile (`region`), e.g. where Bedrock is called. */
  readonly region: string;
  /** `output`; omitted from the file when not given, as the CLI does when left blank. */
  readonly output?: string;
}

export type NormalisedSsoProfileRequest = Required<Omit<SsoProfileRequest, 'output'>> & { readonly output?: string };

export const DEFAULT_REGISTRATION_SCOPES = 'sso:account:access';

function valid<T>(result: Validated<T>): T {
  if (isInvalid(result)) throw result;
  return result;
}

/**
 * Validates every field and returns them normalised. Every value ends up on a line of
 * `~/.aws/config`, so this is also what keeps a newline, `]` or `=` from injecting other
 * keys or sections. Throws the first field's UserFacingError.
 */
export function normaliseSsoProfileRequest(request: SsoProfileRequest): NormalisedSsoProfileRequest {
  const output = request.output === undefined || request.output.trim() === '' ? undefined : valid(validateOutputFormat(request.output));
  return {
    sessionName: valid(validateSsoSessionName(request.sessionName)),
    startUrl: valid(validateStartUrl(request.startUrl)),
    ssoRegion: valid(validateRegion(request.ssoRegion, 'SSO region')),
    registrationScopes: valid(validateRegistrationScopes(request.registrationScopes ?? DEFAULT_REGISTRATION_SCOPES)),
    profileName: valid(validateProfileName(request.profileName)),
    accountId: valid(validateAccountId(request.accountId)),
    roleName: valid(validateRoleName(request.roleName)),
    region: valid(validateRegion(request.region)),
    ...(output !== undefined ? { output } : {}),
  };
}
