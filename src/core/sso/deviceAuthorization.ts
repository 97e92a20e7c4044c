import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { CancelledError, type Sleep, sleep as realSleep, throwIfAborted } from '../runtime/cancellation';
import { UserFacingError } from '../runtime/userFacingError';
import { registerSecret } from '../secrets/redact';
import { awsErrorName } from '../awsErrors/awsErrorFields';
import { describeOidcFailure } from './oidcErrors';
import { DEFAULT_REGISTRATION_SCOPES, DEVICE_CODE_GRANT, REFRESH_TOKEN_GRANT, type SsoClientRegistration, type SsoTokenGrant } from './ssoToken';

/** RFC 8628 says 5 s when the server gives no interval; SlowDown adds 5 s each time. */
const DEFAULT_INTERVAL_SECONDS = 5;
const SLOW_DOWN_INCREMENT_SECONDS = 5;
const CLIENT_NAME = 'bedrock-onboarding';

export interface DeviceCodePrompt {
  readonly userCode: string;
  /** Already checked to be https on an AWS-owned host; never opened otherwise. */
  readonly verificationUri: string;
  readonly verificationUriComplete: string | undefined;
  readonly expiresAt: Date;
}

export interface DeviceAuthorizationOptions {
  readonly startUrl: string;
  readonly ssoRegion: string;
  readonly registration: SsoClientRegistration;
  readonly now: () => Date;
  /** Shows the code to the user (VS Code notification, CLI output). Not awaited for approval. */
  readonly showCode: (prompt: DeviceCodePrompt) => void | Promise<void>;
  /** Rejects a verification URL that is not https on an AWS-owned host. */
  readonly checkVerificationUrl: (url: string) => string;
  readonly signal?: AbortSignal;
  readonly sleep?: Sleep;
  readonly onPoll?: (attempt: number, intervalSeconds: number) => void;
}

export function createOidcClient(ssoRegion: string): SSOOIDCClient {
  return new SSOOIDCClient({ region: ssoRegion });
}

/** RegisterClient as a public client with a scope, so IAM Identity Center also issues refresh tokens. */
export async function registerPublicClient(options: { ssoRegion: string; startUrl: string; now: () => Date; signal?: AbortSignal; scopes?: readonly string[] }): Promise<SsoClientRegistration> {
  const client = createOidcClient(options.ssoRegion);
  try {
    const output = await client.send(
      new RegisterClientCommand({
        clientName: CLIENT_NAME,
        clientType: 'public',
        scopes: [...(options.scopes ?? DEFAULT_REGISTRATION_SCOPES)],
        grantTypes: [DEVICE_CODE_GRANT, REFRESH_TOKEN_GRANT],
      }),
      { abortSignal: options.signal },
    );
    if (!output.clientId || !output.clientSecret) {
      throw new UserFacingError('IAM Identity Center accepted the client registration but returned no client id. Try again in a minute.', 'sso.bad-registration');
    }
    registerSecret(output.clientSecret);
    const expiresAt = output.clientSecretExpiresAt ? new Date(output.clientSecretExpiresAt * 1000) : new Date(options.now().getTime() + 90 * 24 * 3600_000);
    return { clientId: output.clientId, clientSecret: output.clientSecret, expiresAt };
  } catch (error) {
    throw rethrow(error, 'RegisterClient', options.startUrl, options.signal);
  } finally {
    client.destroy();
  }
}

/**
 * The device authorization grant: StartDeviceAuthorization, show the code, then poll
 * CreateToken at the server's interval until the user approves, denies, or the code
 * expires. Cancelling the signal stops it at once.
 */
export async function authorizeDevice(options: DeviceAuthorizationOptions): Promise<SsoTokenGrant> {
  const sleep = options.sleep ?? realSleep;
  const client = createOidcClient(options.ssoRegion);
  try {
    const started = await client
      .send(
        new StartDeviceAuthorizationCommand({ clientId: options.registration.clientId, clientSecret: options.registration.clientSecret, startUrl: options.startUrl }),
        { abortSignal: options.signal },
      )
      .catch((error: unknown) => {
        throw rethrow(error, 'StartDeviceAuthorization', options.startUrl, options.signal);
      });
    if (!started.deviceCode || !started.userCode || !started.verificationUri) {
      throw new UserFacingError('IAM Identity Center started sign-in but returned no device code. Try again in a minute.', 'sso.bad-device-authorization');
    }
    registerSecret(started.deviceCode);
    const verificationUri = options.checkVerificationUrl(started.verificationUri);
    const verificationUriComplete = started.verificationUriComplete ? options.checkVerificationUrl(started.verificationUriComplete) : undefined;
    const expiresAt = new Date(options.now().getTime() + (started.expiresIn ?? 600) * 1000);
    await options.showCode({ userCode: started.userCode, verificationUri, verificationUriComplete, expiresAt });

    // Stryker disable next-line EqualityOperator: `>= 0` differs only for 0, which the falsy check before it already sends to the default
    let intervalSeconds = started.interval && started.interval > 0 ? started.interval : DEFAULT_INTERVAL_SECONDS;
    for (let attempt = 1; ; attempt++) {
      await sleep(intervalSeconds * 1000, options.signal, 'Sign-in');
      if (options.now().getTime() >= expiresAt.getTime()) {
        throw new UserFacingError('The sign-in code expired before it was approved. Run Sign In again and approve the code in your browser before it expires.', 'sso.code-expired');
      }
      options.onPoll?.(attempt, intervalSeconds);
      try {
        const token = await client.send(
          new CreateTokenCommand({
            clientId: options.registration.clientId,
            clientSecret: options.registration.clientSecret,
            grantType: DEVICE_CODE_GRANT,
            deviceCode: started.deviceCode,
          }),
          { abortSignal: options.signal },
        );
        return toGrant(token, options.now());
      } catch (error) {
        throwIfAborted(options.signal, 'Sign-in');
        const name = awsErrorName(error);
        if (name === 'AuthorizationPendingException') continue;
        if (name === 'SlowDownException') {
          intervalSeconds += SLOW_DOWN_INCREMENT_SECONDS;
          continue;
        }
        throw rethrow(error, 'CreateToken', options.startUrl, options.signal);
      }
    }
  } finally {
    client.destroy();
  }
}

/** CreateToken with the refresh_token grant: a new access token without asking the user. */
export async function refreshAccessToken(options: {
  ssoRegion: string;
  startUrl: string;
  registration: SsoClientRegistration;
  refreshToken: string;
  now: () => Date;
  signal?: AbortSignal;
}): Promise<SsoTokenGrant> {
  const client = createOidcClient(options.ssoRegion);
  try {
    const token = await client.send(
      new CreateTokenCommand({
        clientId: options.registration.clientId,
        clientSecret: options.registration.clientSecret,
        grantType: REFRESH_TOKEN_GRANT,
        refreshToken: options.refreshToken,
      }),
      { abortSignal: options.signal },
    );
    return toGrant(token, options.now(), options.refreshToken);
  } catch (error) {
    throw rethrow(error, 'CreateToken', options.startUrl, options.signal);
  } finally {
    client.destroy();
  }
}

function toGrant(token: { accessToken?: string | undefined; expiresIn?: number | undefined; refreshToken?: string | undefined }, now: Date, previousRefreshToken?: string): SsoTokenGrant {
  if (!token.accessToken) {
    throw new UserFacingError('IAM Identity Center returned no access token. Run Sign In again.', 'sso.no-token');
  }
  registerSecret(token.accessToken);
  registerSecret(token.refreshToken);
  const refreshToken = token.refreshToken ?? previousRefreshToken;
  return {
    accessToken: token.accessToken,
    expiresAt: new Date(now.getTime() + (token.expiresIn ?? 3600) * 1000),
    ...(refreshToken ? { refreshToken } : {}),
  };
}

function rethrow(error: unknown, operation: string, startUrl: string, signal: AbortSignal | undefined): Error {
  if (error instanceof UserFacingError) return error;
  // Stryker disable next-line LogicalOperator,ConditionalExpression,StringLiteral: the SDK throws AbortError exactly when this signal aborts a request in flight (also while its answer is read), so either check alone decides
  const aborted = signal?.aborted === true || awsErrorName(error) === 'AbortError';
  if (aborted) return new CancelledError('Sign-in');
  return describeOidcFailure(operation, error, startUrl);
}
