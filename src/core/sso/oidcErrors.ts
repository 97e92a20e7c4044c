import { UserFacingError } from '../runtime/userFacingError';
import { awsErrorDetail, awsErrorName } from '../awsErrors/awsErrorFields';
import { describeTransportFailure } from '../awsErrors/transportFailure';

/** Turns an SSO-OIDC failure into a sentence that says what happened and what to do. */
export function describeOidcFailure(operation: string, error: unknown, startUrl: string): UserFacingError {
  const name = awsErrorName(error);
  const detail = awsErrorDetail(error);
  switch (name) {
    case 'ExpiredTokenException':
      return new UserFacingError('The sign-in code expired before it was approved. Run Sign In again and approve the code in your browser before it expires.', 'sso.code-expired', { cause: error });
    case 'AccessDeniedException':
      return new UserFacingError(`Sign-in was denied in the browser (${detail}). Run Sign In again and choose Allow, or ask your admin whether you are assigned to an AWS account.`, 'sso.access-denied', { cause: error });
    case 'InvalidClientException':
    case 'UnauthorizedClientException':
      return new UserFacingError(`IAM Identity Center no longer accepts this tool's client registration (${detail}). Run Sign In again; a new registration is made automatically.`, 'sso.invalid-client', { cause: error });
    case 'InvalidGrantException':
      return new UserFacingError(`IAM Identity Center rejected the sign-in grant (${detail}). Run Sign In again.`, 'sso.invalid-grant', { cause: error });
    case 'InvalidRequestRegionException':
      return new UserFacingError(`The SSO region does not match the access portal ${startUrl} (${detail}). Check the SSO region setting; it is the region where IAM Identity Center is enabled.`, 'sso.wrong-region', { cause: error });
    case 'InvalidRequestException':
      return new UserFacingError(`IAM Identity Center rejected ${operation} (${detail}). Check the start URL ${startUrl} and the SSO region.`, 'sso.invalid-request', { cause: error });
    default:
      return describeTransportFailure(`IAM Identity Center (${operation})`, error);
  }
}
