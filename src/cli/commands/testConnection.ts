import { parseArgs } from 'node:util';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { readClaudeSettings } from '../../core/claudeSettings/settingsFile';
import type { ConnectionReport } from '../../core/connection/testConnection';
import { processEnvironment, type CoreEnvironment } from '../../core/runtime/coreEnvironment';
import { silentLogger, type Logger } from '../../core/runtime/logger';
import { isInvalid } from '../../core/validation/invalidValue';
import { validateRegion } from '../../core/validation/awsRegion';
import type { CommandIo } from './configure';

export const TEST_CONNECTION_USAGE = `Usage: bedrock-onboard test-connection [options]

Checks what Claude Code will do with your settings: who the AWS profile signs in as, that
the inference profile in your Claude Code settings can be read, and (with --probe) that it
answers a 1-token request.

Options:
  --profile NAME             AWS profile (default: AWS_PROFILE from your Claude Code settings)
  --region R                 Region (default: AWS_REGION from your Claude Code settings)
  --inference-profile ARN    Inference profile (default: ANTHROPIC_MODEL from your Claude Code settings)
  --probe                    Also make one billed 1-token call through it
  --json                     Print the report as JSON
`;

export interface TestConnectionDependencies {
  readonly environment: CoreEnvironment;
  readonly logger: Logger;
}

/** `bedrock-onboard test-connection`: the calls Claude Code makes at start-up, each reported with its latency. */
export async function runTestConnection(args: readonly string[], io: CommandIo, deps: TestConnectionDependencies = { environment: processEnvironment(), logger: silentLogger }): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      profile: { type: 'string' },
      region: { type: 'string' },
      'inference-profile': { type: 'string' },
      probe: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(TEST_CONNECTION_USAGE);
    return 0;
  }

  const claude = await readClaudeSettings(deps.environment);
  const fromSettings = claude.status === 'ok' ? claude.env : {};
  const where = claude.filePath;
  if (claude.status === 'invalid' && (!values['inference-profile'] || !values.region)) {
    io.stderr(`bedrock-onboard: ${claude.error.message}\n`);
    return 1;
  }
  const arn = values['inference-profile'] ?? fromSettings['ANTHROPIC_MODEL'];
  const rawRegion = values.region ?? fromSettings['AWS_REGION'];
  const profile = values.profile ?? fromSettings['AWS_PROFILE'];
  if (!arn) {
    io.stderr(`bedrock-onboard: No inference profile is set in ${where} (env.ANTHROPIC_MODEL); run bedrock-onboard configure first, or pass --inference-profile ARN.\n`);
    return 1;
  }
  if (!rawRegion) {
    io.stderr(`bedrock-onboard: No region is set in ${where} (env.AWS_REGION), and Claude Code needs one; run bedrock-onboard configure, or pass --region.\n`);
    return 1;
  }
  const region = validateRegion(rawRegion);
  if (isInvalid(region)) {
    io.stderr(`bedrock-onboard: ${region.message}\n`);
    return values.region ? 2 : 1;
  }

  const aws = loadAwsOperations();
  const report = await aws.testConnection({
    credentials: aws.profileCredentials(profile),
    region,
    inferenceProfileArn: arn,
    ...(profile ? { profileName: profile } : {}),
    probe: values.probe,
    logger: deps.logger,
  });
  if (values.json) io.stdout(`${JSON.stringify({ profile: profile ?? null, region, inferenceProfileArn: arn, ...report }, null, 2)}\n`);
  else io.stdout(renderReport(report, profile, region, arn));
  return report.ok ? 0 : 1;
}

function renderReport(report: ConnectionReport, profile: string | undefined, region: string, arn: string): string {
  const lines = [`Profile ${profile ?? '(default credential chain)'}, region ${region}, inference profile ${arn}`];
  for (const step of report.steps) {
    const mark = step.status === 'ok' ? 'ok  ' : step.status === 'failed' ? 'FAIL' : 'skip';
    const latency = step.latencyMs !== undefined ? ` (${step.latencyMs} ms)` : '';
    const detail =
      step.status === 'ok' && step.name === 'identity' && report.identity
        ? ` ${report.identity.arn}`
        : step.status === 'ok' && step.name === 'inference-profile' && report.profile
          ? ` ${report.profile.name} (${report.profile.tier}, ${report.profile.status})`
          : step.message
            ? ` ${step.message}`
            : '';
    lines.push(`  ${mark} ${step.name.padEnd(17)} ${step.operation}${latency}${detail}`);
  }
  lines.push(report.ok ? 'Claude Code should be able to use this inference profile.' : 'Claude Code will not work with these settings until the failures above are fixed.');
  return `${lines.join('\n')}\n`;
}
