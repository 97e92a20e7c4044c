import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { processEnvironment, type CoreEnvironment } from '../../core/runtime/coreEnvironment';
import { silentLogger, type Logger } from '../../core/runtime/logger';
import { UserFacingError } from '../../core/runtime/userFacingError';
import type { DeviceCodePrompt } from '../../core/sso/deviceAuthorization';
import type { SignInInteraction, SignInRequest } from '../../core/sso/signInTypes';
import { readSsoProfile } from '../../core/awsConfig/ssoProfileReader';
import { EXIT_OK, EXIT_USAGE, type CliIo } from '../cliIo';
import { chooseFromList, confirm } from '../terminal/terminalPrompts';
import { loadCliOrgSettings, packageRootAbove, type CliOrgContext } from './cliOrgSettings';

export const LOGIN_USAGE = `Usage: bedrock-onboard login [options]

Signs in with IAM Identity Center (device code), caches the token where the AWS CLI,
the AWS SDKs and Claude Code find it, and writes the profile to ~/.aws/config.

Options:
  --start-url URL     IAM Identity Center access portal URL (default: the organisation's)
  --sso-region R      Region of IAM Identity Center (default: the organisation's, else us-east-1)
  --session NAME      sso-session name (default: claude-code)
  --profile NAME      profile name (default: claude-code); an existing profile supplies
                      every value not given as a flag, as with aws sso login --profile
  --account-id ID     AWS account (asked, or the only one you have)
  --role-name NAME    role / permission set (asked, or the only one you have)
  --region R          the profile's region, used by Claude Code for Bedrock
  --no-browser        do not try to open the verification page
  --force             sign in again even when the cached session is still valid
  --yes               overwrite an existing profile that points elsewhere
Without a terminal on stdin, every choice must come from flags or the organisation defaults.
`;

export interface LoginDependencies {
  readonly environment: CoreEnvironment;
  readonly org: CliOrgContext;
  readonly logger: Logger;
  readonly openBrowser: (url: string) => void;
}

export function defaultLoginDependencies(): LoginDependencies {
  return { environment: processEnvironment(), org: { extensionRoot: packageRootAbove(__dirname) }, logger: silentLogger, openBrowser: openInBrowser };
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
    const result = await loadAwsOperations().signIn(deps.environment, request, terminalInteraction(io, { noBrowser: values['no-browser'], yes: values.yes }, deps), {
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

function terminalInteraction(io: CliIo, flags: { noBrowser: boolean; yes: boolean }, deps: LoginDependencies): SignInInteraction {
  return {
    showCode: (prompt: DeviceCodePrompt) => {
      io.stdout(`To sign in, open ${prompt.verificationUriComplete ?? prompt.verificationUri}\nand confirm the code: ${prompt.userCode}\nWaiting for approval (until ${prompt.expiresAt.toISOString()}; Ctrl-C cancels)…\n`);
      if (!flags.noBrowser) deps.openBrowser(prompt.verificationUriComplete ?? prompt.verificationUri);
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

function describeTokenSource(source: 'cache' | 'refreshed' | 'device-authorization'): string {
  return source === 'cache' ? 'reused from the cache' : source === 'refreshed' ? 'refreshed' : 'new';
}

/** Best effort, like the AWS CLI: a machine without a browser just shows the URL. */
function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer.exe' : 'xdg-open';
  try {
    const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    /* no browser opener on this machine: the URL is printed */
  }
}
