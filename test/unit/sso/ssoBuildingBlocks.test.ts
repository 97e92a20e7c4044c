import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { AccessDeniedException, ExpiredTokenException, InvalidClientException, InvalidGrantException, InvalidRequestException, InvalidRequestRegionException, UnauthorizedClientException } from '@aws-sdk/client-sso-oidc';
import { BackRequestedError } from '../../../src/core/runtime/backRequested';
import { UserFacingError, isUserFacingError } from '../../../src/core/runtime/userFacingError';
import { describeOidcFailure } from '../../../src/core/sso/oidcErrors';
import { newAuthorizationState, newPkcePair, pkceChallenge } from '../../../src/core/sso/pkce';
import { signInWithAnswers, type SignInRequestOptions } from '../../../src/core/sso/signInAnswers';
import { readSignInState } from '../../../src/core/sso/signInState';
import type { SignInRequest, SignInResult } from '../../../src/core/sso/signInTypes';
import { regionFromStartUrl } from '../../../src/core/sso/startUrlRegion';
import { writeCachedToken } from '../../../src/core/ssoCache/tokenCache';
import { makeTempHome, testEnvironment } from '../../support/tempHome';

const START_URL = 'https://d-1234567890.awsapps.com/start';

describe('PKCE (RFC 7636)', function () {
  it('makes the S256 challenge of the RFC example', function () {
    assert.equal(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes 64-character verifiers of unreserved characters, each with its challenge, never the same twice', function () {
    const verifiers = new Set<string>();
    const used = new Set<string>();
    for (let index = 0; index < 200; index++) {
      const { codeVerifier, codeChallenge } = newPkcePair();
      assert.match(codeVerifier, /^[A-Za-z0-9\-._~]{64}$/);
      assert.equal(codeChallenge, createHash('sha256').update(codeVerifier).digest('base64url'));
      verifiers.add(codeVerifier);
      for (const char of codeVerifier) used.add(char);
    }
    assert.equal(verifiers.size, 200);
    // All 66 characters appear across 12,800 draws (a dropped or skewed character would not).
    assert.equal(used.size, 66);
  });

  /** A random source that hands out the given batches in order, then zeros, counting the draws. */
  function scriptedBytes(...batches: number[][]): { draws: number[]; source: (size: number) => Uint8Array } {
    const draws: number[] = [];
    return {
      draws,
      source: (size) => {
        draws.push(size);
        const batch = batches.shift() ?? [];
        return Uint8Array.from({ length: size }, (_, index) => batch[index] ?? 0);
      },
    };
  }

  it('skips bytes of 198 and above (66 × 3), so no character is drawn more often than another', function () {
    const { draws, source } = scriptedBytes([255, 198, 197, 65, 66, 131, 132]);
    const { codeVerifier, codeChallenge } = newPkcePair(source);
    assert.equal(codeVerifier, `~~A~A${'A'.repeat(59)}`);
    assert.equal(codeChallenge, pkceChallenge(codeVerifier));
    assert.deepEqual(draws, [96]);
  });

  it('draws more bytes only while the verifier is short, and uses no more than 64 of them', function () {
    const { draws, source } = scriptedBytes(Array<number>(96).fill(255), Array.from({ length: 96 }, (_, index) => index));
    assert.equal(newPkcePair(source).codeVerifier, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.');
    assert.deepEqual(draws, [96, 96]);
  });

  it('makes unguessable states', function () {
    const state = newAuthorizationState();
    assert.match(state, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(newAuthorizationState(), state);
  });
});

describe('regionFromStartUrl', function () {
  it('reads the region of the newer portal hosts, whatever their case', function () {
    assert.equal(regionFromStartUrl('https://ssoins-7223aa1d1ac1b8d4.portal.eu-central-1.app.aws'), 'eu-central-1');
    assert.equal(regionFromStartUrl('https://SSOINS-1.Portal.US-GOV-WEST-1.app.aws/start'), 'us-gov-west-1');
    assert.equal(regionFromStartUrl('https://ssoins-1.portal.ap-southeast-12.app.aws'), 'ap-southeast-12', 'a region number of two digits');
  });

  it('has none for the classic portal, other hosts or text that is no URL', function () {
    assert.equal(regionFromStartUrl(START_URL), undefined);
    assert.equal(regionFromStartUrl('https://ssoins-1.portal.eu-central-1.app.aws.example.com'), undefined);
    assert.equal(regionFromStartUrl('https://ssoins-1.portal.eu-central.app.aws'), undefined);
    assert.equal(regionFromStartUrl('https://ssoins-1.portal.e-central-1.app.aws'), undefined);
    assert.equal(regionFromStartUrl('not a url'), undefined);
  });
});

describe('describeOidcFailure', function () {
  const metadata = { $metadata: {} };
  const cases: [Error, string, string][] = [
    [new ExpiredTokenException({ ...metadata, message: 'expired' }), 'sso.code-expired', 'The sign-in code expired before it was approved. Run Sign In again and approve the code in your browser before it expires.'],
    [
      new AccessDeniedException({ ...metadata, message: 'AccessDeniedException', error_description: 'User denied the request' }),
      'sso.access-denied',
      'Sign-in was denied in the browser (User denied the request). Run Sign In again and choose Allow, or ask your admin whether you are assigned to an AWS account.',
    ],
    [
      new InvalidClientException({ ...metadata, message: 'InvalidClientException', error_description: 'client expired' }),
      'sso.invalid-client',
      "IAM Identity Center no longer accepts this tool's client registration (client expired). Run Sign In again; a new registration is made automatically.",
    ],
    [
      new UnauthorizedClientException({ ...metadata, message: 'UnauthorizedClientException', error_description: 'not allowed' }),
      'sso.invalid-client',
      "IAM Identity Center no longer accepts this tool's client registration (not allowed). Run Sign In again; a new registration is made automatically.",
    ],
    [new InvalidGrantException({ ...metadata, message: 'InvalidGrantException', error_description: 'bad code' }), 'sso.invalid-grant', 'IAM Identity Center rejected the sign-in grant (bad code). Run Sign In again.'],
    [
      new InvalidRequestRegionException({ ...metadata, message: 'InvalidRequestRegionException', error_description: 'wrong region' }),
      'sso.wrong-region',
      `The SSO region does not match the access portal ${START_URL} (wrong region). Check the SSO region setting; it is the region where IAM Identity Center is enabled.`,
    ],
    [
      new InvalidRequestException({ ...metadata, message: 'InvalidRequestException', error_description: 'bad start URL' }),
      'sso.invalid-request',
      `IAM Identity Center rejected StartDeviceAuthorization (bad start URL). Check the start URL ${START_URL} and the SSO region.`,
    ],
  ];

  it('says for each OIDC error what happened and what to do, keeping the cause', function () {
    for (const [error, code, message] of cases) {
      const described = describeOidcFailure('StartDeviceAuthorization', error, START_URL);
      assert.ok(isUserFacingError(described));
      assert.equal(described.code, code, error.name);
      assert.equal(described.message, message);
      assert.equal(described.cause, error);
    }
  });

  it('leaves network trouble to the transport sentences, naming the operation', function () {
    const error = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const described = describeOidcFailure('CreateToken', error, START_URL);
    assert.equal(described.code, 'aws.network');
    assert.ok(described.message.startsWith('Could not reach IAM Identity Center (CreateToken) (ECONNREFUSED).'), described.message);
  });
});

describe('signInWithAnswers (sign-in as a conversation that can go back)', function () {
  const first: SignInRequest = { startUrl: START_URL, ssoRegion: 'us-east-1', sessionName: 's', profileName: 'p', region: 'us-west-2' };
  const corrected: SignInRequest = { ...first, ssoRegion: 'eu-west-1' };
  const result = { profileName: 'p' } as unknown as SignInResult;

  function script(answers: SignInRequest[], outcomes: (Error | 'ok')[]): { asked: SignInRequestOptions[]; tried: SignInRequest[]; run: (extra?: { choose?: boolean; keepAccount?: string }) => Promise<SignInResult> } {
    const asked: SignInRequestOptions[] = [];
    const tried: SignInRequest[] = [];
    return {
      asked,
      tried,
      run: (extra = {}) =>
        signInWithAnswers({
          ...extra,
          ask: (options) => {
            asked.push(options);
            const answer = answers.shift();
            return answer ? Promise.resolve(answer) : Promise.reject(new Error('asked too often'));
          },
          signIn: (request) => {
            tried.push(request);
            const outcome = outcomes.shift();
            return outcome === 'ok' ? Promise.resolve(result) : Promise.reject(outcome ?? new Error('tried too often'));
          },
        }),
    };
  }

  it('signs in with the first answers', async function () {
    const { asked, tried, run } = script([first], ['ok']);
    assert.equal(await run(), result);
    assert.deepEqual(asked, [{ choose: false }]);
    assert.deepEqual(tried, [first]);
  });

  it('asks the portal questions again, with the sentence, when IAM Identity Center refuses the start URL or region', async function () {
    const wrongRegion = new UserFacingError('wrong region', 'sso.wrong-region');
    const invalid = new UserFacingError('invalid', 'sso.invalid-request');
    const { asked, tried, run } = script([first, first, corrected], [wrongRegion, invalid, 'ok']);
    assert.equal(await run({ choose: true }), result);
    assert.deepEqual(asked, [{ choose: true }, { choose: true, askAgain: { previous: first, error: wrongRegion } }, { choose: true, askAgain: { previous: first, error: invalid } }]);
    assert.deepEqual(tried, [first, first, corrected]);
  });

  it('ends with any other failure', async function () {
    const denied = new UserFacingError('denied', 'sso.access-denied');
    await assert.rejects(script([first], [denied]).run(), denied);
    const bug = new Error('bug');
    await assert.rejects(script([first], [bug]).run(), bug);
  });

  it('goes back from the account to the portal questions, then signs in with the new answers', async function () {
    const { asked, tried, run } = script([first, corrected], [new BackRequestedError(), 'ok']);
    assert.equal(await run(), result);
    assert.deepEqual(asked, [{ choose: false }, { choose: true, askAgain: { previous: first } }]);
    assert.deepEqual(tried, [first, corrected]);
  });

  it('starts at the role of a kept account, and Back from there goes to the account question', async function () {
    const { asked, tried, run } = script([first], [new BackRequestedError(), 'ok']);
    assert.equal(await run({ keepAccount: '111122223333' }), result);
    assert.deepEqual(asked, [{ choose: true }]);
    assert.deepEqual(tried, [{ ...first, accountId: '111122223333', roleName: undefined }, first]);
  });
});

describe('readSignInState (status from local files)', function () {
  let home: string;
  let removeHome: () => Promise<void>;
  const now = new Date('2026-12-05T02:00:00Z');

  beforeEach(async function () {
    ({ home, remove: removeHome } = await makeTempHome());
  });
  afterEach(async function () {
    await removeHome();
  });

  async function writeConfig(text: string): Promise<void> {
    await fs.mkdir(path.join(home, '.aws'), { recursive: true });
    await fs.writeFile(path.join(home, '.aws', 'config'), text);
  }
  const PROFILE = `[profile claude-code]\nsso_session = claude\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = us-west-2\n\n[sso-session claude]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`;

  it('is not configured without the profile or its session', async function () {
    const env = testEnvironment(home, { now: () => now });
    assert.deepEqual(await readSignInState(env, 'claude-code'), { status: 'not-configured', profile: undefined, tokenExpiresAt: undefined, refreshable: false });
    await writeConfig('[profile claude-code]\nregion = us-west-2\n');
    const state = await readSignInState(env, 'claude-code');
    assert.equal(state.status, 'not-configured');
    assert.equal(state.refreshable, false);
  });

  it('is signed out without a token, signed in before expiry, expired after; refreshable with a refresh token and registration', async function () {
    await writeConfig(PROFILE);
    const env = testEnvironment(home, { now: () => now });
    const signedOut = await readSignInState(env, 'claude-code');
    assert.equal(signedOut.status, 'signed-out');
    assert.equal(signedOut.profile?.sessionName, 'claude');
    assert.equal(signedOut.tokenExpiresAt, undefined);
    assert.equal(signedOut.refreshable, false);

    const expiresAt = new Date(now.getTime() + 1000);
    await writeCachedToken(env, 'claude', { startUrl: START_URL, region: 'us-east-1', accessToken: 'state-access-token', expiresAt });
    assert.deepEqual(
      (({ status, tokenExpiresAt, refreshable }) => ({ status, tokenExpiresAt, refreshable }))(await readSignInState(env, 'claude-code')),
      { status: 'signed-in', tokenExpiresAt: expiresAt, refreshable: false },
    );
    assert.equal((await readSignInState(testEnvironment(home, { now: () => expiresAt }), 'claude-code')).status, 'expired');

    const refreshable = { startUrl: START_URL, region: 'us-east-1', accessToken: 'state-access-token', expiresAt, refreshToken: 'state-refresh-token', clientId: 'client', clientSecret: 'state-client-secret' };
    await writeCachedToken(env, 'claude', refreshable);
    assert.equal((await readSignInState(env, 'claude-code')).refreshable, true);
    await writeCachedToken(env, 'claude', { ...refreshable, clientId: undefined });
    assert.equal((await readSignInState(env, 'claude-code')).refreshable, false);
    await writeCachedToken(env, 'claude', { ...refreshable, clientSecret: undefined });
    assert.equal((await readSignInState(env, 'claude-code')).refreshable, false);
    await writeCachedToken(env, 'claude', { ...refreshable, refreshToken: undefined });
    assert.equal((await readSignInState(env, 'claude-code')).refreshable, false);
  });
});
