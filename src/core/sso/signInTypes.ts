import type { DeviceCodePrompt } from './deviceAuthorization';
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

export type SignInStage = 'checking-token' | 'refreshing-token' | 'registering-client' | 'listing-accounts' | 'listing-roles' | 'writing-config';

/**
 * The questions sign-in may need to ask. The VS Code layer answers with notifications
 * and quick picks, the CLI with terminal prompts or flags. A choice the user declines
 * rejects with `CancelledError`.
 */
export interface SignInInteraction {
  readonly showCode: (prompt: DeviceCodePrompt) => void | Promise<void>;
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
  readonly tokenSource: 'cache' | 'refreshed' | 'device-authorization';
  readonly configPath: string;
  readonly tokenCachePath: string;
  readonly configChanged: boolean;
}
