import { UserFacingError } from '../runtime/userFacingError';
import { awsErrorDetail, awsErrorName } from './awsErrorFields';

/** Throttling as each service spells it (STS `Throttling`, Cost Explorer `LimitExceededException`, EC2-style `RequestLimitExceeded`). */
const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'ThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded', 'LimitExceededException', 'SlowDown']);

/** Network, throttling and server faults: the same sentences for every AWS call we make. */
export function describeTransportFailure(what: string, error: unknown): UserFacingError {
  const name = awsErrorName(error);
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const status = typeof error === 'object' && error !== null ? (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode : undefined;
  if (THROTTLING.has(name) || status === 429) {
    return new UserFacingError(`${what} is throttling requests and still refused after retries. Wait a minute and try again.`, 'aws.throttled', { cause: error });
  }
  if (typeof code === 'string' && ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE'].includes(code)) {
    return new UserFacingError(`Could not reach ${what} (${code}). Check your network connection or proxy and try again.`, 'aws.network', { cause: error });
  }
  if (name === 'TimeoutError' || name === 'RequestTimeout') {
    return new UserFacingError(`${what} did not answer in time. Check your network connection and try again.`, 'aws.timeout', { cause: error });
  }
  if (status !== undefined && status >= 500) {
    return new UserFacingError(`${what} had a server error (HTTP ${status}) and still failed after retries. Try again in a few minutes.`, 'aws.server-error', { cause: error });
  }
  if (error instanceof SyntaxError || name === 'SyntaxError' || (typeof error === 'object' && error !== null && '$response' in error)) {
    return new UserFacingError(`${what} sent a response that could not be read. Try again; if it keeps happening, check for a proxy that rewrites traffic.`, 'aws.malformed-response', { cause: error });
  }
  return new UserFacingError(`${what} failed: ${awsErrorDetail(error)}. Try again; if it keeps failing, run Check Setup.`, 'aws.unexpected', { cause: error });
}
