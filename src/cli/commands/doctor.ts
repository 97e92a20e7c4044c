import { vscodeUserSettingsFiles } from '../../core/bearerToken/vscodeUserSettingsFiles';
import { parseArgs } from 'node:util';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { setupPassed, type SetupCheck } from '../../core/doctor/setupCheck';
import type { SetupCheckTimeouts } from '../../core/doctor/setupCheckOptions';
import { formatSetupReportText, setupReportJson } from '../../core/doctor/setupReportText';
import { processEnvironment, type CoreEnvironment } from '../../core/runtime/coreEnvironment';
import { silentLogger, type Logger } from '../../core/runtime/logger';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliIo } from '../cliIo';
import { loadCliOrgSettings, packageRootAbove, type CliOrgContext } from './cliOrgSettings';
import { defaultFixCommandContext, fixCommandTable, planFixes, runFixes, type FixCommandTable, type FixPlan } from './doctorFixes';

export const DOCTOR_USAGE = `Usage: bedrock-onboard doctor [options]

Checks everything Claude Code on Bedrock needs: the AWS profile and SSO sign-in, credentials,
who you are in AWS, the Bedrock region, your inference profile, Claude Code's settings, that no
AWS_BEARER_TOKEN_BEDROCK overrides your identity, the claude CLI and awsAuthRefresh.
Exits 0 when nothing fails (warnings allowed), 1 otherwise; with --fix, after the fixes.

Options:
  --profile NAME             AWS profile you sign in with (default: AWS_PROFILE from your Claude Code settings)
  --inference-profile ARN    Inference profile to check (default: ANTHROPIC_MODEL from your Claude Code settings)
  --json                     Print { "checks": [ { id, status, title, detail, locations } ] }
  --fix                      After the report, run this tool's fix for each failing check (sign in,
                             then configure, then remove AWS_BEARER_TOKEN_BEDROCK; each once), check
                             again and print the final report. Other fixes (installing Claude Code)
                             are listed, not run. Signing in needs you at a terminal, so without one
                             on stdin it is skipped with the reason.
  --yes                      With --fix: answer yes to writing Claude Code's settings (configure --yes)
                             and to removing AWS_BEARER_TOKEN_BEDROCK (bearer-token --fix --yes)

With --json --fix, everything but the final JSON report goes to stderr.
`;

export interface DoctorDependencies {
  readonly environment: CoreEnvironment;
  readonly org: CliOrgContext;
  readonly logger: Logger;
  /** Folders whose `.claude/` settings and `.env` files are scanned for a bearer token. */
  readonly workspaceFolders: readonly string[];
  readonly timeouts?: Partial<SetupCheckTimeouts>;
  /** What --fix runs; default: our login, configure and bearer-token commands on the same machine. */
  readonly fixCommands?: FixCommandTable;
}

export function defaultDoctorDependencies(): DoctorDependencies {
  return { environment: processEnvironment(), org: { extensionRoot: packageRootAbove(__dirname) }, logger: silentLogger, workspaceFolders: [process.cwd()] };
}

/** `bedrock-onboard doctor [--json] [--fix [--yes]]`: the setup check, as text or JSON, and optionally its fixes. */
export async function runDoctor(args: readonly string[], io: CliIo, deps: DoctorDependencies = defaultDoctorDependencies()): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      profile: { type: 'string' },
      'inference-profile': { type: 'string' },
      json: { type: 'boolean', default: false },
      fix: { type: 'boolean', default: false },
      yes: { type: 'boolean', short: 'y', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(DOCTOR_USAGE);
    return EXIT_OK;
  }
  if (values.yes && !values.fix) {
    io.stderr('bedrock-onboard: --yes only applies to --fix.\n');
    return EXIT_USAGE;
  }
  const org = await loadCliOrgSettings(deps.environment, deps.org, deps.logger);
  const { settings } = org;
  // Only an organisation's profile name is an expectation; the built-in default is a guess.
  const profileName = values.profile ?? (settings.profileName.source === 'organization' ? settings.profileName.value : undefined);
  const tagKeys = [settings.developerTagKey.value, settings.teamTagKey.value].filter((key): key is string => key !== undefined);
  const runChecks = (): Promise<SetupCheck[]> => loadAwsOperations().runSetupChecks({
    environment: deps.environment,
    logger: deps.logger,
    ...(profileName !== undefined ? { profileName } : {}),
    ...(settings.allowedRegions.value ? { allowedRegions: settings.allowedRegions.value } : {}),
    ...(settings.minimumClaudeCodeVersion.value ? { minimumClaudeCodeVersion: settings.minimumClaudeCodeVersion.value } : {}),
    ...(values['inference-profile'] !== undefined ? { inferenceProfileArn: values['inference-profile'] } : {}),
    tagKeys,
    // VS Code's user settings: terminal.integrated.env for the bearer-token scan, Claude Code's extension settings for the model check.
    bearerToken: { processOrigin: 'terminal', workspaceFolders: deps.workspaceFolders, vscodeSettingsFiles: vscodeUserSettingsFiles(deps.environment) },
    ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
  });
  const notes = org.problems.map((problem) => `Note: ${problem}\n`).join('');
  const checks = await runChecks();
  if (!values.fix) {
    io.stdout(values.json ? setupReportJson(checks) : `${notes}${formatSetupReportText(checks)}`);
    return setupPassed(checks) ? EXIT_OK : EXIT_FAILED;
  }

  // Under --json, stdout carries the final report alone; the story of the fixes goes to stderr.
  const toStderr = (text: string): void => {
    io.stderr(text);
  };
  const narration: CliIo = values.json ? { stdout: toStderr, stderr: toStderr, stdinIsTTY: io.stdinIsTTY } : io;
  narration.stdout(`${notes}${formatSetupReportText(checks)}`);
  const plan = planFixes(checks);
  const commands = deps.fixCommands ?? fixCommandTable(defaultFixCommandContext(deps));
  const outcomes = await runFixes(plan, commands, { terminal: io.stdinIsTTY, yes: values.yes }, narration);
  narration.stdout(manualFixes(plan));
  const ran = outcomes.some((outcome) => outcome.status !== 'skipped');
  const final = ran ? await runChecks() : checks;
  if (values.json) io.stdout(setupReportJson(final));
  else if (ran) io.stdout(`\n${formatSetupReportText(final, 'After the fixes:')}`);
  else io.stdout(plan.runnable.length === 0 ? 'Nothing here for --fix to run.\n' : 'No fix was run.\n');
  return setupPassed(final) ? EXIT_OK : EXIT_FAILED;
}

/** Fixes --fix leaves to the user: another program's command, or advice. */
function manualFixes(plan: FixPlan): string {
  if (plan.manual.length === 0) return '';
  const lines = plan.manual.map((fix) => `  ${fix.title}${fix.cli ? `: ${fix.cli}` : ''}`);
  return `\nNot run by --fix (do these yourself):\n${lines.join('\n')}\n`;
}
