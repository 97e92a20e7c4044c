import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** RFC 7636 unreserved characters, the alphabet of a code verifier. */
const VERIFIER_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

export interface PkcePair {
  /** Kept in this process only; sent once, with the code, to CreateToken. */
  readonly codeVerifier: string;
  /** base64url(sha256(verifier)) without padding, sent to the authorize page. */
  readonly codeChallenge: string;
}

/**
 * A 64-character verifier (as the AWS CLI makes) and its S256 challenge. `randomSource`
 * is for tests that need to know the bytes drawn.
 */
export function newPkcePair(randomSource: (size: number) => Uint8Array = randomBytes): PkcePair {
  // Bytes at or above the largest multiple of the alphabet's size are skipped, so every
  // character is equally likely.
  const limit = 256 - (256 % VERIFIER_ALPHABET.length);
  let codeVerifier = '';
  while (codeVerifier.length < 64) {
    for (const byte of randomSource(96)) {
      if (byte >= limit) continue;
      codeVerifier += VERIFIER_ALPHABET.charAt(byte % VERIFIER_ALPHABET.length);
      if (codeVerifier.length === 64) break;
    }
  }
  return { codeVerifier, codeChallenge: pkceChallenge(codeVerifier) };
}

export function pkceChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}

/** An unguessable `state`, checked on the redirect so a forged callback is refused. */
export function newAuthorizationState(): string {
  return randomUUID();
}
