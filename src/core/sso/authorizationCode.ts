import { CreateTokenCommand, RegisterClientCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import { CancelledError } from '../runtime/cancellation';
import { UserFacingError } from '../runtime/userFacingError';
import { registerSecret } from '../secrets/redact';
import { awsErrorName } from '../awsErrors/awsErrorFields';
import { isRegistrationValid } from '../ssoCache/ssoToken';
import { readClientRegistration, writeClientRegistration, type ClientRegistrationScope } from '../ssoCache/clientRegistrationCache';
import { createOidcClient } from './deviceAuthorization';
import { REGISTERED_REDIRECT_URI, startLoopbackReceiver } from './loopbackReceiver';
import { describeOidcFailure } from './oidcErrors';
import { newAuthorizationState, newPkcePair } from './pkce';
import { registrationReuseMarginSeconds } from './sharedRefresh';
import { DEFAULT_REGISTRATION_SCOPES, REFRESH_TOKEN_GRANT, type SsoClientRegistration, type SsoTokenGrant } from './ssoToken';

/**
 * Browser sign-in with the OAuth authorization-code grant and PKCE, as the AWS CLI (since
 * 2.22) and the AWS Toolkit do on a desktop: the code is delivered to this machine's
 * loopback address, so unlike a device code it cannot be phished onto someone else's
 * session. See awscli/botocore/utils.py `SSOTokenFetcherAuth` for the CLI's version.
 */
export const AUTHORIZATION_CODE_GRANT = 'authorization_code';
const AUTH_CODE_GRANT_TYPES = [AUTHORIZATION_CODE_GRANT, REFRESH_TOKEN_GRANT] as const;

/** Thrown when the browser could not be opened: the caller falls back to the device code. */
export class BrowserUnavailableError extends Error {
  override readonly name = 'BrowserUnavailableError';
}

export interface BrowserAuthorizationOptions {
  readonly startUrl: string;
  readonly ssoRegion: string;
  readonly registration: SsoClientRegistration;
  readonly scopes: readonly string[];
  readonly now: () => Date;
  /**
   * Shows the authorize page. Resolves false when no browser could be opened (then the
   * sign-in falls back to a device code); it may also never resolve (a browser that
   * stays in the foreground), since the callback is awaited at the same time.
   */
  readonly openUrl: (url: string) => Promise<boolean>;
  readonly signal?: AbortSignal;
  /** Test seam for the browser wait (default ten minutes, as the AWS CLI). */
  readonly waitMs?: number;
}

/**
 * The client registration for this flow: the one cached where the AWS CLI keeps it
 * (same key, so each reuses the other's) while valid and made for the authorization-code
 * grant — a device-code registration cannot be used here, as in the CLI — else a new one
 * (grant types, the loopback redirect without port, the start URL as issuer), cached.
 */
export async function authorizationCodeRegistration(
  environment: Pick<CoreEnvironment, 'homeDir' | 'now'>,
  scope: ClientRegistrationScope,
  options: { readonly signal?: AbortSignal } = {},
): Promise<SsoClientRegistration> {
  const cached = (await readClientRegistration(environment, scope)).registration;
  if (cached?.grantTypes?.includes(AUTHORIZATION_CODE_GRANT) === true && isRegistrationValid(cached, environment.now(), registrationReuseMarginSeconds())) {
    return { clientId: cached.clientId, clientSecret: cached.clientSecret, expiresAt: cached.expiresAt };
  }
  const scopes = [...(scope.scopes ?? DEFAULT_REGISTRATION_SCOPES)];
  const client = createOidcClient(scope.region);
  try {
    const output = await client.send(
      new RegisterClientCommand({
        clientName: `bedrock-onboarding-${scope.sessionName ?? 'sso'}`,
        clientType: 'public',
        scopes,
        grantTypes: [...AUTH_CODE_GRANT_TYPES],
        redirectUris: [REGISTERED_REDIRECT_URI],
        issuerUrl: scope.startUrl,
      }),
      { abortSignal: options.signal },
    );
    if (!output.clientId || !output.clientSecret) {
      throw new UserFacingError('IAM Identity Center accepted the client registration but returned no client id. Try again in a minute.', 'sso.bad-registration');
    }
    registerSecret(output.clientSecret);
    const expiresAt = output.clientSecretExpiresAt ? new Date(output.clientSecretExpiresAt * 1000) : new Date(environment.now().getTime() + 90 * 24 * 3600_000);
    const registration = { clientId: output.clientId, clientSecret: output.clientSecret, expiresAt };
    await writeClientRegistration(environment, scope, { ...registration, scopes, grantTypes: [...AUTH_CODE_GRANT_TYPES] });
    return registration;
  } catch (error) {
    throw rethrow(error, 'RegisterClient', scope.startUrl, options.signal);
  } finally {
    client.destroy();
  }
}

/**
 * Opens the authorize page and waits for the browser's redirect on 127.0.0.1, then
 * exchanges the code with the PKCE verifier. Throws BrowserUnavailableError (before any
 * code is issued) when the page could not be opened.
 */
export async function authorizeInBrowser(options: BrowserAuthorizationOptions): Promise<SsoTokenGrant> {
  const pkce = newPkcePair();
  const state = newAuthorizationState();
  const client = createOidcClient(options.ssoRegion);
  const receiver = await startLoopbackReceiver({ expectedState: state, ...(options.signal ? { signal: options.signal } : {}), ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}) });
  try {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: options.registration.clientId,
      redirect_uri: receiver.redirectUri,
      state,
      code_challenge_method: 'S256',
      scopes: options.scopes.join(' '),
      code_challenge: pkce.codeChallenge,
    });
    const authorizeUrl = `${await oidcBaseUrl(client, options.ssoRegion)}/authorize?${query.toString()}`;
    const opened = options.openUrl(authorizeUrl).then((ok) => {
      if (!ok) receiver.close();
      return ok;
    });
    let code: string;
    try {
      code = await receiver.code;
    } catch (error) {
      // Closed because the browser did not open: say so, so the caller can offer a device code.
      if (error instanceof CancelledError && !options.signal?.aborted && !(await Promise.race([opened, Promise.resolve(true)]))) {
        throw new BrowserUnavailableError('No browser could be opened for sign-in.');
      }
      throw error;
    }
    const token = await client.send(
      new CreateTokenCommand({
        clientId: options.registration.clientId,
        clientSecret: options.registration.clientSecret,
        grantType: AUTHORIZATION_CODE_GRANT,
        code,
        codeVerifier: pkce.codeVerifier,
        redirectUri: receiver.redirectUri,
      }),
      { abortSignal: options.signal },
    );
    if (!token.accessToken) throw new UserFacingError('IAM Identity Center returned no access token. Run Sign In again.', 'sso.no-token');
    registerSecret(token.accessToken);
    registerSecret(token.refreshToken);
    return {
      accessToken: token.accessToken,
      expiresAt: new Date(options.now().getTime() + (token.expiresIn ?? 3600) * 1000),
      ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
    };
  } catch (error) {
    if (error instanceof BrowserUnavailableError) throw error;
    throw rethrow(error, 'CreateToken', options.startUrl, options.signal);
  } finally {
    receiver.close();
    client.destroy();
  }
}

class EndpointFound extends Error {
  constructor(readonly baseUrl: string) {
    // Stryker disable next-line StringLiteral: the error is always caught by oidcBaseUrl; its message is never shown
    super('endpoint found');
  }
}

/**
 * The OIDC endpoint the SDK would call (region rules, FIPS, AWS_ENDPOINT_URL_SSO_OIDC…):
 * Authorize is not an SDK operation, so, as the AWS CLI does, a request is built and
 * stopped before it is sent, and its host read.
 */
async function oidcBaseUrl(client: SSOOIDCClient, ssoRegion: string): Promise<string> {
  // Stryker disable next-line StringLiteral: the probe is stopped at the build step, before it is sent, so its fields go nowhere
  const probe = new RegisterClientCommand({ clientName: 'endpoint-probe', clientType: 'public' });
  probe.middlewareStack.add(
    () => (args) => {
      const request = args.request as { protocol?: string; hostname?: string; port?: number; path?: string };
      const port = request.port === undefined ? '' : `:${String(request.port)}`;
      // Stryker disable next-line StringLiteral: without a path, '' and '/' give the same base path ''
      const path = request.path ?? '/';
      const basePath = path.replace(/\/client\/register\/?$/, '').replace(/\/+$/, '');
      // Stryker disable next-line StringLiteral: the SDK's endpoint resolution always sets protocol and hostname at the build step; the fallbacks only satisfy the types
      throw new EndpointFound(`${request.protocol ?? 'https:'}//${request.hostname ?? `oidc.${ssoRegion}.amazonaws.com`}${port}${basePath}`);
    },
    // Stryker disable next-line StringLiteral: the name only labels the step in this command's own stack
    { step: 'build', name: 'bedrockOnboardingAuthorizeEndpoint' },
  );
  try {
    await client.send(probe);
  } catch (error) {
    if (error instanceof EndpointFound) return error.baseUrl;
    throw error;
  }
  // Stryker disable next-line StringLiteral: not reached: the middleware above throws on every send that gets to the build step, and other failures are rethrown
  return `https://oidc.${ssoRegion}.amazonaws.com`;
}

function rethrow(error: unknown, operation: string, startUrl: string, signal: AbortSignal | undefined): Error {
  if (error instanceof UserFacingError || error instanceof CancelledError) return error;
  if (signal?.aborted === true || awsErrorName(error) === 'AbortError') return new CancelledError('Sign-in');
  return describeOidcFailure(operation, error, startUrl);
}
