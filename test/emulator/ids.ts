// Identifier and secret generators. Secrets are random (a leak test must be able to find
// them anywhere); identifiers that AWS derives from names (role ids, reserved-role suffixes)
// are derived deterministically so ARNs stay stable across runs.
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
// AWS device user codes avoid vowels and look-alike characters.
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)] ?? '';
  return out;
}

function derive(alphabet: string, length: number, seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[(digest[i] ?? 0) % alphabet.length] ?? '';
  return out;
}

export function randomToken(prefix: string, bytes: number): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

export const newRequestId = (): string => randomUUID();
export const newClientId = (): string => randomBytes(16).toString('base64url');
export const newClientSecret = (): string => randomToken('eyJraWQiOiJrZXktZW11bGF0b3IifQ.', 160);
export const newDeviceCode = (): string => randomBytes(48).toString('base64url');
export const newUserCode = (): string => `${pick(USER_CODE_ALPHABET, 4)}-${pick(USER_CODE_ALPHABET, 4)}`;
export const newAccessToken = (): string => randomToken('aoa', 120);
export const newRefreshToken = (): string => randomToken('aor', 120);
export const newAccessKeyId = (): string => `ASIA${pick(UPPER_ALNUM, 16)}`;
export const newSecretAccessKey = (): string => randomBytes(30).toString('base64');
export const newSessionToken = (): string => `IQoJb3JpZ2luX2Vj${randomBytes(180).toString('base64')}`;
export const newProfileId = (): string => pick(LOWER_ALNUM, 12);

/** The `<16hex>` of `AWSReservedSSO_<permission set>_<16hex>`, stable per account + role. */
export function reservedRoleSuffix(accountId: string, roleName: string): string {
  return createHash('sha256').update(`${accountId}/${roleName}`).digest('hex').slice(0, 16);
}

/** Role / IAM user unique ids: `AROA…` / `AIDA…` followed by 17 characters. */
export function principalId(prefix: 'AROA' | 'AIDA', seed: string): string {
  return prefix + derive(UPPER_ALNUM, 17, seed);
}
