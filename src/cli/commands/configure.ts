import { parseArgs } from 'node:util';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { readSsoProfile } from '../../core/awsConfig/ssoProfileReader';
import { planClaudeSettingsFile, writeClaudeSettings } from '../../core/claudeSettings/settingsFile';
import type { ClaudeSettingsPlan, DesiredClaudeSettings } from '../../core/claudeSettings/settingsPlan';
import { settingsForSelection } from '../../core/claudeSettings/settingsForSelection';
import type { DiscoveryResult } from '../../core/discovery/discoverInferenceProfiles';
import { CANDIDATE_SOURCE_WORDS, CLAUDE_TIERS, type ClaudeTier, type InferenceProfileCandidate } from '../../core/discovery/inferenceProfileCandidate';
import { selectProfiles, type ProfileSelection } from '../../core/discovery/selectProfiles';
import { fileDiscoveryMemory } from '../../core/discovery/discoveryMemory';
import { everyPercent, examinedText } from '../../core/discovery/examinationProgressSteps';
import { cliCostCacheDir } from './cost';
import { processEnvironment, type CoreEnvironment } from '../../core/runtime/coreEnvironment';
import { silentLogger, type Logger } from '../../core/runtime/logger';
import { UserFacingError, isUserFacingError } from '../../core/runtime/userFacingError';
import { redactSecrets } from '../../core/secrets/redact';
import { isInvalid } from '../../core/validation/invalidValue';
import { validateRegion } from '../../core/validation/awsRegion';
import { chooseFromList, confirm } from '../terminal/terminalPrompts';
import { awsAuthRefreshCommand } from '../../core/claudeSettings/awsAuthRefreshCommand';
import { loadCliOrgSettings, packageRootAbove, type CliOrgContext, type CliOrgSettings } from './cliOrgSettings';

export const CONFIGURE_USAGE = `Usage: bedrock-onboard configure [options]

Finds your own Bedrock application inference profiles and points Claude Code at them
(~/.claude/settings.json, or $CLAUDE_CONFIG_DIR/settings.json).

Options:
  --profile NAME             AWS profile to use (default: the organisation's, else claude-code)
  --region R                 Region to search; repeat for several (default: the default and allowed regions)
  --inference-profile ARN    Use this inference profile; repeat for one per tier (skips the search)
  --rediscover               Search afresh instead of re-checking the profiles found last time
                             (finds a profile your admin added since); the result replaces them
  --probe                    Confirm with one billed 1-token call per profile (off by default)
  --yes                      Write without asking
  --json                     Print the chosen profiles per tier, with evidence, as JSON
  --dry-run                  Show the change without writing it
`;

/** Exit codes shared by every command: 0 success, 1 the operation failed, 2 bad usage. */
const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly stdinIsTTY: boolean;
}

/** What the command takes from the machine; tests replace it, the CLI uses the defaults. */
export interface ConfigureDependencies {
  readonly environment: CoreEnvironment;
  readonly org: CliOrgContext;
  readonly logger: Logger;
  readonly choose: <T>(question: string, items: readonly T[], label: (item: T) => string) => Promise<T>;
  readonly confirm: (question: string) => Promise<boolean>;
  readonly self: { readonly argv1?: string; readonly execPath: string };
}

export function defaultConfigureDependencies(): ConfigureDependencies {
  return {
    environment: processEnvironment(),
    org: { extensionRoot: packageRootAbove(__dirname) },
    logger: silentLogger,
    choose: (question, items, label) => chooseFromList(question, items, label),
    confirm,
    self: { ...(process.argv[1] ? { argv1: process.argv[1] } : {}), execPath: process.execPath },
  };
}

/** `bedrock-onboard configure`: discovery, then the Claude Code settings change (shown, confirmed, written). */
export async function runConfigure(args: readonly string[], io: CommandIo, deps: ConfigureDependencies = defaultConfigureDependencies()): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      profile: { type: 'string' },
      region: { type: 'string', multiple: true },
      'inference-profile': { type: 'string', multiple: true },
      rediscover: { type: 'boolean', default: false },
      probe: { type: 'boolean', default: false },
      yes: { type: 'boolean', short: 'y', default: false },
      json: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(CONFIGURE_USAGE);
    return EXIT_OK;
  }

  const org = await loadCliOrgSettings(deps.environment, deps.org, deps.logger);
  for (const problem of org.problems) io.stderr(`bedrock-onboard: warning: ${problem}\n`);
  const settings = org.settings;
  const profile = values.profile ?? settings.profileName.value ?? 'claude-code';

  const allowed = settings.allowedRegions.value ?? [];
  const regions: string[] = [];
  for (const raw of values.region ?? []) {
    const region = validateRegion(raw);
    if (isInvalid(region)) return usage(io, region.message);
    if (allowed.length > 0 && !allowed.includes(region)) {
      return usage(io, `The region ${region} is not one your organisation allows (${allowed.join(', ')}); choose one of those.`);
    }
    regions.push(region);
  }
  if (regions.length === 0) regions.push(...new Set([settings.defaultRegion.value ?? 'us-east-1', ...allowed]));
  if (values.probe && settings.probeAllowed.source === 'organization' && settings.probeAllowed.value === false) {
    return usage(io, 'Your organisation has turned off the billed 1-token probe; run configure without --probe.');
  }

  try {
    return await discoverAndWrite(values, profile, regions, org, io, deps);
  } catch (error) {
    // The same one-line reason and exit code runCli gives, for callers that run this directly.
    if (isUserFacingError(error)) return failed(io, redactSecrets(error.message));
    throw error;
  }
}

interface ConfigureFlags {
  readonly 'inference-profile'?: string[] | undefined;
  readonly rediscover: boolean;
  readonly probe: boolean;
  readonly yes: boolean;
  readonly json: boolean;
  readonly 'dry-run': boolean;
}

async function discoverAndWrite(values: ConfigureFlags, profile: string, regions: readonly string[], org: CliOrgSettings, io: CommandIo, deps: ConfigureDependencies): Promise<number> {
  const settings = org.settings;
  const aws = loadAwsOperations();
  const tagKeys = [settings.developerTagKey.value ?? 'DeveloperId', settings.teamTagKey.value ?? 'Team'];
  // Ctrl-C during a long examination of every profile ends it with the cancelled sentence.
  const controller = new AbortController();
  const onInterrupt = (): void => {
    controller.abort();
  };
  process.once('SIGINT', onInterrupt);
  let result: DiscoveryResult;
  try {
    result = await aws.discoverInferenceProfiles({
      credentials: aws.profileCredentials(profile),
      profileName: profile,
      regions,
      tagKeys,
      ...(values['inference-profile'] ? { explicitArns: values['inference-profile'] } : {}),
      ...(org.profileMapping ? { orgMapping: org.profileMapping } : {}),
      ...(settings.profileNamePattern.value ? { nameTemplate: settings.profileNamePattern.value } : {}),
      memory: fileDiscoveryMemory(cliCostCacheDir(deps.environment), { logger: deps.logger }),
      rediscover: values.rediscover,
      // A small account is examined in seconds; progress lines would only be noise there.
      onProgress: everyPercent(10, (progress) => {
        if (progress.examined > 0 && progress.total >= 100) io.stderr(`bedrock-onboard: no profile is named for you, so every profile is checked: ${examinedText(progress)} (Ctrl-C cancels)\n`);
      }),
      probe: values.probe,
      logger: deps.logger,
      abortSignal: controller.signal,
    });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }

  const selection = await settleSelection(result, regions, io, deps, values.json);
  if (selection.kind !== 'selected') {
    if (values.json) io.stdout(`${JSON.stringify(unsettledJsonReport(result), null, 2)}\n`);
    return failed(io, selection.reason);
  }

  const sso = (await readSsoProfile(deps.environment, profile)).profile;
  const desired = settingsForSelection(selection, profile, awsAuthRefreshCommand(profile, deps.environment.env, deps.environment.platform, deps.self, sso));
  const plan = await planClaudeSettingsFile(deps.environment, desired);

  const apply = async (): Promise<{ written: boolean; backupPath?: string }> => {
    if (!plan.changed || values['dry-run']) return { written: false };
    return writeClaudeSettings(deps.environment, plan, { logger: deps.logger });
  };

  if (values.json) {
    const mayWrite = plan.changed && !values['dry-run'] && values.yes;
    const outcome = mayWrite ? await apply() : { written: false };
    io.stdout(`${JSON.stringify(jsonReport(result, selection, desired, plan, outcome.written), null, 2)}\n`);
    if (plan.changed && !values['dry-run'] && !values.yes) {
      io.stderr('bedrock-onboard: nothing was written; pass --yes together with --json to write the change.\n');
      return EXIT_FAILED;
    }
    return EXIT_OK;
  }

  io.stdout(summary(result, selection, profile));
  if (!plan.changed) {
    io.stdout(`${plan.filePath} already has these settings; nothing to change.\n`);
    return EXIT_OK;
  }
  io.stdout(plan.diff.endsWith('\n') ? plan.diff : `${plan.diff}\n`);
  if (values['dry-run']) {
    io.stdout('Dry run: nothing was written.\n');
    return EXIT_OK;
  }
  if (!values.yes) {
    if (!io.stdinIsTTY) return failed(io, `Not writing ${plan.filePath} without confirmation: stdin is not a terminal, so pass --yes to write the change shown above.`);
    if (!(await deps.confirm(`Write these changes to ${plan.filePath}?`))) return failed(io, 'Nothing was written.');
  }
  const outcome = await apply();
  io.stdout(`Updated ${plan.filePath}${outcome.backupPath ? ` (previous version kept in ${outcome.backupPath})` : ''}.\n`);
  return EXIT_OK;
}

type Settled = Extract<ProfileSelection, { kind: 'selected' }> | { readonly kind: 'failed'; readonly reason: string };

/** Turns the discovery result into one profile per tier: as found, after asking on a TTY, or a reason to stop. */
async function settleSelection(result: DiscoveryResult, regions: readonly string[], io: CommandIo, deps: ConfigureDependencies, json: boolean): Promise<Settled> {
  const selection = result.selection;
  if (selection.kind === 'selected') return selection;
  if (selection.kind === 'none') {
    const reason = result.problems[0]?.message ?? 'No Claude inference profile was found for you.';
    return { kind: 'failed', reason: `${reason} (On the command line: bedrock-onboard configure --inference-profile ARN.)` };
  }
  if (!io.stdinIsTTY || json) return { kind: 'failed', reason: ambiguityMessage(selection) };
  const picks: string[] = [];
  for (const tier of CLAUDE_TIERS) {
    const choices = selection.choices[tier];
    if (!choices) continue;
    const chosen = await deps.choose(`More than one ${tier} inference profile is available to you. Which one should Claude Code use?`, choices, label);
    picks.push(chosen.arn);
  }
  const settled = selectProfiles(result.candidates, { regionOrder: regions, picks });
  if (settled.kind !== 'selected') throw new UserFacingError('The choice did not settle every tier; run configure again.', 'discovery.unsettled');
  return settled;
}

function ambiguityMessage(selection: Extract<ProfileSelection, { kind: 'ambiguous' }>): string {
  const lines: string[] = [];
  const tiers = Object.keys(selection.choices).join(' and ');
  lines.push(`More than one ${tiers} inference profile is available to you in ${selection.region}, and stdin is not a terminal to ask; pass --inference-profile once per tier you want. Choices:`);
  for (const tier of CLAUDE_TIERS) {
    for (const c of selection.choices[tier] ?? []) lines.push(`  ${label(c)}`);
    const settled = selection.byTier[tier];
    if (settled) lines.push(`  ${label(settled)} (only ${tier})`);
  }
  return lines.join('\n');
}

function label(candidate: InferenceProfileCandidate): string {
  return `${candidate.tier.padEnd(6)} ${candidate.name}  ${candidate.arn}`;
}

function summary(result: DiscoveryResult, selection: Extract<ProfileSelection, { kind: 'selected' }>, profile: string): string {
  const lines = [`Signed in as ${result.identity.arn} (profile ${profile}).`, `Inference profiles in ${selection.region} (found by ${CANDIDATE_SOURCE_WORDS[result.source]}):`];
  for (const tier of CLAUDE_TIERS) {
    const c = selection.byTier[tier];
    if (c) lines.push(`  ${label(c)}${c === selection.primary ? '  ← ANTHROPIC_MODEL' : ''}`);
  }
  for (const problem of result.problems) lines.push(`Note: ${problem.message}`);
  return `${lines.join('\n')}\n`;
}

function jsonReport(result: DiscoveryResult, selection: Extract<ProfileSelection, { kind: 'selected' }>, desired: DesiredClaudeSettings, plan: ClaudeSettingsPlan, written: boolean): unknown {
  const tiers: Partial<Record<ClaudeTier, unknown>> = {};
  for (const [tier, c] of Object.entries(selection.byTier)) {
    tiers[tier as ClaudeTier] = { arn: c.arn, name: c.name, region: c.region, status: c.status, ownership: c.ownership, modelArns: c.modelArns, evidence: c.evidence };
  }
  return {
    identity: result.identity,
    source: result.source,
    region: selection.region,
    primary: selection.primary.arn,
    tiers,
    problems: result.problems,
    settings: {
      path: plan.filePath,
      awsProfile: desired.awsProfile,
      awsRegion: desired.awsRegion,
      awsAuthRefresh: desired.awsAuthRefresh,
      changed: plan.changed,
      changedKeys: plan.changedKeys,
      written,
    },
  };
}

/** For scripts: why nothing was chosen, with the choices (ambiguous) or the reasons (none). */
function unsettledJsonReport(result: DiscoveryResult): unknown {
  const selection = result.selection;
  const brief = (c: InferenceProfileCandidate): unknown => ({ arn: c.arn, name: c.name, tier: c.tier, region: c.region, ownership: c.ownership });
  return {
    identity: result.identity,
    source: result.source,
    selection: selection.kind,
    ...(selection.kind === 'ambiguous'
      ? {
          region: selection.region,
          choices: Object.fromEntries(Object.entries(selection.choices).map(([tier, list]) => [tier, list.map(brief)])),
          settled: Object.fromEntries(Object.entries(selection.byTier).map(([tier, c]) => [tier, brief(c)])),
        }
      : {}),
    problems: result.problems,
  };
}

function usage(io: CommandIo, message: string): number {
  io.stderr(`bedrock-onboard: ${message}\n`);
  return EXIT_USAGE;
}

function failed(io: CommandIo, message: string): number {
  io.stderr(`bedrock-onboard: ${message}\n`);
  return EXIT_FAILED;
}
