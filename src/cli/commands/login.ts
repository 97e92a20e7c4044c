import { parseArgs } from 'node:util';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { processEnvironment, type CoreEnvironment } from '../../core/runtime/coreEnvironment';
import { silentLogger, type Logger } from '../../core/runtime/logger';
import { UserFacingError } from '../../core/runtime/userFacingError';
import type { DeviceCodePrompt } from '../../core/sso/deviceAuthorization';
import type { SessionTokenSource } from '../../core/sso/sessionToken';
import type { SignInInteraction, SignInRequest } from '../../core/sso/signInTypes';
import { openBrowser } from '../terminal/openBrowser';
import { readSsoProfile } from '../../core/awsConfig/ssoProfileReader';
import { EXIT_OK, EXIT_USAGE, type CliIo } from '../cliIo';
import { chooseFromList, confirm } from '../terminal/terminalPrompts';
import { loadCliOrgSettings, packageRootAbove, type CliOrgContext } from './cliOrgSettings';

export const LOGIN_USAGE = `Usage: bedrock-onboard login [options]

Signs in with IAM Identity Center, caches the token where the AWS CLI, the AWS SDKs and
Claude Code find it, and writes the profile to ~/.aws/config. Like aws sso login, it opens
the sign-in page in your browser ($BROWSER when set) and receives the answer on 127.0.0.1
(authorization code with PKCE); with --use-device-code or --no-browser, or when no browser
opens, it shows a code to confirm in any browser instead.

Options:
  --start-url URL     IAM Identity Center access portal URL (default: the organisation's)
  --sso-region R      Region of IAM Identity Center (default: the organisation's, else us-east-1)
  --session NAME      sso-session name (default: claude-code)
  --profile NAME      profile name (default: claude-code); an existing profile supplies
                      every value not given as a flag, as with aws sso login --profile
  --account-id ID     AWS account (asked, or the only one you have)
  --role-name NAME    role / permission set (asked, or the only one you have)
  --region R          the profile's region, used by Claude Code for Bedrock
  --use-device-code   sign in with a device code (for a machine without a local browser)
  --no-browser        do not open a browser; show a device code and its page
  --force             sign in again even when the cached session is still valid
  --yes               overwrite an existing profile that points elsewhere
Without a terminal on stdin, every choice must come from flags or the organisation defaults.
`;

export interface LoginDependencies {
  readonly environment: CoreEnvironment;
  readonly org: CliOrgContext;
  readonly logger: Logger;
  /** Resolves false when no browser could be opened. */
  readonly openBrowser: (url: string) => Promise<boolean>;
}

export function defaultLoginDependencies(): LoginDependencies {
  return { environment: processEnvironment(), org: { extensionRoot: packageRootAbove(__dirname) }, logger: silentLogger, openBrowser: (url) => openBrowser(url) };
}

export async function runLogin(args: readonly string[], io: CliIo, deps: LoginDependencies = defaultLoginDependencies()): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      'start-url': { type: 'string' },
      'sso-region': { type: 'string' },
      session: { type: 'string' },
      profile: { type: 'string' },
      'account-id': { type: 'string' },
      'role-name': { type: 'string' },
      region: { type: 'string' },
      'no-browser': { type: 'boolean', default: false },
      'use-device-code': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      yes: { type: 'boolean', short: 'y', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout(LOGIN_USAGE);
    return EXIT_OK;
  }
  const org = await loadCliOrgSettings(deps.environment, deps.org, deps.logger);
  for (const problem of org.problems) io.stderr(`bedrock-onboard: warning: ${problem}\n`);
  const settings = org.settings;
  const profileName = values.profile ?? settings.profileName.value ?? 'claude-code';
  // Like `aws sso login --profile NAME`: a profile that is already configured supplies
  // everything flags leave out, so Claude Code's awsAuthRefresh can be just the profile.
  const existing = (await readSsoProfile(deps.environment, profileName).catch(() => undefined))?.profile;
  const startUrl = values['start-url'] ?? existing?.startUrl ?? settings.ssoStartUrl.value;
  if (!startUrl) {
    io.stderr(`bedrock-onboard: --start-url is required (profile "${profileName}" is not configured yet and your organisation's defaults do not name one).\n${LOGIN_USAGE}`);
    return EXIT_USAGE;
  }
  const ssoRegion = values['sso-region'] ?? existing?.ssoRegion ?? settings.ssoRegion.value ?? 'us-east-1';
  const request: SignInRequest = {
    startUrl,
    ssoRegion,
    sessionName: values.session ?? existing?.sessionName ?? settings.ssoSessionName.value ?? 'claude-code',
    profileName,
    accountId: values['account-id'] ?? existing?.accountId ?? settings.accountId.value,
    roleName: values['role-name'] ?? existing?.roleName ?? settings.roleName.value,
    region: values.region ?? existing?.region ?? settings.defaultRegion.value ?? ssoRegion,
  };

  const controller = new AbortController();
  const onInterrupt = (): void => {
    controller.abort();
  };
  process.once('SIGINT', onInterrupt);
  try {
    const result = await loadAwsOperations().signIn(deps.environment, request, terminalInteraction(io, { noBrowser: values['no-browser'], deviceCode: values['use-device-code'] || values['no-browser'], yes: values.yes }, deps), {
      signal: controller.signal,
      logger: deps.logger,
      forceNewLogin: values.force,
    });
    io.stdout(
      [
        `Signed in to ${result.account.accountName} (${result.account.accountId}) as ${result.roleName}.`,
        `Profile:     ${result.profileName} in ${result.configPath}${result.configChanged ? '' : ' (already up to date)'}`,
        `SSO session: ${result.sessionName}, token ${describeTokenSource(result.tokenSource)}, valid until ${result.tokenExpiresAt.toISOString()}`,
        `Token cache: ${result.tokenCachePath}`,
        '',
      ].join('\n'),
    );
    return EXIT_OK;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

function terminalInteraction(io: CliIo, flags: { noBrowser: boolean; deviceCode: boolean; yes: boolean }, deps: LoginDependencies): SignInInteraction {
  return {
    showCode: (prompt: DeviceCodePrompt) => {
      io.stdout(`To sign in, open ${prompt.verificationUriComplete ?? prompt.verificationUri}\nand confirm the code: ${prompt.userCode}\nWaiting for approval (until ${prompt.expiresAt.toISOString()}; Ctrl-C cancels)…\n`);
      if (!flags.noBrowser) void deps.openBrowser(prompt.verificationUriComplete ?? prompt.verificationUri);
    },
    authorization: {
      mode: flags.deviceCode ? 'device-code' : 'browser',
      openUrl: (url) => {
        // The URL carries no secret (client id, state, PKCE challenge), and a developer whose browser did not come up can open it by hand.
        io.stdout(`Opening the IAM Identity Center sign-in page in your browser. If it does not open, visit:\n${url}\nWaiting for you to sign in (Ctrl-C cancels)…\n`);
        return deps.openBrowser(url).then((opened) => {
          if (!opened) io.stdout('No browser could be opened; signing in with a device code instead.\n');
          return opened;
        });
      },
    },
    chooseAccount: async (accounts) => {
      if (!io.stdinIsTTY) {
        throw new UserFacingError(`You can use several AWS accounts; pass --account-id with one of: ${accounts.map((a) => `${a.accountId} (${a.accountName})`).join(', ')}.`, 'cli.choice-needed');
      }
      return chooseFromList('Choose the AWS account:', accounts, (a) => `${a.accountName} ${a.accountId} ${a.emailAddress}`);
    },
    chooseRole: async (roles) => {
      if (!io.stdinIsTTY) {
        throw new UserFacingError(`You have several roles in that account; pass --role-name with one of: ${roles.map((r) => r.roleName).join(', ')}.`, 'cli.choice-needed');
      }
      return chooseFromList('Choose the role:', roles, (r) => r.roleName);
    },
    confirmProfileOverwrite: async (description) => {
      if (flags.yes) return true;
      if (!io.stdinIsTTY) throw new UserFacingError(`${description.replace(/ Overwrite it\?$/, '')} Pass --yes to overwrite it.`, 'cli.confirmation-needed');
      return confirm(description);
    },
  };
}

function describeTokenSource(source: SessionTokenSource): string {
  return source === 'cache' ? 'reused from the cache' : source === 'refreshed' ? 'refreshed' : source === 'browser-authorization' ? 'new (browser sign-in)' : 'new (device code)';
}
