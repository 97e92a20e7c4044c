import { parseArgs } from 'node:util';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { setupPassed } from '../../core/doctor/setupCheck';
import type { SetupCheckTimeouts } from '../../core/doctor/setupCheckOptions';
import { formatSetupReportText, setupReportJson } from '../../core/doctor/setupReportText';
import { processEnvironment, type CoreEnvironment } from '../../core/runtime/coreEnvironment';
import { silentLogger, type Logger } from '../../core/runtime/logger';
import { EXIT_FAILED, EXIT_OK, type CliIo } from '../cliIo';
import { loadCliOrgSettings, packageRootAbove, type CliOrgContext } from './cliOrgSettings';

export const DOCTOR_USAGE = `Usage: bedrock-onboard doctor [options]

Checks everything Claude Code on Bedrock needs: the AWS profile and SSO sign-in, credentials,
who you are in AWS, the Bedrock region, your inference profile, Claude Code's settings, that no
AWS_BEARER_TOKEN_BEDROCK overrides your identity, the claude CLI and awsAuthRefresh.
Exits 0 when nothing fails (warnings allowed), 1 otherwise.

Options:
  --profile NAME             AWS profile you sign in with (default: AWS_PROFILE from your Claude Code settings)
  --inference-profile ARN    Inference profile to check (default: ANTHROPIC_MODEL from your Claude Code settings)
  --json                     Print { "checks": [ { id, status, title, detail, locations } ] }
`;

export interface DoctorDependencies {
  readonly environment: CoreEnvironment;
  readonly org: CliOrgContext;
  readonly logger: Logger;
  /** Folders whose `.claude/` settings and `.env` files are scanned for a bearer token. */
  readonly workspaceFolders: readonly string[];
  readonly timeouts?: Partial<SetupCheckTimeouts>;
}

export function defaultDoctorDependencies(): DoctorDependencies {
  return { environment: processEnvironment(), org: { extensionRoot: packageRootAbove(__dirname) }, logger: silentLogger, workspaceFolders: [process.cwd()] };
}

/** `bedrock-onboard doctor [--json]`: the setup check, as text or JSON. */
export async function runDoctor(args: readonly string[], io: CliIo, deps: DoctorDependencies = defaultDoctorDependencies()): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      profile: { type: 'string' },
      'inference-profile': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(DOCTOR_USAGE);
    return EXIT_OK;
  }
  const org = await loadCliOrgSettings(deps.environment, deps.org, deps.logger);
  const { settings } = org;
  // Only an organisation's profile name is an expectation; the built-in default is a guess.
  const profileName = values.profile ?? (settings.profileName.source === 'organization' ? settings.profileName.value : undefined);
  const tagKeys = [settings.developerTagKey.value, settings.teamTagKey.value].filter((key): key is string => key !== undefined);
  const checks = await loadAwsOperations().runSetupChecks({
    environment: deps.environment,
    logger: deps.logger,
    ...(profileName !== undefined ? { profileName } : {}),
    ...(settings.allowedRegions.value ? { allowedRegions: settings.allowedRegions.value } : {}),
    ...(values['inference-profile'] !== undefined ? { inferenceProfileArn: values['inference-profile'] } : {}),
    tagKeys,
    bearerToken: { processOrigin: 'terminal', workspaceFolders: deps.workspaceFolders },
    ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
  });
  if (values.json) io.stdout(setupReportJson(checks));
  else {
    const problems = org.problems.map((problem) => `Note: ${problem}\n`).join('');
    io.stdout(`${problems}${formatSetupReportText(checks)}`);
  }
  return setupPassed(checks) ? EXIT_OK : EXIT_FAILED;
}
