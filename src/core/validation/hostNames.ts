/**
 * Host-name checks shared by the URL validators. They work on the host as the WHATWG URL
 * parser returns it (lower case, IDNs in punycode), so look-alike Unicode cannot pass.
 */

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A plain DNS name: no IP literal, no trailing dot, every label 1–63 letters/digits/hyphens. */
export function isDnsHostname(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  const labels = host.split('.');
  if (!labels.every((label) => LABEL.test(label))) return false;
  // A purely numeric last label means an IPv4 literal, which no AWS endpoint uses here.
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

/**
 * True when `host` is `suffix` itself (if allowed) or ends with `.suffix` on a label
 * boundary, so `evil-awsapps.com` never counts as `awsapps.com`.
 */
export function isUnderDomain(host: string, suffix: string, options: { allowApex?: boolean } = {}): boolean {
  if (host === suffix) return options.allowApex === true;
  return host.endsWith(`.${suffix}`) && host.length > suffix.length + 1;
}
