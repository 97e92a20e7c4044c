import { redactSecrets } from '../secrets/redact';

/** The SDK's exception name (`AccessDeniedException`, `ThrottlingException`, ...). */
export function awsErrorName(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string' ? (error as { name: string }).name : '';
}

/**
 * The service's own explanation. SSO-OIDC puts it in `error_description` (its bodies
 * have no `message`, so the SDK's `message` is often just the exception name); the
 * other services use `message`. Redacted, because some services echo request values.
 */
export function awsErrorDetail(error: unknown): string {
  if (typeof error !== 'object' || error === null) return redactSecrets(String(error));
  const described = (error as { error_description?: unknown }).error_description;
  if (typeof described === 'string' && described.trim() !== '') return redactSecrets(described.trim());
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && message !== '' ? redactSecrets(message) : 'no details';
}
