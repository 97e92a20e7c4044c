import assert from 'node:assert/strict';
import { costExplorerFailure } from '../../../src/core/cost/costExplorerErrors';
import { UserFacingError } from '../../../src/core/runtime/userFacingError';

/** An SDK-shaped service error: name, optional code, HTTP status and fault. */
function sdkError(fields: { name?: unknown; code?: unknown; message?: unknown; status?: number; fault?: string }): unknown {
  return {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.code !== undefined ? { code: fields.code } : {}),
    ...(fields.message !== undefined ? { message: fields.message } : {}),
    ...(fields.status !== undefined ? { $metadata: { httpStatusCode: fields.status } } : {}),
    ...(fields.fault !== undefined ? { $fault: fields.fault } : {}),
  };
}

describe('cost: what a failed Cost Explorer call tells the developer', () => {
  const cases: { name: string; error: unknown; code: string; sentence: RegExp }[] = [
    { name: 'Cost Explorer not enabled (AccessDeniedException)', error: sdkError({ name: 'AccessDeniedException', message: 'User not enabled for cost explorer access' }), code: 'cost.not-enabled', sentence: /^Cost Explorer is not enabled for this AWS account: ask your AWS billing administrator to enable it \(opening Cost Explorer once in the Billing and Cost Management console of the paying account does it\); data appears about a day later\. Showing a local estimate meanwhile\.$/ },
    { name: 'Cost Explorer not enabled (AccessDenied, other case)', error: sdkError({ name: 'AccessDenied', message: 'NOT ENABLED FOR COST EXPLORER' }), code: 'cost.not-enabled', sentence: /not enabled for this AWS account/ },
    { name: 'denied by IAM (AccessDeniedException)', error: sdkError({ name: 'AccessDeniedException', message: 'not authorized to perform: ce:GetCostAndUsage' }), code: 'cost.access-denied', sentence: /^Cost Explorer is not permitted for your role: ask your admin to allow ce:GetCostAndUsage; showing a local estimate\.$/ },
    { name: 'denied by IAM (AccessDenied)', error: sdkError({ name: 'AccessDenied' }), code: 'cost.access-denied', sentence: /not permitted for your role/ },
    { name: 'a message about enabling under another name is no denial', error: sdkError({ name: 'ValidationException', message: 'User not enabled for cost explorer access' }), code: 'cost.failed', sentence: /failed \(ValidationException\)/ },
    { name: 'data unavailable', error: sdkError({ name: 'DataUnavailableException' }), code: 'cost.data-unavailable', sentence: /^Cost Explorer has no data for this account yet \(it was enabled less than a day ago, or the account is new\): nothing to do, it appears within about a day; showing a local estimate meanwhile\.$/ },
    ...['LimitExceededException', 'ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded'].map((name) => ({ name: `throttled (${name})`, error: sdkError({ name }), code: 'cost.throttled', sentence: /^Cost Explorer is throttling requests and kept refusing after several tries: showing the last known cost with a local estimate; it will be tried again at the next refresh\.$/ })),
    { name: 'throttled (HTTP 429 under another name)', error: sdkError({ name: 'SomethingElse', status: 429 }), code: 'cost.throttled', sentence: /throttling/ },
    ...['ExpiredTokenException', 'ExpiredToken', 'InvalidClientTokenId', 'UnrecognizedClientException', 'UnauthorizedException', 'CredentialsProviderError', 'TokenProviderError', 'InvalidGrantException'].map((name) => ({ name: `sign-in (${name})`, error: sdkError({ name, status: 403 }), code: 'cost.sign-in-required', sentence: /^Your AWS sign-in has expired or is not available: sign in again \(Claude Code on Bedrock: Sign In, or `aws sso login`\) to see billed cost; showing a local estimate meanwhile\.$/ })),
    { name: 'sign-in (SSO in the message)', error: new Error('The SSO session associated with this profile is invalid'), code: 'cost.sign-in-required', sentence: /sign-in has expired/ },
    { name: 'sign-in (token … expired)', error: new Error('The security token included in the request is expired'), code: 'cost.sign-in-required', sentence: /sign-in has expired/ },
    { name: 'sign-in (expired … token)', error: new Error('Expired security token'), code: 'cost.sign-in-required', sentence: /sign-in has expired/ },
    ...['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET'].map((code) => ({ name: `network (${code})`, error: sdkError({ name: 'Error', code }), code: 'cost.network', sentence: /^Cost Explorer could not be reached \(network error\): check your connection or proxy; showing the last known cost with a local estimate\.$/ })),
    ...['TimeoutError', 'RequestTimeout', 'NetworkingError'].map((name) => ({ name: `network (${name})`, error: sdkError({ name }), code: 'cost.network', sentence: /could not be reached/ })),
    { name: 'server error (HTTP 500)', error: sdkError({ name: 'InternalFailure', status: 500 }), code: 'cost.service-unavailable', sentence: /^Cost Explorer is failing right now \(HTTP 500\) even after retries: showing the last known cost with a local estimate; it will be tried again at the next refresh\.$/ },
    { name: 'server error (HTTP 503)', error: sdkError({ name: 'ServiceUnavailable', status: 503 }), code: 'cost.service-unavailable', sentence: /\(HTTP 503\)/ },
    { name: 'server fault without a status', error: sdkError({ name: 'InternalFailure', fault: 'server' }), code: 'cost.service-unavailable', sentence: /\(HTTP server error\)/ },
    { name: 'client error (HTTP 499, client fault)', error: sdkError({ name: 'ValidationException', status: 499, fault: 'client' }), code: 'cost.failed', sentence: /^The Cost Explorer request failed \(ValidationException\): showing a local estimate; the log has the details\.$/ },
    { name: 'unknown error with only a code', error: sdkError({ code: 'EWEIRD' }), code: 'cost.failed', sentence: /failed \(EWEIRD\)/ },
    { name: 'non-string name and code', error: sdkError({ name: 42, code: 7, message: 99 }), code: 'cost.failed', sentence: /failed \(unknown error\)/ },
    { name: 'undefined thrown', error: undefined, code: 'cost.failed', sentence: /failed \(unknown error\)/ },
    { name: 'null thrown', error: null, code: 'cost.failed', sentence: /failed \(unknown error\)/ },
  ];
  for (const failure of cases) {
    it(failure.name, () => {
      const result = costExplorerFailure(failure.error);
      assert.ok(result instanceof UserFacingError);
      assert.equal(result.code, failure.code);
      assert.match(result.message, failure.sentence);
      assert.equal(result.cause, failure.error, 'the original error is kept for the log');
    });
  }

  it('passes an error that already speaks to the user through unchanged', () => {
    const already = new UserFacingError('Sign in first.', 'sso.expired-token');
    assert.equal(costExplorerFailure(already), already);
  });

  it('does not echo a secret carried in the error name', () => {
    const result = costExplorerFailure(sdkError({ name: 'Bad AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }));
    assert.equal(result.code, 'cost.failed');
    assert.doesNotMatch(result.message, /wJalrXUtnFEMI/);
  });

  it('names a thrown Error that matches nothing by its name', () => {
    const result = costExplorerFailure(new TypeError('boom'));
    assert.equal(result.code, 'cost.failed');
    assert.match(result.message, /failed \(TypeError\)/);
  });
});
