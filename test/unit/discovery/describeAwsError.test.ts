import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { AccessDeniedException, ResourceNotFoundException, ThrottlingException, ValidationException } from '@aws-sdk/client-bedrock';
import { STSServiceException } from '@aws-sdk/client-sts';
import { classifyAwsError, describeAwsError, type AwsCallDescription } from '../../../src/core/awsErrors/describeAwsError';
import { profileCredentials } from '../../../src/core/identity/profileCredentials';
import { CancelledError } from '../../../src/core/runtime/cancellation';
import { registerSecret } from '../../../src/core/secrets/redact';

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode, attempts: 3 } });
const getProfile: AwsCallDescription = {
  service: 'Amazon Bedrock',
  operation: 'GetInferenceProfile',
  iamAction: 'bedrock:GetInferenceProfile',
  resource: 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc',
  profile: 'dev',
};

describe('describeAwsError', () => {
  it('a denial names the operation, the IAM action, the resource and who grants it, in one sentence', () => {
    const error = describeAwsError(getProfile, new AccessDeniedException({ message: 'User: x is not authorized', ...meta(403) }));
    assert.equal(error.code, 'aws.access-denied');
    assert.equal(
      error.message,
      'Amazon Bedrock denied GetInferenceProfile: your role lacks bedrock:GetInferenceProfile on arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc; ask the administrator of your IAM Identity Center permission set to grant it.',
    );
    const listing = describeAwsError(
      { service: 'Amazon Bedrock', operation: 'ListInferenceProfiles', iamAction: 'bedrock:ListInferenceProfiles', grantScope: 'with Resource "*"', grantor: 'your platform team', alternative: 'paste an ARN' },
      new AccessDeniedException({ message: 'denied', ...meta(403) }),
    );
    assert.equal(listing.message, 'Amazon Bedrock denied ListInferenceProfiles: your role lacks bedrock:ListInferenceProfiles with Resource "*"; ask your platform team to grant it, or paste an ARN.');
  });

  it('classifies by exception name first and HTTP status second', () => {
    assert.equal(classifyAwsError(new ResourceNotFoundException({ message: 'x', ...meta(404) })), 'not-found');
    assert.equal(classifyAwsError(new ValidationException({ message: 'x', ...meta(400) })), 'invalid-request');
    assert.equal(classifyAwsError(new ThrottlingException({ message: 'x', ...meta(429) })), 'transport');
    assert.equal(classifyAwsError(new STSServiceException({ name: 'ExpiredToken', $fault: 'client', message: 'expired', ...meta(400) })), 'credentials-expired');
    assert.equal(classifyAwsError(new STSServiceException({ name: 'InvalidClientTokenId', $fault: 'client', message: 'bad', ...meta(403) })), 'credentials-rejected');
    assert.equal(classifyAwsError(Object.assign(new Error('Forbidden'), { name: 'Unknown', ...meta(403) })), 'access-denied');
    assert.equal(classifyAwsError(Object.assign(new Error('aborted'), { name: 'AbortError' })), 'cancelled');
    assert.equal(classifyAwsError(new CancelledError('x')), 'cancelled');
  });

  it('throttling, network and server faults get the shared transport sentences', () => {
    assert.equal(describeAwsError(getProfile, new ThrottlingException({ message: 'slow down', ...meta(429) })).code, 'aws.throttled');
    assert.equal(describeAwsError(getProfile, new STSServiceException({ name: 'Throttling', $fault: 'client', message: 'Rate exceeded', ...meta(400) })).code, 'aws.throttled');
    const network = describeAwsError(getProfile, Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }));
    assert.equal(network.code, 'aws.network');
    assert.match(network.message, /Amazon Bedrock GetInferenceProfile/);
    assert.equal(describeAwsError(getProfile, Object.assign(new Error('oops'), { name: 'InternalServerException', ...meta(500) })).code, 'aws.server-error');
  });

  it('a not-found names the resource; cancellation becomes the cancelled error; a UserFacingError passes through', () => {
    const missing = describeAwsError(getProfile, new ResourceNotFoundException({ message: 'nope', ...meta(404) }));
    assert.equal(missing.code, 'aws.not-found');
    assert.ok(missing.message.includes(getProfile.resource ?? ''));
    assert.equal(describeAwsError(getProfile, Object.assign(new Error('aborted'), { name: 'AbortError' })).code, 'cancelled');
    const original = new CancelledError('x');
    assert.equal(describeAwsError(getProfile, original), original);
  });

  it('never repeats a registered secret that a service echoed back', () => {
    const secret = 'ASIAEXAMPLESECRETVALUE0123456789';
    registerSecret(secret);
    const error = describeAwsError(getProfile, new ValidationException({ message: `bad token ${secret}`, ...meta(400) }));
    assert.ok(!error.message.includes(secret));
    assert.match(error.message, /«redacted»/);
  });

  describe('credential-provider failures from the real SDK providers', () => {
    let home: string;
    let saved: NodeJS.ProcessEnv;
    beforeEach(async () => {
      saved = { ...process.env };
      home = await fs.mkdtemp(path.join(os.tmpdir(), 'describe-aws-error-'));
      for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) Reflect.deleteProperty(process.env, name);
      process.env['HOME'] = home;
    });
    afterEach(async () => {
      for (const name of Object.keys(process.env)) if (!(name in saved)) Reflect.deleteProperty(process.env, name);
      Object.assign(process.env, saved);
      await fs.rm(home, { recursive: true, force: true });
    });

    async function providerError(profile: string | undefined): Promise<unknown> {
      try {
        await profileCredentials(profile)();
      } catch (error) {
        return error;
      }
      assert.fail('expected the provider to fail');
    }

    it('no credentials at all, and a profile that does not exist, get their own sentences', async () => {
      const none = describeAwsError({ service: 'AWS STS', operation: 'GetCallerIdentity' }, await providerError(undefined));
      assert.equal(none.code, 'aws.no-credentials');
      assert.match(none.message, /No AWS credentials were found/);

      await fs.mkdir(path.join(home, '.aws'));
      await fs.writeFile(path.join(home, '.aws', 'config'), '[profile other]\nregion = us-east-1\n');
      const missing = describeAwsError({ service: 'AWS STS', operation: 'GetCallerIdentity', profile: 'dev' }, await providerError('dev'));
      assert.ok(['aws.profile-not-found', 'aws.no-credentials'].includes(missing.code), missing.code);
      assert.match(missing.message, /dev/);
    });

    it('an SSO profile whose token was never cached is an expired sign-in with the login command', async () => {
      await fs.mkdir(path.join(home, '.aws'));
      await fs.writeFile(
        path.join(home, '.aws', 'config'),
        '[profile dev]\nsso_session = s\nsso_account_id = 111122223333\nsso_role_name = R\nregion = us-east-1\n\n[sso-session s]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n',
      );
      const error = describeAwsError({ service: 'AWS STS', operation: 'GetCallerIdentity', profile: 'dev' }, await providerError('dev'));
      assert.equal(error.code, 'aws.sso-session-expired');
      assert.match(error.message, /aws sso login --profile dev/);
    });
  });
});
