/**
 * Removes secrets from text that is about to reach a log, an error message or a
 * notification. Two nets: the exact values this process has seen (tokens, client
 * secrets, keys — registered as they arrive), and shapes that are secret whatever
 * their value (JSON fields and SigV4/ bearer headers that carry credentials).
 */
const knownSecrets = new Set<string>();

/** Remember a secret value so every later `redactSecrets` call masks it. */
export function registerSecret(value: string | undefined): void {
  // Very short values would mask ordinary words; real tokens are long.
  if (value && value.length >= 8) knownSecrets.add(value);
}

const SECRET_FIELDS = /("?(?:accessToken|refreshToken|clientSecret|secretAccessKey|sessionToken|SecretAccessKey|SessionToken|access_token|refresh_token|client_secret|deviceCode|device_code|AWS_BEARER_TOKEN_BEDROCK|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN)"?\s*[:=]\s*"?)([^"\s,}]+)/g;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g;
const SSO_BEARER_HEADER = /(x-amz-sso_bearer_token\s*[:=]\s*)\S+/gi;

export function redactSecrets(text: string): string {
  let result = text;
  for (const secret of knownSecrets) {
    if (result.includes(secret)) result = result.split(secret).join('«redacted»');
  }
  return result.replace(SECRET_FIELDS, '$1«redacted»').replace(BEARER, '$1«redacted»').replace(SSO_BEARER_HEADER, '$1«redacted»');
}
