// What travels over the wire: the parsed request every service handler receives, the
// response it returns, and how an error looks in each AWS protocol. The shapes follow what
// the AWS SDK v3 deserializers read (see @aws-sdk/core protocols): REST-JSON takes the error
// type from the `x-amzn-errortype` header, JSON 1.1 from `__type`, awsQuery from <Error><Code>.

export type ServiceName = 'sso-oidc' | 'sso' | 'sts' | 'bedrock' | 'bedrock-runtime' | 'cost-explorer' | 'identitystore' | 'sso-admin';

export const SERVICE_NAMES: readonly ServiceName[] = ['sso-oidc', 'sso', 'sts', 'bedrock', 'bedrock-runtime', 'cost-explorer', 'identitystore', 'sso-admin'];

export interface EmulatorRequest {
  method: string;
  /** Raw (still percent-encoded) path without the query string. */
  path: string;
  /** Path split on '/', each segment percent-decoded (ARNs in labels arrive encoded). */
  segments: string[];
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
  /** The operation's path label (profile identifier or model id), decoded; set by the router. */
  label?: string;
}

export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Event-stream messages, written one write() at a time after the headers (body is then empty). */
  frames?: Buffer[];
}

/**
 * A modelled AWS error. `code` is the error type the SDK maps to its exception class;
 * `fields` are extra members of the error body (for SSO-OIDC: `error` / `error_description`).
 */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): EmulatorResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(JSON.stringify(value), 'utf8'),
  };
}

export function emptyResponse(status = 200): EmulatorResponse {
  return { status, headers: {}, body: Buffer.alloc(0) };
}

export function xmlEscape(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

export function xmlResponse(status: number, xml: string): EmulatorResponse {
  return { status, headers: { 'content-type': 'text/xml' }, body: Buffer.from(xml, 'utf8') };
}

/** Renders an error the way the given service's protocol carries it. */
export function renderError(service: ServiceName, error: ServiceError, requestId: string): EmulatorResponse {
  switch (service) {
    case 'sso-oidc':
      // SSO-OIDC bodies carry OAuth-style `error` / `error_description` and no `message`;
      // the SDK still finds the exception type in the header.
      return jsonResponse(
        error.status,
        { error: oauthErrorCode(error.code), error_description: error.message, ...error.fields },
        { 'x-amzn-errortype': error.code, 'x-amzn-requestid': requestId },
      );
    case 'sts': {
      const type = error.status >= 500 ? 'Receiver' : 'Sender';
      return xmlResponse(
        error.status,
        `<ErrorResponse><Error><Type>${type}</Type><Code>${xmlEscape(error.code)}</Code>` +
          `<Message>${xmlEscape(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      );
    }
    case 'cost-explorer':
    case 'identitystore':
    case 'sso-admin':
      return {
        ...jsonResponse(error.status, { __type: error.code, Message: error.message, ...error.fields }, { 'x-amzn-requestid': requestId }),
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
      };
    case 'sso':
    case 'bedrock':
    case 'bedrock-runtime':
      return jsonResponse(error.status, { message: error.message, ...error.fields }, { 'x-amzn-errortype': error.code, 'x-amzn-requestid': requestId });
  }
}

/** AuthorizationPendingException → authorization_pending (RFC 8628 / 6749 error codes). */
function oauthErrorCode(code: string): string {
  const known: Record<string, string> = {
    AuthorizationPendingException: 'authorization_pending',
    SlowDownException: 'slow_down',
    ExpiredTokenException: 'expired_token',
    AccessDeniedException: 'access_denied',
    InvalidGrantException: 'invalid_grant',
    InvalidClientException: 'invalid_client',
    InvalidRequestException: 'invalid_request',
    InvalidScopeException: 'invalid_scope',
    InvalidClientMetadataException: 'invalid_client_metadata',
    UnsupportedGrantTypeException: 'unsupported_grant_type',
    UnauthorizedClientException: 'unauthorized_client',
    InternalServerException: 'server_error',
  };
  return known[code] ?? code.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** A 5xx in the service's own vocabulary (used by status faults and unexpected emulator bugs). */
export function serverError(service: ServiceName, status: number): ServiceError {
  const unavailable = status === 503;
  switch (service) {
    case 'sts':
      return unavailable
        ? new ServiceError('ServiceUnavailable', 503, 'Service is unavailable. Please try again later.')
        : new ServiceError('InternalFailure', status, 'The request processing has failed because of an unknown error.');
    case 'cost-explorer':
      return unavailable
        ? new ServiceError('ServiceUnavailableException', 503, 'Service Unavailable')
        : new ServiceError('InternalServerException', status, 'Internal server error');
    default:
      return unavailable
        ? new ServiceError('ServiceUnavailableException', 503, 'Service is temporarily unavailable. Please try again later.')
        : new ServiceError('InternalServerException', status, 'An internal server error occurred. Retry your request.');
  }
}

/** Throttling in the service's own vocabulary; every code here is one the SDK retries. */
export function throttlingError(service: ServiceName): ServiceError {
  switch (service) {
    case 'sts':
      return new ServiceError('Throttling', 400, 'Rate exceeded');
    case 'sso':
      return new ServiceError('TooManyRequestsException', 429, 'Too many requests');
    case 'cost-explorer':
      return new ServiceError('LimitExceededException', 400, 'Rate exceeded');
    default:
      return new ServiceError('ThrottlingException', 429, 'Too many requests, please wait before trying again.');
  }
}

export type AuthFailure = 'missing' | 'unknown' | 'expired' | 'bearer-not-accepted';

/** What each signed service answers when the request's credentials are missing, unknown or expired. */
export function authError(service: ServiceName, failure: AuthFailure): ServiceError {
  if (service === 'sts') {
    switch (failure) {
      case 'expired':
        return new ServiceError('ExpiredToken', 400, 'The security token included in the request is expired');
      case 'missing':
        return new ServiceError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token');
      default:
        return new ServiceError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
    }
  }
  const status = service === 'cost-explorer' || service === 'identitystore' || service === 'sso-admin' ? 400 : 403;
  switch (failure) {
    case 'expired':
      return new ServiceError('ExpiredTokenException', status, 'The security token included in the request is expired');
    case 'missing':
      return new ServiceError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token');
    default:
      return new ServiceError('UnrecognizedClientException', status, 'The security token included in the request is invalid.');
  }
}

export function parseJsonBody(req: EmulatorRequest, onError: () => ServiceError): Record<string, unknown> {
  if (req.body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(req.body.toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw onError();
    return value as Record<string, unknown>;
  } catch (e) {
    if (e instanceof ServiceError) throw e;
    throw onError();
  }
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
