import type { DeviceCodePrompt } from './deviceAuthorization';
import type { SessionTokenSource } from './sessionToken';
import type { SsoAccount, SsoRole } from './ssoPortal';

/** What to sign in to and what to write; validated before any network call. */
export interface SignInRequest {
  readonly startUrl: string;
  readonly ssoRegion: string;
  readonly sessionName: string;
  readonly profileName: string;
  /** Pre-selected (org default, setting or flag); checked to exist in the portal. */
  readonly accountId?: string | undefined;
  readonly roleName?: string | undefined;
  /** The profile's `region` (the Bedrock region Claude Code will use). */
  readonly region: string;
}

export type SignInStage = 'checking-token' | 'refreshing-token' | 'registering-client' | 'waiting-for-browser' | 'listing-accounts' | 'listing-roles' | 'writing-config';

/**
 * How a new sign-in is presented. 'browser': the authorization-code flow with PKCE, the
 * code delivered to 127.0.0.1 (a local desktop); 'device-code': a code to confirm in any
 * browser (remote sessions, VS Code in a browser, `--use-device-code` / `--no-browser`).
 */
export interface SignInAuthorization {
  readonly mode: 'browser' | 'device-code';
  /** Opens the authorize page; false when no browser could be opened (then a device code is shown). */
  readonly openUrl: (url: string) => Promise<boolean>;
}

/**
 * The questions sign-in may need to ask. The VS Code layer answers with notifications
 * and quick picks, the CLI with terminal prompts or flags. A choice the user declines
 * rejects with `CancelledError`.
 */
export interface SignInInteraction {
  readonly showCode: (prompt: DeviceCodePrompt) => void | Promise<void>;
  /** Browser sign-in (PKCE); without it, the device code. */
  readonly authorization?: SignInAuthorization;
  chooseAccount(accounts: readonly SsoAccount[], preselectedId: string | undefined): Promise<SsoAccount>;
  chooseRole(roles: readonly SsoRole[], preselectedName: string | undefined): Promise<SsoRole>;
  /** An existing profile of the same name points elsewhere; true to overwrite it. */
  confirmProfileOverwrite(description: string): Promise<boolean>;
  readonly progress?: (stage: SignInStage) => void;
}

export interface SignInResult {
  readonly profileName: string;
  readonly sessionName: string;
  readonly startUrl: string;
  readonly ssoRegion: string;
  readonly account: SsoAccount;
  readonly roleName: string;
  readonly region: string;
  readonly tokenExpiresAt: Date;
  /** How the access token was obtained this time. */
  readonly tokenSource: SessionTokenSource;
  readonly configPath: string;
  readonly tokenCachePath: string;
  readonly configChanged: boolean;
}
