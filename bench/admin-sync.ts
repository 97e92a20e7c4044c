// bench/admin-sync: `admin sync` for a 2,000-member Identity Store group of which 10 % are new
// (no profiles yet) and whose former members (5 % of the group) still have profiles, against
// the emulator throttling CreateInferenceProfile at 20 requests/s (token bucket, real time).
// Prints requests and wall time against the ideal the create quota allows (new members ×
// 3 tiers / 20 per s; goal ≤ 1.2×), then a second run, which must change nothing.
//   node --import tsx bench/admin-sync.ts        (BENCH_MEMBERS=2000, BENCH_RATE=20)
import { syncDeveloperProfiles, type SyncResult } from '../src/core/admin/sync/syncDeveloperProfiles';
import { applicationProfileName } from '../src/core/admin/profileNaming';
import type { ApplicationProfileSpec } from '../test/emulator/world';
import { defaultWorld } from '../test/emulator/world';
import { startAdminEmulator } from '../test/unit/admin/adminEmulator';

const members = Number(process.env['BENCH_MEMBERS'] ?? 2000);
const rate = Number(process.env['BENCH_RATE'] ?? 20);
const tiers = ['opus', 'sonnet', 'haiku'] as const;
const sources = { opus: 'us.anthropic.claude-opus-4-1-20250805-v1:0', sonnet: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', haiku: 'us.anthropic.claude-haiku-4-5-20251001-v1:0' } as const;
const fresh = Math.round(members * 0.1);
const gone = Math.round(members * 0.05);
const account = '111122223333';
const GROUP = 'Claude Code Developers';

function world() {
  const w = defaultWorld();
  const name = (i: number): string => `dev${String(i).padStart(5, '0')}`;
  const inGroup = Array.from({ length: members }, (_, i) => name(i));
  const leavers = Array.from({ length: gone }, (_, i) => name(members + i));
  const profiles: ApplicationProfileSpec[] = [];
  // Members after the first `fresh` ones, and every leaver, already have their three profiles.
  for (const developer of [...inGroup.slice(fresh), ...leavers]) {
    for (const tier of tiers) {
      profiles.push({ name: applicationProfileName(tier, developer), id: `${tier.slice(0, 1)}${developer.replace('dev', 'x')}000000`.slice(0, 12).padEnd(12, '0'), accountId: account, region: 'us-east-1', copyFrom: sources[tier], tags: { DeveloperId: developer, Team: 'platform' } });
    }
  }
  w.applicationProfiles = [...(w.applicationProfiles ?? []), ...profiles];
  w.admin = {
    users: [...inGroup, ...leavers].map((userName) => ({ userName, department: 'platform' })),
    groups: [{ displayName: GROUP, members: inGroup }],
  };
  return w;
}

async function main(): Promise<void> {
  const aws = await startAdminEmulator({ world: world() });
  try {
    aws.emulator.setRateLimit('CreateInferenceProfile', rate);
    const run = (): Promise<SyncResult> => syncDeveloperProfiles({ region: 'us-east-1', identityCenterRegion: 'us-east-1', groupName: GROUP, tagKeys: { developer: 'DeveloperId', team: 'Team' }, credentials: aws.credentials });
    const started = performance.now();
    const first = await run();
    const seconds = (performance.now() - started) / 1000;
    const creates = aws.emulator.requestCount('CreateInferenceProfile');
    const throttled = aws.emulator.requests().filter((r) => r.operation === 'CreateInferenceProfile' && r.status >= 400).length;
    const all = aws.emulator.requests().length;
    const wanted = fresh * tiers.length;
    const ideal = wanted / rate;
    console.log(
      `admin-sync: ${members} members (${fresh} new, ${gone} gone) × ${tiers.length} tiers: ${first.batch.counts.created} created, ${first.batch.counts.existing} existing, ` +
        `${first.batch.counts.failed} failed, ${first.leavers.length} leavers' profiles listed, in ${seconds.toFixed(1)} s`,
    );
    console.log(
      `admin-sync: requests ${all} in all = ${creates} CreateInferenceProfile (${throttled} throttled; ideal ${wanted}) + ${all - creates} reads ` +
        `(${first.identityStoreRequests} Identity Store, ${aws.emulator.requestCount('ListInferenceProfiles')} ListInferenceProfiles, ${aws.emulator.requestCount('ListInstances') + aws.emulator.requestCount('DescribeInstanceAccessControlAttributeConfiguration')} Identity Center)`,
    );
    console.log(`admin-sync: wall time / ideal (${wanted} / ${rate} per s = ${ideal.toFixed(0)} s) = ${(seconds / ideal).toFixed(2)}× (goal ≤ 1.2×)`);

    aws.emulator.resetRequests();
    const again = performance.now();
    const second = await run();
    const secondSeconds = (performance.now() - again) / 1000;
    const secondChanges = aws.emulator.requestCount('CreateInferenceProfile') + aws.emulator.requestCount('DeleteInferenceProfile');
    console.log(`admin-sync: second run ${second.batch.counts.created} created, ${second.batch.counts.existing} existing, ${secondChanges} changing requests, ${aws.emulator.requests().length} requests in all, in ${secondSeconds.toFixed(1)} s`);
    if (first.batch.counts.failed > 0 || first.batch.counts.created !== wanted || first.leavers.length !== gone * tiers.length || second.batch.counts.created > 0 || secondChanges > 0) {
      process.exitCode = 1;
      console.error('admin-sync: FAILED (failures, a profile missing, leavers miscounted, or the second run changed something)');
    }
  } finally {
    await aws.close();
  }
}

void main();
