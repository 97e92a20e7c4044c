import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isInvalid } from '../../../src/core/validation/invalidValue';
import { validateStartUrl } from '../../../src/core/validation/startUrl';
import { validateVerificationUrl } from '../../../src/core/validation/verificationUrl';

function accepted(input: string): string {
  const result = validateStartUrl(input);
  if (isInvalid(result)) assert.fail(`expected ${input} to be accepted, got: ${result.message}`);
  return result;
}

function rejected(input: string): string {
  const result = validateStartUrl(input);
  if (!isInvalid(result)) assert.fail(`expected ${input} to be rejected, got ${result}`);
  assert.equal(result.code, 'validation.start-url');
  return result.message;
}

describe('validateStartUrl', () => {
  it('accepts every access-portal host form and returns it normalised', () => {
    const cases: [string, string][] = [
      ['https://d-1234567890.awsapps.com/start', 'https://d-1234567890.awsapps.com/start'],
      ['  https://d-1234567890.awsapps.com/start  ', 'https://d-1234567890.awsapps.com/start'],
      ['https://my-company.awsapps.com/start/', 'https://my-company.awsapps.com/start/'],
      ['https://My-Company.AWSAPPS.com/start#/', 'https://my-company.awsapps.com/start'],
      ['HTTPS://d-1234567890.awsapps.com/start/#/accounts', 'https://d-1234567890.awsapps.com/start/'],
      ['https://d-9067aa66ff.awsapps.cn/start', 'https://d-9067aa66ff.awsapps.cn/start'],
      ['https://start.us-gov-home.awsapps.com/directory/d-906769aa66', 'https://start.us-gov-home.awsapps.com/directory/d-906769aa66'],
      ['https://ssoins-722355c2d1fe1ccb.portal.us-east-1.app.aws', 'https://ssoins-722355c2d1fe1ccb.portal.us-east-1.app.aws'],
      ['https://ssoins-1.portal.us-east-1.app.aws/', 'https://ssoins-1.portal.us-east-1.app.aws/'],
      ['https://x.portal.amazonaws.com/start', 'https://x.portal.amazonaws.com/start'],
      ['https://x.portal.amazonaws.com.cn/start', 'https://x.portal.amazonaws.com.cn/start'],
      ['https://x.app.amazonwebservices.com.cn/start', 'https://x.app.amazonwebservices.com.cn/start'],
      ['https://x.portal.amazonaws.eu/start', 'https://x.portal.amazonaws.eu/start'],
      ['https://x.api.amazonwebservices.eu/start', 'https://x.api.amazonwebservices.eu/start'],
      ['https://identitycenter.amazonaws.com/ssoins-1234', 'https://identitycenter.amazonaws.com/ssoins-1234'],
      ['https://identitycenter.amazonaws.com.cn/ssoins-1234', 'https://identitycenter.amazonaws.com.cn/ssoins-1234'],
      ['https://identitycenter.amazonaws.eu/ssoins-1234', 'https://identitycenter.amazonaws.eu/ssoins-1234'],
      ['https://identitycenter.us-gov.amazonaws.com/ssoins-1234', 'https://identitycenter.us-gov.amazonaws.com/ssoins-1234'],
    ];
    for (const [input, expected] of cases) assert.equal(accepted(input), expected, input);
  });

  it('refuses http, credentials, ports, queries and hosts that only look like AWS', () => {
    const cases = [
      'http://d-1234567890.awsapps.com/start',
      'd-1234567890.awsapps.com/start',
      'ftp://d-1234567890.awsapps.com/start',
      'https://user:pass@d-1234567890.awsapps.com/start',
      'https://evil.example@d-1234567890.awsapps.com/start',
      'https://d-1234567890.awsapps.com:443/start',
      'https://d-1234567890.awsapps.com:8443/start',
      'https://d-1234567890.awsapps.com/start?next=https://evil.example',
      'https://d-1234567890.awsapps.com.evil.example/start',
      'https://evil-awsapps.com/start',
      'https://awsapps.com/start',
      'https://d-1234567890.awsapps.com./start',
      'https://evil.example/#d-1234567890.awsapps.com/start',
      'https://evil.example\\@d-1234567890.awsapps.com/start',
      'https://evil.example/d-1234567890.awsapps.com/start',
      'https://d-1234567890.awsapps.com/other',
      'https://d-1234567890.awsapps.com',
      'https://app.aws/start',
      'https://identitycenter.amazonaws.com.evil.example/x',
      'https://127.0.0.1/start',
      'https://[::1]/start',
      'https://d-1234567890.awsаpps.com/start',
      '',
      '   ',
    ];
    for (const input of cases) rejected(input);
  });

  it('says which field is wrong, echoes the value and shows the expected form', () => {
    const message = rejected('http://d-1234567890.awsapps.com/start');
    assert.match(message, /SSO start URL/);
    assert.match(message, /"http:\/\/d-1234567890\.awsapps\.com\/start"/);
    assert.match(message, /https:\/\/d-1234567890\.awsapps\.com\/start/);
    assert.match(rejected(''), /^The SSO start URL is empty\./);
    assert.match(rejected('https://x.awsapps.com:443/start'), /port/);
  });

  it('never accepts anything that could break a config line or leave AWS (property)', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc
        .tuple(fc.constantFrom('https://', 'http://', 'HTTPS://', ''), fc.string(), fc.constantFrom('.awsapps.com', '.app.aws', '.awsapps.com.', ''), fc.string())
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(hostile, (input) => {
        const result = validateStartUrl(input);
        if (isInvalid(result)) return;
        assert.match(result, /^https:\/\/[a-z0-9.-]+(\/[^\s#?]*)?$/);
        const host = new URL(result).hostname;
        assert.ok(/\.(awsapps\.com|awsapps\.cn|app\.aws|amazonaws\.com|amazonaws\.com\.cn|amazonaws\.eu|amazonwebservices\.com\.cn|amazonwebservices\.eu)$/.test(host), host);
        assert.equal(validateStartUrl(result), result, 'normalising twice changes nothing');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('validateVerificationUrl', () => {
  it('accepts https on AWS-owned hosts and keeps the user code', () => {
    const cases = [
      'https://device.sso.us-east-1.amazonaws.com/',
      'https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH',
      'https://device.sso.cn-north-1.amazonaws.com.cn/?user_code=ABCD-EFGH',
      'https://d-1234567890.awsapps.com/start/#/device?user_code=ABCD-EFGH',
      'https://ssoins-1.portal.us-east-1.app.aws/#/device?user_code=ABCD-EFGH',
    ];
    for (const input of cases) assert.equal(validateVerificationUrl(input), new URL(input).href);
  });

  it('never lets a non-AWS, non-https or disguised address through', () => {
    const cases = [
      'http://device.sso.us-east-1.amazonaws.com/',
      'https://device.sso.us-east-1.amazonaws.com.evil.example/',
      'https://evilamazonaws.com/',
      'https://user@device.sso.us-east-1.amazonaws.com/',
      'https://device.sso.us-east-1.amazonaws.com:8443/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://127.0.0.1/',
      'http://127.0.0.1:4566/device',
      'not a url',
    ];
    for (const input of cases) {
      const result = validateVerificationUrl(input);
      assert.ok(isInvalid(result), input);
      assert.equal(result.code, 'validation.verification-url');
      assert.match(result.message, /sign-in page address/);
    }
  });

  it('accepts a loopback http address only when explicitly allowed (emulator sessions)', () => {
    assert.ok(isInvalid(validateVerificationUrl('http://127.0.0.1:4566/device?user_code=A')));
    assert.equal(validateVerificationUrl('http://127.0.0.1:4566/device?user_code=A', { allowLoopback: true }), 'http://127.0.0.1:4566/device?user_code=A');
    assert.ok(isInvalid(validateVerificationUrl('http://evil.example/device', { allowLoopback: true })));
  });
});
