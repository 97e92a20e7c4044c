import { isDnsHostname, isUnderDomain } from './hostNames';
import { invalidValue, type Validated } from './invalidValue';

/** Classic access-portal domains: `https://<d-id or alias>.awsapps.com/start`. */
const AWSAPPS_DOMAINS = ['awsapps.com', 'awsapps.cn'];

/** Newer portal hosts the AWS CLI treats as AWS-owned (AWS_FACTS.md, "Start URL forms"). */
const PORTAL_SUFFIXES = ['app.aws', 'portal.amazonaws.com', 'portal.amazonaws.com.cn', 'app.amazonwebservices.com.cn', 'portal.amazonaws.eu', 'api.amazonwebservices.eu'];

const PORTAL_HOSTS = ['identitycenter.amazonaws.com', 'identitycenter.amazonaws.com.cn', 'identitycenter.amazonaws.eu', 'identitycenter.us-gov.amazonaws.com'];

/** `/start` for commercial and China portals, `/directory/<id>` for GovCloud ones. */
const AWSAPPS_PATH = /^\/(?:start|directory\/[A-Za-z0-9-]+)\/?$/;

const EXPECTED = 'Enter your AWS access portal URL, such as https://d-1234567890.awsapps.com/start (your AWS administrator can tell you yours).';

/**
 * Checks an IAM Identity Center start URL (the AWS access portal URL) and returns it
 * normalised: host lower-cased, the browser's `#/` fragment dropped, nothing else changed.
 *
 * Only https URLs on the access-portal host forms are accepted, with no user name,
 * password, port or query: the URL is sent to AWS and opened in a browser, so anything
 * that could point either somewhere else is refused rather than cleaned up.
 */
export function validateStartUrl(input: string): Validated<string> {
  const value = input.trim();
  const fail = (expected: string) => invalidValue('SSO start URL', value, expected, 'validation.start-url');
  if (!/^https:\/\//i.test(value)) return fail(`It must start with https://. ${EXPECTED}`);

  // Judged on the raw text because the URL parser silently drops ":443" and decodes
  // escapes, which is exactly how a port or user-info trick would slip through.
  const authority = /^https:\/\/([^/?#\\]*)/i.exec(value)?.[1] ?? '';
  if (authority.includes('@')) return fail(`It must not contain a user name or password. ${EXPECTED}`);
  if (authority.includes(':')) return fail(`It must not name a port. ${EXPECTED}`);

  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(EXPECTED);
  }
  if (url.username !== '' || url.password !== '' || url.port !== '') return fail(EXPECTED);
  if (url.search !== '') return fail(`It must not have a query (the part after "?"). ${EXPECTED}`);

  const host = url.hostname;
  if (!isDnsHostname(host)) return fail(EXPECTED);

  const path = url.pathname === '/' && !/^https:\/\/[^/]+\//i.test(value) ? '' : url.pathname;
  if (AWSAPPS_DOMAINS.some((domain) => isUnderDomain(host, domain))) {
    if (!AWSAPPS_PATH.test(path)) return fail(`An awsapps.com portal URL ends in /start. ${EXPECTED}`);
    return `https://${host}${path}`;
  }
  if (PORTAL_SUFFIXES.some((suffix) => isUnderDomain(host, suffix)) || PORTAL_HOSTS.includes(host)) {
    return `https://${host}${path}`;
  }
  return fail(`Its host must be an AWS access portal host (such as *.awsapps.com). ${EXPECTED}`);
}
