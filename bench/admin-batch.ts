// bench/admin-batch: `create-profiles` for 300 developers × 2 tiers against the emulator,
// which throttles CreateInferenceProfile at 20 requests/s (token bucket, real time).
// Checks zero failures and that a second run creates nothing; prints the wall time as a
// ratio of the ideal 600 / 20 = 30 s (goal ≤ 1.2×), and the same batch unthrottled.
//   node --import tsx bench/admin-batch.ts        (BENCH_DEVELOPERS=300, BENCH_RATE=20)
import { createDeveloperProfiles } from '../src/core/admin/createDeveloperProfiles';
import type { ProfileBatchResult } from '../src/core/admin/profileBatch';
import { defaultWorld } from '../test/emulator/world';
import { developers, startAdminEmulator } from '../test/unit/admin/adminEmulator';

const count = Number(process.env['BENCH_DEVELOPERS'] ?? 300);
const rate = Number(process.env['BENCH_RATE'] ?? 20);
const tiers: ('opus' | 'sonnet')[] = ['opus', 'sonnet'];
const region = 'us-east-1';

async function batch(throttled: boolean): Promise<void> {
  // Only the CreateInferenceProfile limit below: the emulator's default quotas would also pace
  // the listing and tag checks, which this bench does not measure.
  const world = defaultWorld();
  world.quotas = 'off';
  const aws = await startAdminEmulator({ world });
  try {
    if (throttled) aws.emulator.setRateLimit('CreateInferenceProfile', rate);
    const run = (): Promise<ProfileBatchResult> => createDeveloperProfiles({ region, credentials: aws.credentials, developers: developers(count, tiers) });
    const first = await run();
    const creates = aws.emulator.requestCount('CreateInferenceProfile');
    const all = aws.emulator.requests().length;
    const second = await run();
    const profiles = count * tiers.length;
    const seconds = first.elapsedMs / 1000;
    const label = throttled ? `throttled at ${rate}/s` : 'unthrottled';
    console.log(
      `admin-batch (${label}): ${count} developers × ${tiers.length} tiers = ${profiles} profiles; ` +
        `${first.counts.created} created, ${first.counts.failed} failed in ${seconds.toFixed(1)} s ` +
        `(${(first.counts.created / seconds).toFixed(1)} profiles/s); ${creates} CreateInferenceProfile requests ` +
        `(${first.throttles} throttled), ${all} requests in all (${(all / seconds).toFixed(1)}/s)`,
    );
    console.log(`admin-batch (${label}): second run ${second.counts.created} created, ${second.counts.existing} existing, ${second.counts.failed} failed in ${(second.elapsedMs / 1000).toFixed(1)} s`);
    if (throttled) console.log(`admin-batch: wall time / ideal (${profiles} / ${rate} = ${(profiles / rate).toFixed(0)} s) = ${(seconds / (profiles / rate)).toFixed(2)}× (goal ≤ 1.2×)`);
    if (first.counts.failed > 0 || first.counts.created !== profiles || second.counts.created > 0 || second.counts.existing !== profiles) {
      process.exitCode = 1;
      console.error('admin-batch: FAILED (failures, a profile missing, or the second run created something)');
    }
  } finally {
    await aws.close();
  }
}

async function main(): Promise<void> {
  await batch(false);
  await batch(true);
}

void main();
