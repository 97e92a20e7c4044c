import { awsErrorName } from '../awsErrors/awsErrorFields';

/** `LimitExceededException` is deliberately absent: on Bedrock it is a quota, not a rate. */
const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'ThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET']);

/** What a failed call should lead to in a long batch: slow down, try again later, or give up on it. */
export type RetryClass = 'throttled' | 'transient' | 'final';

export function retryClassOf(error: unknown): RetryClass {
  const name = awsErrorName(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  if (THROTTLING.has(name) || status === 429) return 'throttled';
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return 'transient';
  if (name === 'TimeoutError' || name === 'RequestTimeout' || name === 'InternalServerException' || name === 'ServiceUnavailableException') return 'transient';
  if (status !== undefined && status >= 500) return 'transient';
  // A body that could not be parsed: the SDK attaches the raw response.
  if (name === 'SyntaxError' || (typeof error === 'object' && error !== null && '$response' in error && status === undefined)) return 'transient';
  return 'final';
}
