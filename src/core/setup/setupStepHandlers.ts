import type { AwsOperationsModule } from '../awsOperationsLoader';
import { activeFindings } from '../bearerToken/bearerTokenFinding';
import { applyBearerTokenFixes } from '../bearerToken/bearerTokenFix';
import { scanForBearerToken, type BearerTokenScanOptions } from '../bearerToken/bearerTokenScanner';
import { planClaudeSettingsFile, writeClaudeSettings } from '../claudeSettings/settingsFile';
import { configuredClaudeModel } from '../cost/claudeModelSetting';
import { readCostReport } from '../cost/costReport';
import { costReportOptions, developerCostPlan, type CostSettingsInput } from '../cost/costReportOptions';
import { checkClaudeCli } from '../doctor/claudeCliCheck';
import type { RunProgram } from '../doctor/runProgram';
import { DEFAULT_SETUP_CHECK_TIMEOUTS } from '../doctor/setupCheckOptions';
import { CancelledError, throwIfAborted, type Sleep } from '../runtime/cancellation';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import type { Logger } from '../runtime/logger';
import { UserFacingError } from '../runtime/userFacingError';
import { signInWithAnswers, type SignInRequestOptions } from '../sso/signInAnswers';
import type { SignInRequest } from '../sso/signInTypes';
import { chooseInferenceProfiles, type ProfileSearch } from './chooseProfilesStep';
import type { SetupStepHandlers, StepContext } from './runSetup';
import type { SetupInteraction } from './setupInteraction';
import type { ChosenInferenceProfiles } from './setupState';

export interface SetupStepDependencies {
  readonly environment: CoreEnvironment;
  /**
   * `loadAwsOperations`: the SDK is loaded when a step first needs it, not when Set Up
   * starts, so the first question (the portal URL) does not wait for it.
   */
  loadAws(): AwsOperationsModule;
  readonly profileName: string;
  /** Asked only when sign-in is needed (it may prompt for the start URL). */
  signInRequest(options?: SignInRequestOptions): Promise<SignInRequest>;
  readonly search: ProfileSearch;
  /** The command Claude Code runs when its SSO session has expired (`awsAuthRefresh`). */
  readonly awsAuthRefresh: string;
  readonly bearerTokenScan: Omit<BearerTokenScanOptions, 'environment'>;
  readonly cost: {
    /** The cost cache shared by every window (one Cost Explorer request serves them all). */
    readonly cacheDir: string;
    readonly settings: CostSettingsInput;
  };
  readonly interaction: SetupInteraction;
  readonly logger: Logger;
  /** Waits between device-code polls; default real time. */
  readonly sleep?: Sleep;
  /** Runs `claude --version` for the Claude Code check; default: a child process. */
  readonly runProgram?: RunProgram;
  /** The organisation's minimum Claude Code version (the setup check's default otherwise). */
  readonly minimumClaudeCodeVersion?: string | undefined;
}

const WHAT = 'Set Up';

type Credentials = ReturnType<AwsOperationsModule['profileCredentials']>;

/**
 * The developer path's steps over the core operations. Each writes through the core's
 * atomic writers and checks for a cancel right before writing, so a cancelled run leaves
 * every file either as it was or completely written.
 */
export function createSetupStepHandlers(deps: SetupStepDependencies): SetupStepHandlers {
  const { logger, interaction } = deps;
  const aws = (): AwsOperationsModule => deps.loadAws();
  // One provider for the whole run, so the role credentials are fetched once. Made on
  // first use, after sign-in has written the profile it reads.
  let credentials: Credentials | undefined;
  const profileCredentials = (): Credentials => (credentials ??= aws().profileCredentials(deps.profileName));
  return {
    'sign-in': async ({ signal, facts, revisit }) => {
      const options = { logger, ...(signal ? { signal } : {}), ...(deps.sleep ? { sleep: deps.sleep } : {}) };
      const result = await signInWithAnswers({
        ask: (requestOptions) => deps.signInRequest(requestOptions),
        signIn: (request) => aws().signIn(deps.environment, request, interaction, options),
        // Back from the inference profile: the role again, in the account already chosen.
        keepAccount: revisit ? facts.signIn.profile?.accountId : undefined,
      });
      return { status: 'done', summary: `Signed in to ${result.account.accountName} (${result.account.accountId}) as ${result.roleName}; profile ${result.profileName} is in ${result.configPath}.` };
    },
    'inference-profile': async ({ facts, signal }) => {
      const accountId = facts.signIn.profile?.accountId;
      if (accountId === undefined) throw new UserFacingError(`Profile ${deps.profileName} has no account yet; sign in first.`, 'setup.not-signed-in');
      const chosen = await chooseInferenceProfiles({ aws: aws(), credentials: profileCredentials(), profileName: deps.profileName, accountId, search: deps.search, interaction, logger, signal });
      return { status: 'done', summary: `Claude Code will use ${chosen.primaryArn} in ${chosen.region}.`, record: { inferenceProfile: chosen } };
    },
    'claude-settings': async (context) => {
      const profiles = requireProfiles(context);
      const plan = await planClaudeSettingsFile(deps.environment, {
        awsProfile: deps.profileName,
        awsRegion: profiles.region,
        primaryModelArn: profiles.primaryArn,
        tierModels: profiles.tierArns,
        ...(profiles.tierLabels ? { tierLabels: profiles.tierLabels } : {}),
        awsAuthRefresh: deps.awsAuthRefresh,
      });
      if (plan.changed && plan.before !== undefined && plan.before.trim() !== '' && !(await interaction.confirmClaudeSettings(plan))) throw new CancelledError(WHAT);
      throwIfAborted(context.signal, WHAT);
      const written = await writeClaudeSettings(deps.environment, plan, { logger });
      const backup = written.backupPath ? ` (the previous file is kept as ${written.backupPath})` : '';
      return { status: 'done', summary: written.written ? `Wrote ${plan.changedKeys.join(', ')} to ${written.filePath}${backup}.` : `${written.filePath} already had these settings.` };
    },
    'bearer-token': async ({ signal }) => {
      const scan = await scanForBearerToken({ ...deps.bearerTokenScan, environment: deps.environment, logger });
      const findings = activeFindings(scan.findings);
      if (findings.length === 0) return { status: 'done', summary: 'AWS_BEARER_TOKEN_BEDROCK is not set anywhere Claude Code reads it.' };
      const places = findings.map((finding) => (finding.file ? `${finding.file}${finding.line ? `:${String(finding.line)}` : ''}` : finding.source)).join(', ');
      if ((await interaction.decideBearerToken(findings)) === 'leave') {
        return { status: 'warning', summary: `AWS_BEARER_TOKEN_BEDROCK is still set (${places}); Claude Code will use that key instead of your SSO identity until it is removed.` };
      }
      const fixable = findings.filter((finding) => finding.fix?.action === 'remove-json-key' || finding.fix?.action === 'remove-line');
      throwIfAborted(signal, WHAT);
      await applyBearerTokenFixes(fixable, deps.environment, { logger });
      const left = findings.length - fixable.length;
      return left === 0
        ? { status: 'done', summary: `Removed AWS_BEARER_TOKEN_BEDROCK from ${places} (backups kept beside each file).` }
        : { status: 'warning', summary: `Removed AWS_BEARER_TOKEN_BEDROCK from ${String(fixable.length)} place(s); ${String(left)} must be removed by hand (${places}).` };
    },
    'test-connection': async (context) => {
      const profiles = requireProfiles(context);
      const report = await aws().testConnection({
        credentials: profileCredentials(),
        region: profiles.region,
        inferenceProfileArn: profiles.primaryArn,
        profileName: deps.profileName,
        tagKeys: deps.search.tagKeys,
        ...(deps.search.probe ? { probe: true } : {}),
        logger,
        ...(context.signal ? { abortSignal: context.signal } : {}),
      });
      if (!report.ok) {
        const failed = report.steps.find((step) => step.status === 'failed');
        throw new UserFacingError(failed?.message ?? 'The connection test failed; run Test Connection for the details.', failed?.code ?? 'setup.connection-failed');
      }
      return {
        status: 'done',
        summary: `Connected as ${report.identity?.arn ?? '?'}; ${profiles.primaryArn} is reachable.`,
        record: { connection: { awsProfile: deps.profileName, primaryArn: profiles.primaryArn, checkedAt: deps.environment.now().toISOString() } },
      };
    },
    cost: async (context) => {
      const profiles = requireProfiles(context);
      // The same plan the status bar makes (developerCostPlan), so the one Cost Explorer
      // answer cached here is the one every window then shows.
      const plan = developerCostPlan(deps.cost.settings, { claudeModel: await configuredClaudeModel(deps.environment), chosen: profiles });
      const report = await readCostReport(
        costReportOptions(plan, {
          cacheDir: deps.cost.cacheDir,
          environment: deps.environment,
          fetchBilled: (query) =>
            aws().fetchDeveloperBilledCost({ query, now: deps.environment.now(), credentials: profileCredentials(), logger, ...(context.signal ? { abortSignal: context.signal } : {}) }),
          logger,
        }),
      );
      const { amount, currency } = report.cost.monthToDate;
      const figure = `${currency} ${amount.toFixed(2)}`;
      const note = report.cost.reason ? ` ${report.cost.reason.message}` : '';
      return {
        status: report.cost.reason && report.cost.source === 'local' && plan.source !== 'local' ? 'warning' : 'done',
        summary: `Month-to-date Claude spend: ${figure}${SOURCE_WORDS[report.cost.source] ?? ''}.${note}`,
        record: { cost: { awsProfile: deps.profileName, amount, currency, source: report.cost.source, checkedAt: deps.environment.now().toISOString() } },
      };
    },
    'claude-cli': async ({ signal }) => {
      // The setup check's own test of the CLI (found, answers --version, new enough), so
      // Set Up and Check Setup never disagree about it.
      const checked = await checkClaudeCli(
        {
          options: {
            environment: deps.environment,
            ...(deps.runProgram ? { runProgram: deps.runProgram } : {}),
            ...(deps.minimumClaudeCodeVersion ? { minimumClaudeCodeVersion: deps.minimumClaudeCodeVersion } : {}),
          },
          timeouts: DEFAULT_SETUP_CHECK_TIMEOUTS,
        },
        signal ?? new AbortController().signal,
      ).catch((error: unknown) => {
        // A cancel kills `claude --version`; that is the run's cancel, not the check's failure.
        throwIfAborted(signal, WHAT);
        throw error;
      });
      const program = checked.locations?.[0]?.file;
      if (checked.status === 'pass' && program !== undefined) return { status: 'done', summary: checked.detail, record: { claudeCli: { program, detail: checked.detail } } };
      const installCommand = checked.fix?.cli;
      const answer = await interaction.offerClaudeInstall({ detail: checked.detail, installCommand });
      return {
        status: 'warning',
        summary:
          answer === 'installing'
            ? `Claude Code is being installed in a terminal (${installCommand ?? ''}); when it has finished, run Set Up again or open Claude Code.`
            : `${checked.detail}${installCommand ? ` To install it: ${installCommand}` : ''}`,
      };
    },
  };
}

/** Where the figure came from, in words (the source codes are for --json and the log). */
const SOURCE_WORDS: Readonly<Record<string, string>> = {
  'cost-explorer': ', as billed by AWS',
  local: ', estimated from your Claude Code sessions',
  mixed: ', billed by AWS up to yesterday and estimated since',
};

function requireProfiles(context: StepContext): ChosenInferenceProfiles {
  const profiles = context.plan.profiles;
  if (!profiles) throw new UserFacingError('No inference profile has been chosen yet; run Set Up again to choose one.', 'setup.no-profile');
  return profiles;
}
