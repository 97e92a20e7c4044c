import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateAccountId } from '../../../src/core/validation/accountId';
import { validateRegion } from '../../../src/core/validation/awsRegion';
import {
  validateOutputFormat,
  validateProfileName,
  validateRegistrationScopes,
  validateRoleName,
  validateSsoSessionName,
} from '../../../src/core/validation/configNames';
import {
  validateApplicationInferenceProfileArn,
  validateSystemInferenceProfileArn,
  validateSystemInferenceProfileId,
} from '../../../src/core/validation/inferenceProfileIds';
import { isInvalid, type Validated } from '../../../src/core/validation/invalidValue';

function expectInvalid<T>(result: Validated<T>, code: string, ...patterns: RegExp[]): void {
  if (!isInvalid(result)) assert.fail(`expected ${code}, got ${JSON.stringify(result)}`);
  assert.equal(result.code, code);
  for (const pattern of patterns) assert.match(result.message, pattern);
}

describe('validateRegion', () => {
  it('accepts commercial, GovCloud, China and ISO regions, normalised to lower case', () => {
    for (const region of ['us-east-1', 'eu-central-2', 'ap-southeast-4', 'us-gov-west-1', 'cn-north-1', 'us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1', 'il-central-1', 'mx-central-1']) {
      assert.equal(validateRegion(region), region);
    }
    assert.equal(validateRegion(' US-EAST-1 '), 'us-east-1');
  });

  it('refuses anything that is not a region code, naming the field and the form', () => {
    for (const bad of ['us-east', 'us_east_1', 'useast1', 'us-east-1/..', 'us-east-1.evil.example', 'a-east-1', 'us-east-123', '', 'us-east-1\nx']) {
      expectInvalid(validateRegion(bad), 'validation.region', /AWS region/, /us-east-1/);
    }
    expectInvalid(validateRegion('eu west', 'SSO region'), 'validation.region', /^The SSO region "eu west" is not valid\./);
  });
});

describe('validateAccountId', () => {
  it('accepts 12 digits, also grouped as the console shows them', () => {
    assert.equal(validateAccountId('111122223333'), '111122223333');
    assert.equal(validateAccountId(' 1111-2222-3333 '), '111122223333');
    assert.equal(validateAccountId('1111 2222 3333'), '111122223333');
  });

  it('refuses other lengths, letters and mixed grouping', () => {
    for (const bad of ['11112222333', '1111222233334', '11112222333a', '1111-2222 3333', '', 'arn:aws:iam::111122223333:root']) {
      expectInvalid(validateAccountId(bad), 'validation.account-id', /AWS account ID/, /12-digit/);
    }
  });
});

describe('profile, sso-session and role names', () => {
  it('accepts what both the AWS CLI and the JavaScript SDK read', () => {
    for (const name of ['dev', 'claude-bedrock', 'Team_A.prod', 'user@corp', 'a+b', 'x:y/z', '100%', 'default']) {
      assert.equal(validateProfileName(name), name);
      assert.equal(validateSsoSessionName(name), name);
    }
    assert.equal(validateProfileName('  dev  '), 'dev');
  });

  it('refuses names that would break or escape a section header', () => {
    for (const bad of ['my profile', 'a]b', 'a[b', 'a=b', 'a#b', 'a;b', '"a"', "a'b", 'a\nb', 'a\tb', '', '__proto__', 'x'.repeat(129), 'é']) {
      expectInvalid(validateProfileName(bad), 'validation.profile-name', /AWS profile name/, /no spaces/);
      expectInvalid(validateSsoSessionName(bad), 'validation.sso-session-name', /SSO session name/);
    }
  });

  it('accepts IAM role names and refuses the rest', () => {
    for (const role of ['AdministratorAccess', 'Claude_Developers', 'a+=,.@-_b', 'x'.repeat(64)]) assert.equal(validateRoleName(role), role);
    for (const bad of ['has space', 'a/b', 'a#b', 'x'.repeat(65), '', 'a\nb']) {
      expectInvalid(validateRoleName(bad), 'validation.role-name', /role \(permission set\) name/);
    }
  });

  it('no accepted name contains a character that is special in the config file (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', ' ', ']', '[', '=', '#', ';', '"', '\n', '\t', '\r', 'é', '\u2028', '\ufeff'), maxLength: 20 })), (input) => {
        for (const result of [validateProfileName(input), validateSsoSessionName(input), validateRoleName(input)]) {
          if (!isInvalid(result)) assert.doesNotMatch(result, /[\s\][#;"'\\]|^$/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('output format and registration scopes', () => {
  it('accepts the CLI output formats only', () => {
    assert.equal(validateOutputFormat('JSON'), 'json');
    assert.equal(validateOutputFormat('yaml-stream'), 'yaml-stream');
    expectInvalid(validateOutputFormat('xml'), 'validation.output-format', /json, yaml, yaml-stream, text, table/);
  });

  it('normalises a comma-separated scope list and refuses blanks inside scopes', () => {
    assert.equal(validateRegistrationScopes('sso:account:access'), 'sso:account:access');
    assert.equal(validateRegistrationScopes(' sso:account:access , codewhisperer:completions ,'), 'sso:account:access,codewhisperer:completions');
    expectInvalid(validateRegistrationScopes('sso account'), 'validation.registration-scopes', /comma-separated/);
    expectInvalid(validateRegistrationScopes(' , '), 'validation.registration-scopes');
  });
});

describe('inference profile identifiers', () => {
  it('parses an application inference profile ARN in each partition', () => {
    assert.deepEqual(validateApplicationInferenceProfileArn(' arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc123def456 '), {
      arn: 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc123def456',
      partition: 'aws',
      region: 'us-east-1',
      accountId: '111122223333',
      profileId: 'abc123def456',
    });
    const gov = validateApplicationInferenceProfileArn('arn:aws-us-gov:bedrock:us-gov-west-1:111122223333:application-inference-profile/x1');
    assert.ok(!isInvalid(gov) && gov.partition === 'aws-us-gov');
    const china = validateApplicationInferenceProfileArn('arn:aws-cn:bedrock:cn-north-1:111122223333:application-inference-profile/x1');
    assert.ok(!isInvalid(china) && china.region === 'cn-north-1');
  });

  it('refuses look-alike ARNs with a sentence showing the expected shape', () => {
    const bad = [
      'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0',
      'arn:aws:bedrock:us-east-1:11112222333:application-inference-profile/abc',
      'arn:aws:bedrock::111122223333:application-inference-profile/abc',
      'arn:aws:s3:us-east-1:111122223333:application-inference-profile/abc',
      'arn:aws-iso:bedrock:us-iso-east-1:111122223333:application-inference-profile/abc',
      'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc/../x',
      'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/',
      'abc123def456',
    ];
    for (const value of bad) {
      expectInvalid(validateApplicationInferenceProfileArn(value), 'validation.inference-profile-arn', /application inference profile ARN/, /arn:aws:bedrock:us-east-1:111122223333:application-inference-profile\//);
    }
  });

  it('accepts system-defined profile ids and ARNs', () => {
    for (const id of ['us.anthropic.claude-sonnet-4-20250514-v1:0', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0', 'apac.anthropic.claude-3-haiku-20240307-v1:0', 'us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0']) {
      assert.equal(validateSystemInferenceProfileId(id), id);
    }
    assert.deepEqual(validateSystemInferenceProfileArn('arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0'), {
      arn: 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0',
      region: 'us-east-1',
      profileId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
    });
    for (const bad of ['anthropic.claude-v2', 'us.anthropic', 'us..claude', 'US.anthropic.claude', 'us.anthropic.claude v1', '']) {
      expectInvalid(validateSystemInferenceProfileId(bad), 'validation.system-profile-id', /system inference profile ID/);
    }
    expectInvalid(validateSystemInferenceProfileArn('arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc'), 'validation.system-profile-arn');
  });
});
