import { UserFacingError, isUserFacingError } from '../runtime/userFacingError';
import { redactSecrets } from '../secrets/redact';

const THROTTLING = new Set(['LimitExceededException', 'ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded']);
const SIGN_IN = new Set([
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'UnauthorizedException',
  'CredentialsProviderError',
  'TokenProviderError',
  'InvalidGrantException',
]);
// Stryker disable next-line StringLiteral: only matched against the message patterns below, which no text without their words matches
const NO_MESSAGE = '';
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);

/**
 * Explains a failed Cost Explorer call in one sentence. It runs after the SDK's own
 * retries, so throttling and server errors here mean they persisted.
 */
export function costExplorerFailure(error: unknown): UserFacingError {
  if (isUserFacingError(error)) return error;
  const failure = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number }; $fault?: unknown };
  const name = typeof failure.name === 'string' ? failure.name : '';
  const code = typeof failure.code === 'string' ? failure.code : '';
  const status = failure.$metadata?.httpStatusCode;
  const options = { cause: error };

  const message = typeof failure.message === 'string' ? failure.message : NO_MESSAGE;
  // An account (or organisation) that never enabled Cost Explorer answers AccessDenied too,
  // but no IAM policy fixes it: Cost Explorer is enabled once, in the console of the paying
  // (management) account, never through the API ("Enabling Cost Explorer", AWS Cost Management User Guide).
  if ((name === 'AccessDeniedException' || name === 'AccessDenied') && /not enabled for cost explorer/i.test(message)) {
    return new UserFacingError(
      'Cost Explorer is not enabled for this AWS account: ask your AWS billing administrator to enable it (opening Cost Explorer once in the Billing and Cost Management console of the paying account does it); data appears about a day later. Showing a local estimate meanwhile.',
      'cost.not-enabled',
      options,
    );
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return new UserFacingError(
      'Cost Explorer is not permitted for your role: ask your admin to allow ce:GetCostAndUsage; showing a local estimate.',
      'cost.access-denied',
      options,
    );
  }
  if (name === 'DataUnavailableException') {
    return new UserFacingError(
      'Cost Explorer has no data for this account yet (it was enabled less than a day ago, or the account is new): nothing to do, it appears within about a day; showing a local estimate meanwhile.',
      'cost.data-unavailable',
      options,
    );
  }
  if (THROTTLING.has(name) || status === 429) {
    return new UserFacingError(
      'Cost Explorer is throttling requests and kept refusing after several tries: showing the last known cost with a local estimate; it will be tried again at the next refresh.',
      'cost.throttled',
      options,
    );
  }
  if (SIGN_IN.has(name) || /\bSSO\b|token.*expired|expired.*token/i.test(message)) {
    return new UserFacingError(
      'Your AWS sign-in has expired or is not available: sign in again (Claude Code on Bedrock: Sign In, or `aws sso login`) to see billed cost; showing a local estimate meanwhile.',
      'cost.sign-in-required',
      options,
    );
  }
  if (NETWORK_CODES.has(code) || name === 'TimeoutError' || name === 'RequestTimeout' || name === 'NetworkingError') {
    return new UserFacingError(
      'Cost Explorer could not be reached (network error): check your connection or proxy; showing the last known cost with a local estimate.',
      'cost.network',
      options,
    );
  }
  if ((status !== undefined && status >= 500) || failure.$fault === 'server') {
    return new UserFacingError(
      `Cost Explorer is failing right now (HTTP ${status ?? 'server error'}) even after retries: showing the last known cost with a local estimate; it will be tried again at the next refresh.`,
      'cost.service-unavailable',
      options,
    );
  }
  const label = redactSecrets(name || code || 'unknown error');
  return new UserFacingError(
    `The Cost Explorer request failed (${label}): showing a local estimate; the log has the details.`,
    'cost.failed',
    options,
  );
}
