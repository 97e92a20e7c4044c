import { CancelledError } from '../runtime/cancellation';
import { UserFacingError } from '../runtime/userFacingError';
import { redactSecrets } from '../secrets/redact';
import { awsErrorDetail, awsErrorName } from './awsErrorFields';
import { denialCause, parseIamDenial, type IamDenial } from './iamDenial';
import { describeTransportFailure } from './transportFailure';

/** What was being attempted when an AWS call failed; every field ends up in the sentence. */
export interface AwsCallDescription {
  /** Human name of the service, e.g. `Amazon Bedrock`. */
  readonly service: string;
  /** SDK operation name, e.g. `GetInferenceProfile`. */
  readonly operation: string;
  /** The IAM action the call needs, e.g. `bedrock:GetInferenceProfile`; omitted for calls that need none. */
  readonly iamAction?: string;
  /** The resource the call was about (an ARN), named in denial and not-found sentences. */
  readonly resource?: string;
  /** How the grant must be written when that is not obvious, e.g. `on Resource "*"`. */
  readonly grantScope?: string;
  /** Who can grant a missing permission. */
  readonly grantor?: string;
  /** What the user can do instead, as a clause: `paste your inference profile ARN instead`. */
  readonly alternative?: string;
  /** The AWS profile in use, for the sign-in advice. */
  readonly profile?: string;
}

export type AwsErrorKind =
  | 'cancelled'
  | 'sso-session-expired'
  | 'profile-not-found'
  | 'no-credentials'
  | 'credentials-unavailable'
  | 'credentials-expired'
  | 'credentials-rejected'
  | 'access-denied'
  | 'not-found'
  | 'invalid-request'
  | 'transport';

const DEFAULT_GRANTOR = 'the administrator of your IAM Identity Center permission set';

const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'AuthorizationError', 'Forbidden']);
const NOT_FOUND = new Set(['ResourceNotFoundException', 'NotFoundException', 'NoSuchEntity', 'NotFound']);
const EXPIRED_CREDENTIALS = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const REJECTED_CREDENTIALS = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'IncompleteSignature', 'MissingAuthenticationToken', 'InvalidAccessKeyId']);
const INVALID_REQUEST = new Set(['ValidationException', 'InvalidParameterValue', 'InvalidParameterException', 'BadRequestException', 'SerializationException']);
const PROVIDER_ERRORS = new Set(['CredentialsProviderError', 'TokenProviderError', 'ProviderError']);

/**
 * Sorts an error thrown by an AWS SDK v3 call (or by its credential providers) into the
 * few situations that need different advice. Service errors are recognised by exception
 * name first and HTTP status second, because a 403 or 404 from a proxy has no name.
 */
export function classifyAwsError(error: unknown): AwsErrorKind {
  const name = awsErrorName(error);
  if (error instanceof CancelledError || name === 'AbortError') return 'cancelled';
  if (PROVIDER_ERRORS.has(name)) return classifyProviderError(error);
  if (EXPIRED_CREDENTIALS.has(name)) return 'credentials-expired';
  if (REJECTED_CREDENTIALS.has(name)) return 'credentials-rejected';
  if (ACCESS_DENIED.has(name)) return 'access-denied';
  if (NOT_FOUND.has(name)) return 'not-found';
  if (INVALID_REQUEST.has(name)) return 'invalid-request';
  if (name.endsWith('ServiceException') || name.startsWith('Throttl') || name === 'TooManyRequestsException') return 'transport';
  switch (httpStatus(error)) {
    case 401:
      return 'credentials-rejected';
    case 403:
      return 'access-denied';
    case 404:
      return 'not-found';
    default:
      return 'transport';
  }
}

/**
 * The sentence for a failed AWS call: what was attempted, what went wrong, and what the
 * user (or their admin) can do about it. Shared by every feature that calls AWS so the
 * same failure reads the same everywhere. Returns (does not throw) so callers can record
 * it as evidence as well as raise it.
 */
export function describeAwsError(call: AwsCallDescription, error: unknown): UserFacingError {
  if (error instanceof UserFacingError) return error;
  const kind = classifyAwsError(error);
  const what = `${call.service} ${call.operation}`;
  const signIn = signInAdvice(call.profile);
  const code = `aws.${kind}`;
  switch (kind) {
    case 'cancelled':
      return new CancelledError(what);
    case 'sso-session-expired':
      return new UserFacingError(`Your IAM Identity Center sign-in${profileClause(call.profile)} has expired or is no longer valid, so ${what} could not be called; ${signIn}.`, code, { cause: error });
    case 'profile-not-found':
      return new UserFacingError(`The AWS profile${call.profile ? ` "${call.profile}"` : ''} is not in your AWS config file (${providerDetail(error)}); run Sign In to create it, or pass the name of an existing profile.`, code, { cause: error });
    case 'no-credentials':
      return new UserFacingError(`No AWS credentials were found${profileClause(call.profile)}, so ${what} could not be called; ${signIn}.`, code, { cause: error });
    case 'credentials-unavailable':
      return new UserFacingError(`AWS credentials${profileClause(call.profile)} could not be loaded for ${what} (${providerDetail(error)}); ${signIn}.`, code, { cause: error });
    case 'credentials-expired':
      return new UserFacingError(`The temporary AWS credentials${profileClause(call.profile)} have expired, so ${what} was refused; ${signIn}.`, code, { cause: error });
    case 'credentials-rejected':
      return new UserFacingError(`${call.service} did not recognise the AWS credentials${profileClause(call.profile)} used for ${call.operation} (${awsErrorDetail(error)}); ${signIn}, and check that no AWS_ACCESS_KEY_ID or AWS_BEARER_TOKEN_BEDROCK in your environment overrides the profile.`, code, { cause: error });
    case 'access-denied':
      return new UserFacingError(accessDeniedSentence(call, parseIamDenial(awsErrorDetail(error))), code, { cause: error });
    case 'not-found':
      return new UserFacingError(`${call.service} found no ${call.resource ?? 'such resource'} when calling ${call.operation}; check the ARN and that its region and account are the ones you are signed in to.`, code, { cause: error });
    case 'invalid-request':
      return new UserFacingError(`${call.service} rejected ${call.operation}${call.resource ? ` for ${call.resource}` : ''} as invalid (${awsErrorDetail(error)}); check the value and try again.`, code, { cause: error });
    case 'transport':
      return describeTransportFailure(what, error);
  }
}

/**
 * Names what IAM refused when its message says (the action can differ from the operation's
 * own, e.g. `bedrock:TagResource` for a tagged create), and why: an explicit deny, in the
 * permission set or in an SCP, is not fixed by granting more.
 */
function accessDeniedSentence(call: AwsCallDescription, denial: IamDenial | undefined): string {
  const instead = call.alternative ? `, or ${call.alternative}` : '';
  const grantor = call.grantor ?? DEFAULT_GRANTOR;
  if (denial?.kind === 'explicit') {
    const on = denial.resource ? ` on ${denial.resource}` : '';
    const who = denial.policyType === 'service control' ? 'your AWS Organization\'s administrator' : grantor;
    return `${call.service} denied ${call.operation}: IAM refused ${denial.action}${on} because ${denialCause(denial)}; ask ${who} to lift it${instead}.`;
  }
  if (denial && call.iamAction !== undefined && denial.action !== call.iamAction) {
    const on = denial.resource ? ` on ${denial.resource}` : '';
    return `${call.service} denied ${call.operation}: your role lacks ${denial.action}${on}, which ${call.operation} needs besides ${call.iamAction} (${denialCause(denial)}); ask ${grantor} to grant it${instead}.`;
  }
  const action = denial?.action ?? call.iamAction ?? `the IAM permission for ${call.operation}`;
  const on = call.grantScope ? ` ${call.grantScope}` : call.resource ? ` on ${call.resource}` : denial?.resource ? ` on ${denial.resource}` : '';
  return `${call.service} denied ${call.operation}: your role lacks ${action}${on}; ask ${grantor} to grant it${instead}.`;
}

function classifyProviderError(error: unknown): AwsErrorKind {
  const message = error instanceof Error ? error.message : '';
  if (/Profile .*(was not found|could not be found)|could not be found in shared credentials file/i.test(message)) return 'profile-not-found';
  if (/Could not load credentials from any providers/i.test(message)) return 'no-credentials';
  if (/\bSSO\b|sso_session|Token is expired|UnauthorizedException|sso login/i.test(message)) return 'sso-session-expired';
  return 'credentials-unavailable';
}

function providerDetail(error: unknown): string {
  // Provider messages can quote file content; keep them short and free of secrets.
  const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
  return redactSecrets(message.slice(0, 200));
}

function signInAdvice(profile: string | undefined): string {
  return profile ? `run Sign In (or \`aws sso login --profile ${profile}\`) and try again` : 'run Sign In and try again';
}

function profileClause(profile: string | undefined): string {
  return profile ? ` for profile "${profile}"` : '';
}

function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}
