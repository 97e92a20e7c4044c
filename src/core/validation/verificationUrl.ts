import { isDnsHostname, isUnderDomain } from './hostNames';
import { invalidValue, type Validated } from './invalidValue';

/** Domains AWS owns; `aws` is Amazon's own top-level domain (`*.app.aws`). */
const AWS_OWNED_DOMAINS = ['amazonaws.com', 'amazonaws.com.cn', 'amazonaws.eu', 'amazonwebservices.com.cn', 'amazonwebservices.eu', 'awsapps.com', 'awsapps.cn', 'aws'];

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

export interface VerificationUrlOptions {
  /**
   * Also accept `http://` on a loopback host. Only for a session whose SSO endpoints are
   * deliberately overridden to a local emulator; never set from anything a workspace
   * can change.
   */
  readonly allowLoopback?: boolean;
}

/**
 * Checks the `verificationUri` / `verificationUriComplete` that StartDeviceAuthorization
 * returned before it is opened in a browser. The response comes over the network, so a
 * URL that is not https on an AWS-owned host is never opened (a tampered endpoint could
 * otherwise send the user to a look-alike sign-in page). Query and fragment are kept:
 * they carry the user code.
 */
export function validateVerificationUrl(input: string, options: VerificationUrlOptions = {}): Validated<string> {
  const value = input.trim();
  const fail = () =>
    invalidValue(
      'sign-in page address returned by IAM Identity Center',
      value,
      'Only https addresses on an AWS domain (such as device.sso.us-east-1.amazonaws.com) are opened; check that your SSO region and any endpoint override are correct, then sign in again.',
      'validation.verification-url',
    );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail();
  }
  if (url.username !== '' || url.password !== '') return fail();

  if (options.allowLoopback === true && url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname)) return url.href;

  const authority = /^https:\/\/([^/?#\\]*)/i.exec(value)?.[1] ?? '';
  if (url.protocol !== 'https:' || authority.includes(':') || authority.includes('@')) return fail();
  if (!isDnsHostname(url.hostname)) return fail();
  if (!AWS_OWNED_DOMAINS.some((domain) => isUnderDomain(url.hostname, domain))) return fail();
  return url.href;
}
