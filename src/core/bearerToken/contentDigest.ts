import { createHmac, randomBytes } from 'node:crypto';

/**
 * A fingerprint of a file's whole content, so a fix can refuse to edit a file that
 * changed after the scan.
 *
 * Keyed with a random per-process secret: a plain hash of a file holding an API key
 * could be used to confirm a guessed key offline, a keyed one cannot. The price is that
 * a fix must run in the process that scanned, which is how the extension and the CLI use it.
 */
const KEY = randomBytes(32);

export function contentDigest(content: string): string {
  return createHmac('sha256', KEY).update(content, 'utf8').digest('hex');
}
