import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatMappingJson } from '../../core/admin/profileBatchOutput';
import type { LeaverProfile, SyncResult } from '../../core/admin/sync/syncDeveloperProfiles';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { writeFileAtomic } from '../../core/files/atomicWrite';
import { EXIT_FAILED, EXIT_OK, type CliIo } from '../cliIo';
import { confirm as terminalConfirm } from '../terminal/terminalPrompts';
import { UsageError } from './adminCreateProfiles';
import { readAdminOrgFile } from './adminOrgFile';
import { adminScope } from './adminScope';

export const SYNC_USAGE = `Usage: bedrock-onboard admin sync --group NAME [options]

Makes the developers' application inference profiles follow an Identity Store group: reads its
members (the attribute IAM Identity Center passes as DeveloperId is each one's developer id),
creates the profiles any member lacks (safe to run again: existing ones are kept), lists the
profiles of people no longer in the group, and writes the developer -> tier -> ARN mapping
the extension can be packaged with (the org defaults' profileMappingFile).

  --group NAME             the group's display name (required)
  --org FILE               org defaults file: region, SSO region and tag keys come from it
  --region R               region of the profiles (default: the org's defaultRegion, else us-east-1)
  --sso-region R           region of the IAM Identity Center instance (default: ssoRegion)
  --developer-attribute P  read the developer id from this source instead of the instance's mapping,
                           e.g. \${path:enterprise.employeeNumber}
  --team-attribute P       read the team from this source instead of the instance's mapping
  --team TEAM              one team for every member
  --prune                  delete the leavers' profiles (after confirmation)
  --yes                    with --prune: delete without asking (for scripts)
  --dry-run                show what would change; change nothing, write nothing
  --out-json FILE          where to write the mapping (default profile-mapping.json)
  --profile NAME           AWS profile with the admin permissions (default chain otherwise)
  --json                   print the result as JSON

Exit status: 0 when every member has their profiles, 1 when any failed or a member was skipped.
`;

export interface AdminSyncDependencies {
  readonly confirm: (question: string) => Promise<boolean>;
}

export async function adminSync(args: readonly string[], io: CliIo, deps: AdminSyncDependencies = { confirm: terminalConfirm }): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      group: { type: 'string' },
      org: { type: 'string' },
      region: { type: 'string' },
      'sso-region': { type: 'string' },
      'developer-attribute': { type: 'string' },
      'team-attribute': { type: 'string' },
      team: { type: 'string' },
      prune: { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      'dry-run': { type: 'boolean' },
      'out-json': { type: 'string' },
      profile: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(SYNC_USAGE);
    return EXIT_OK;
  }
  if (!values.group?.trim()) throw new UsageError(`--group NAME is required.\n\n${SYNC_USAGE}`);
  if (values.yes && !values.prune) throw new UsageError(`--yes only applies to --prune.\n\n${SYNC_USAGE}`);
  const org = values.org === undefined ? undefined : await readAdminOrgFile(values.org);
  const scope = adminScope(org, { regions: values.region ?? org?.defaultRegion ?? 'us-east-1', ...(values['sso-region'] ? { ssoRegion: values['sso-region'] } : {}) }, SYNC_USAGE);
  const region = scope.regions[0] ?? 'us-east-1';
  const say = (text: string): void => {
    if (values.json) io.stderr(text);
    else io.stdout(text);
  };
  const aws = loadAwsOperations();
  const result = await aws.syncDeveloperProfiles({
    region,
    identityCenterRegion: scope.identityCenterRegion,
    groupName: values.group.trim(),
    tagKeys: scope.tagKeys,
    ...(values['developer-attribute'] ? { developerIdSource: values['developer-attribute'] } : {}),
    ...(values['team-attribute'] ? { teamSource: values['team-attribute'] } : {}),
    ...(values.team ? { team: values.team } : {}),
    dryRun: values['dry-run'] === true,
    prune: values.prune === true,
    confirmPrune: async (leavers: readonly LeaverProfile[]) => {
      say(`Delete ${leavers.length} profile(s) of people no longer in "${values.group ?? ''}":\n${leavers.map((l) => `    ${l.name}\n`).join('')}`);
      if (values.yes) return true;
      if (!io.stdinIsTTY) {
        say('  Not deleted: there is no terminal to confirm on; pass --yes to delete them.\n');
        return false;
      }
      return deps.confirm('Delete them?');
    },
    credentials: aws.profileCredentials(values.profile),
    ...(values.profile ? { profileName: values.profile } : {}),
    onProgress: (p) => {
      io.stderr(`  ${p.done}/${p.total} done, ${p.created} created, ${p.failed} failed, pace ${p.ratePerSecond.toFixed(1)}/s\n`);
    },
  });
  if (values.json) io.stdout(syncJson(result));
  else printSync(result, io);
  if (!result.batch.dryRun) {
    const file = values['out-json'] ?? 'profile-mapping.json';
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFileAtomic(file, formatMappingJson(result.batch.mapping));
    say(`wrote ${file} (${Object.keys(result.batch.mapping).length} developers); name it as profileMappingFile in the org defaults, or paste it as profileMapping\n`);
  }
  return result.batch.counts.failed > 0 || result.skipped.length > 0 || result.deleteFailures.length > 0 ? EXIT_FAILED : EXIT_OK;
}

function printSync(result: SyncResult, io: CliIo): void {
  const c = result.batch.counts;
  const out = (text: string): void => {
    io.stdout(`${text}\n`);
  };
  for (const skip of result.skipped) out(`skipped ${skip.userName}: ${skip.reason}`);
  for (const outcome of result.batch.outcomes) {
    if (outcome.status === 'failed') out(`FAILED: ${outcome.error ?? 'unknown error'} ${outcome.planned.name}`);
    else if (outcome.status === 'would-create') out(`would create ${outcome.planned.name} (${outcome.planned.developerId}, ${outcome.planned.tier})`);
    else if (outcome.status === 'created') out(`created ${outcome.planned.name}`);
  }
  for (const leaver of result.leavers) out(`${result.deleted.includes(leaver.name) ? 'deleted' : 'no longer in the group'}: ${leaver.name}`);
  for (const failure of result.deleteFailures) out(`FAILED: ${failure}`);
  const created = result.batch.dryRun ? `${c.wouldCreate} to create` : `${c.created} created`;
  out(
    `"${result.groupName}": ${result.members} members, ${result.developers} with a developer id${result.skipped.length ? `, ${result.skipped.length} skipped` : ''}; ${created}, ${c.existing} already existed, ${c.failed} failed; ` +
      `${result.leavers.length} profile(s) of people no longer in the group${result.deleted.length ? `, ${result.deleted.length} deleted` : result.leavers.length && !result.pruneNote ? ' (--prune deletes them)' : ''}${result.pruneNote ? ` (${result.pruneNote})` : ''}.`,
  );
}

function syncJson(result: SyncResult): string {
  return `${JSON.stringify(
    {
      group: result.groupName,
      members: result.members,
      developers: result.developers,
      skipped: result.skipped,
      dryRun: result.batch.dryRun,
      counts: result.batch.counts,
      created: result.batch.outcomes.filter((o) => o.status === 'created').map((o) => o.planned.name),
      wouldCreate: result.batch.outcomes.filter((o) => o.status === 'would-create').map((o) => o.planned.name),
      failed: result.batch.outcomes.filter((o) => o.status === 'failed').map((o) => ({ name: o.planned.name, error: o.error })),
      leavers: result.leavers,
      deleted: result.deleted,
      deleteFailures: result.deleteFailures,
      ...(result.pruneNote ? { pruneNote: result.pruneNote } : {}),
      mapping: JSON.parse(formatMappingJson(result.batch.mapping)) as unknown,
    },
    null,
    2,
  )}\n`;
}
