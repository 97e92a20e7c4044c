import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseDeveloperCsv } from '../../core/admin/developerCsv';
import { developerRequestProblems, parseTag, parseTiers, type DeveloperRequest } from '../../core/admin/developerRequest';
import { DEFAULT_PROFILE_TAG_KEYS, DEFAULT_PROFILE_TIERS, type ProfileBatchResult, type ProfileOutcome, type ProfileTagKeys } from '../../core/admin/profileBatch';
import { formatBatchJson, formatMappingJson, formatOutcomesCsv } from '../../core/admin/profileBatchOutput';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { writeFileAtomic } from '../../core/files/atomicWrite';
import { PROFILE_TIERS, type ProfileTier } from '../../core/orgDefaults/orgDefaults';
import { isUsableTagKey } from '../../core/orgDefaults/awsTags';
import { validateRegion } from '../../core/validation/awsRegion';
import { UserFacingError } from '../../core/runtime/userFacingError';
import type { CliIo } from '../cliIo';
import { readAdminOrgFile } from './adminOrgFile';

export const CREATE_PROFILES_USAGE = `Usage: bedrock-onboard admin create-profiles (--region R | --org FILE) (--csv FILE | --developer-id ID --team TEAM) [options]

Creates each developer's application inference profiles (claude-code-<tier>-<developerId>),
copying the newest system-defined Claude profile per tier, tagged for ABAC. Existing
profiles are skipped, so it is safe to run again.

  --csv FILE               developerId,team[,tiers][,key=value...] per line; header optional
  --developer-id ID        one developer instead of a CSV (with --team, --tiers, --tag)
  --team TEAM
  --tag KEY=VALUE          extra tag for the one developer (repeatable)
  --tiers opus;sonnet      tiers for developers that list none (default opus;sonnet;haiku;
                           fable is also known: opus;sonnet;haiku;fable)
  --org FILE               org defaults file: region (defaultRegion) and tag keys come from it
                           unless given below
  --region R               region to create the profiles in (Claude Code's AWS_REGION)
  --profile NAME           AWS profile with bedrock:CreateInferenceProfile (default chain otherwise)
  --tag-keys DEV,TEAM      developer and team tag keys (default DeveloperId,Team)
  --source-profile T=ID    copy tier T from this system profile id/ARN (repeatable)
  --geography G            system profiles to copy from: us, eu, apac, global... (default: the region's)
  --dry-run                show what would be created; create nothing
  --json                   print the result (counts, mapping, one entry per profile) as JSON
  --out-json FILE          write developer -> tier -> ARN (usable as the org profileMapping)
  --out-csv FILE           write one row per profile (status, ARN, notes)
  --no-tag-check           do not read the tags of profiles that already exist
  --concurrency N          requests in flight at most (default 16)
  --rate N                 starting requests per second; adapts to throttling (default 10)

Exit status: 0 when every profile exists or was created, 1 when any failed, 2 on bad usage.
`;

export async function adminCreateProfiles(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      csv: { type: 'string' },
      'developer-id': { type: 'string' },
      team: { type: 'string' },
      tag: { type: 'string', multiple: true },
      tiers: { type: 'string' },
      region: { type: 'string' },
      org: { type: 'string' },
      profile: { type: 'string' },
      'tag-keys': { type: 'string' },
      'source-profile': { type: 'string', multiple: true },
      geography: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      'out-json': { type: 'string' },
      'out-csv': { type: 'string' },
      'no-tag-check': { type: 'boolean' },
      concurrency: { type: 'string' },
      rate: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(CREATE_PROFILES_USAGE);
    return 0;
  }
  const usage = (problem: string): never => {
    throw new UsageError(`${problem}\n\n${CREATE_PROFILES_USAGE}`);
  };
  const org = values.org === undefined ? undefined : await readAdminOrgFile(values.org);
  const regionText = values.region ?? org?.defaultRegion;
  const region = regionText === undefined ? undefined : validateRegion(regionText);
  if (typeof region !== 'string') return usage('--region (or an --org file with defaultRegion) is required and must be a region code such as us-east-1.');
  const defaultTiers = values.tiers === undefined ? DEFAULT_PROFILE_TIERS : tiersOrUsage(values.tiers, usage);
  const tagKeys =
    values['tag-keys'] !== undefined
      ? tagKeysOrUsage(values['tag-keys'], usage)
      : { developer: org?.developerTagKey ?? DEFAULT_PROFILE_TAG_KEYS.developer, team: org?.teamTagKey ?? DEFAULT_PROFILE_TAG_KEYS.team };
  const sourceProfiles = sourcesOrUsage(values['source-profile'] ?? [], usage);
  const concurrency = positiveIntegerOrUsage(values.concurrency, '--concurrency', 16, usage);
  const rate = positiveIntegerOrUsage(values.rate, '--rate', 10, usage);

  let developers: DeveloperRequest[];
  if (values.csv !== undefined) {
    if (values['developer-id'] !== undefined || values.team !== undefined || values.tag !== undefined) usage('Give either --csv or --developer-id/--team/--tag, not both.');
    developers = parseDeveloperCsv(await readCsv(values.csv), values.csv);
  } else if (values['developer-id'] !== undefined && values.team !== undefined) {
    const extraTags: Record<string, string> = {};
    for (const text of values.tag ?? []) {
      const tag = parseTag(text);
      if (!tag) usage(`--tag ${JSON.stringify(text)} must be written KEY=VALUE.`);
      else extraTags[tag.key] = tag.value;
    }
    const one: DeveloperRequest = { developerId: values['developer-id'].trim(), team: values.team.trim(), extraTags, origin: '--developer-id' };
    const problems = developerRequestProblems(one);
    if (problems.length > 0) throw new UserFacingError(`The developer cannot be used: ${problems.join('; ')}. Nothing was created.`, 'admin.developer-invalid');
    developers = [one];
  } else {
    return usage('Give a developer list with --csv FILE, or one developer with --developer-id and --team.');
  }

  const aws = loadAwsOperations();
  const result = await aws.createDeveloperProfiles({
    region,
    credentials: aws.profileCredentials(values.profile),
    ...(values.profile ? { profileName: values.profile } : {}),
    developers,
    defaultTiers,
    tagKeys,
    ...(org?.profileNamePattern ? { nameTemplate: org.profileNamePattern } : {}),
    sourceProfiles,
    ...(values.geography ? { geography: values.geography } : {}),
    dryRun: values['dry-run'] === true,
    checkExistingTags: values['no-tag-check'] !== true,
    maxConcurrency: concurrency,
    initialRatePerSecond: rate,
    onProgress: (p) => {
      io.stderr(`  ${p.done}/${p.total} done, ${p.created} created, ${p.failed} failed, pace ${p.ratePerSecond.toFixed(1)}/s\n`);
    },
  });
  if (values.json === true) io.stdout(formatBatchJson(result));
  else printResult(result, tagKeys, io);
  // With --json, stdout is one JSON document; the "wrote" lines go to stderr.
  const wrote = (text: string): void => {
    if (values.json === true) io.stderr(text);
    else io.stdout(text);
  };
  if (values['out-json'] !== undefined) await writeOutput(values['out-json'], formatMappingJson(result.mapping), wrote);
  if (values['out-csv'] !== undefined) await writeOutput(values['out-csv'], formatOutcomesCsv(result), wrote);
  return result.counts.failed > 0 ? 1 : 0;
}

/** Bad command-line usage: runCli turns it into exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function printResult(result: ProfileBatchResult, tagKeys: ProfileTagKeys, io: CliIo): void {
  const line = (outcome: ProfileOutcome, text: string): void => {
    io.stdout(`${text} ${outcome.planned.name} (${outcome.planned.developerId}, ${outcome.planned.tier})\n`);
  };
  for (const outcome of result.outcomes) {
    if (outcome.status === 'would-create') line(outcome, `would create, copying ${outcome.planned.source.id}:`);
    else if (outcome.status === 'failed') line(outcome, `FAILED: ${outcome.error ?? 'unknown error'}`);
    else if (outcome.status === 'exists' && (result.dryRun || (outcome.tagDifferences?.length ?? 0) > 0 || outcome.modelDiffers)) {
      const notes = (outcome.tagDifferences ?? []).map((d) => `${d.key} is ${d.actual === undefined ? 'missing' : JSON.stringify(d.actual)} (expected ${JSON.stringify(d.expected)})`);
      if (outcome.modelDiffers) notes.push(`routes to other models than ${outcome.planned.source.id}`);
      const abac = notes.length > 0 && (outcome.tagDifferences ?? []).some((d) => d.key === tagKeys.developer || d.key === tagKeys.team);
      line(outcome, notes.length > 0 ? `exists, but ${notes.join(', ')}${abac ? ' — left out of the mapping, ABAC would refuse it' : ''}:` : 'exists:');
    }
  }
  const c = result.counts;
  const seconds = (result.elapsedMs / 1000).toFixed(1);
  const summary = result.dryRun
    ? `Dry run in ${result.region}: ${c.wouldCreate} to create, ${c.existing} already exist${c.mismatched ? ` (${c.mismatched} with other developer/team tags)` : ''}. Nothing was created.`
    : `${result.region}: ${c.created} created, ${c.existing} already existed${c.mismatched ? ` (${c.mismatched} with other developer/team tags)` : ''}, ${c.failed} failed, in ${seconds} s${result.throttles ? ` (${result.throttles} throttled requests retried)` : ''}.`;
  io.stdout(`${summary}\n`);
}

async function readCsv(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new UserFacingError(`The developer list ${file} could not be read (${(error as { code?: string }).code ?? String(error)}); check the path.`, 'admin.csv-unreadable', { cause: error });
  }
}

async function writeOutput(file: string, text: string, say: (text: string) => void): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFileAtomic(file, text);
  say(`wrote ${file}\n`);
}

function tiersOrUsage(text: string, usage: (problem: string) => never): ProfileTier[] {
  const { tiers, problems } = parseTiers(text);
  if (problems.length > 0 || tiers.length === 0) usage(`--tiers: ${problems.join('; ') || 'no tiers given'} (use ${PROFILE_TIERS.join(';')}).`);
  return tiers;
}

function tagKeysOrUsage(text: string, usage: (problem: string) => never): ProfileTagKeys {
  const [developer, team, ...rest] = text.split(',').map((k) => k.trim());
  if (!developer || !team || rest.length > 0 || ![developer, team].every(isUsableTagKey) || developer === team) {
    usage('--tag-keys takes the developer and the team tag key, e.g. DeveloperId,Team.');
  }
  return { developer: developer, team: team };
}

function sourcesOrUsage(texts: readonly string[], usage: (problem: string) => never): Partial<Record<ProfileTier, string>> {
  const sources: Partial<Record<ProfileTier, string>> = {};
  for (const text of texts) {
    const tag = parseTag(text);
    const tier = PROFILE_TIERS.find((t) => t === tag?.key.toLowerCase());
    if (!tag || !tier || tag.value === '') usage(`--source-profile ${JSON.stringify(text)} must be TIER=ID, e.g. sonnet=us.anthropic.claude-sonnet-4-5-20250929-v1:0.`);
    else sources[tier] = tag.value;
  }
  return sources;
}

function positiveIntegerOrUsage(text: string | undefined, flag: string, fallback: number, usage: (problem: string) => never): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 1000) usage(`${flag} must be a whole number from 1 to 1000.`);
  return value;
}
