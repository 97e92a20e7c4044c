// bench/discovery: finding one developer's inference profiles in accounts of 30, 3,000 and
// 15,000 APPLICATION profiles, under the emulator's default Bedrock control-plane quotas
// (test/emulator/quotas.ts: GetInferenceProfile and ListTagsForResource 10/s each).
// For each size: requests and wall time of (a) the org mapping, (b) the naming convention,
// (c) a tag query (not available, see README), (d) the paced full examination, and today's
// full examination (8 at a time, SDK retries only, pages of 100) as the baseline, in the same
// run; then a second run with the remembered profiles.
// Goals: (a)–(c) ≤ listing pages + 2 per tier + 2 requests and < 2 s at 15,000; (d) 0 failures
// within 1.3× of what the quota allows (N profiles / 10 per s); second run ≤ 1 per tier + 1.
//   node --import tsx bench/discovery.ts
//   BENCH_SIZES=30,3000,15000  BENCH_FULL_MAX=3000 (largest size whose full examinations run; each takes N/10 s)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { paginateListInferenceProfiles } from '@aws-sdk/client-bedrock';
import { BedrockClients } from '../src/core/discovery/bedrockProfileCalls';
import { discoverInferenceProfiles, type DiscoveryOptions, type DiscoveryResult } from '../src/core/discovery/discoverInferenceProfiles';
import { fileDiscoveryMemory } from '../src/core/discovery/discoveryMemory';
import { examineProfile, type ExamineContext } from '../src/core/discovery/examineProfile';
import { identityNames } from '../src/core/discovery/identityMatch';
import { mapConcurrently } from '../src/core/discovery/mapConcurrently';
import { getCallerIdentity } from '../src/core/identity/callerIdentity';
import { profileCredentials } from '../src/core/identity/profileCredentials';
import { silentLogger } from '../src/core/runtime/logger';
import { DEFAULT_BEDROCK_CONTROL_PLANE_QUOTAS } from '../test/emulator/quotas';
import { organisationDeveloper, organisationWorld } from '../test/emulator/organisationWorld';
import { signedInHome, type SignedInHome } from '../test/unit/discovery/signedInHome';

const sizes = (process.env['BENCH_SIZES'] ?? '30,3000,15000').split(',').map(Number);
const fullMax = Number(process.env['BENCH_FULL_MAX'] ?? 3000);
const TIERS = 3;
const getRate = DEFAULT_BEDROCK_CONTROL_PLANE_QUOTAS['GetInferenceProfile'] ?? 10;
let failed = false;

interface Measured {
  readonly requests: number;
  readonly pages: number;
  readonly ms: number;
  readonly failures: number;
  readonly found: number;
  readonly source: string;
}

function requestsSince(home: SignedInHome, from: number): { requests: number; pages: number } {
  const made = home.emulator.requests().slice(from).filter((r) => r.service === 'bedrock' || r.service === 'sts');
  return { requests: made.length, pages: made.filter((r) => r.operation === 'ListInferenceProfiles' && r.status === 200).length };
}

async function measure(home: SignedInHome, run: () => Promise<{ failures: number; found: number; source: string }>): Promise<Measured> {
  const from = home.emulator.requests().length;
  const started = performance.now();
  const outcome = await run();
  const ms = performance.now() - started;
  return { ...requestsSince(home, from), ms, ...outcome };
}

function summary(result: DiscoveryResult): { failures: number; found: number; source: string } {
  return {
    failures: result.candidates.filter((c) => c.ownership === 'unverified').length,
    found: result.selection.kind === 'selected' ? Object.keys(result.selection.byTier).length : 0,
    source: result.source,
  };
}

/** Today's full examination before this change: pages of 100, 8 examinations at a time, the SDK's own retries. */
async function baseline(options: DiscoveryOptions): Promise<{ failures: number; found: number; source: string }> {
  const identity = await getCallerIdentity({ region: 'us-east-1', credentials: options.credentials });
  const clients = new BedrockClients(options.credentials);
  try {
    const targets: { arn: string; region: string }[] = [];
    for await (const page of paginateListInferenceProfiles({ client: clients.forRegion('us-east-1'), pageSize: 100 }, { typeEquals: 'APPLICATION' })) {
      for (const s of page.inferenceProfileSummaries ?? []) if (s.inferenceProfileArn) targets.push({ arn: s.inferenceProfileArn, region: 'us-east-1' });
    }
    const context: ExamineContext = {
      clients,
      match: { tagKeys: ['DeveloperId', 'Team'], identityNames: identityNames(identity.arn), configuredValues: {} },
      profileName: options.profileName,
      logger: silentLogger,
      abortSignal: undefined,
      clock: () => performance.now(),
    };
    const examined = await mapConcurrently(targets, 8, (t) => examineProfile(context, t, 'listing'));
    return {
      failures: examined.filter((e) => e.candidate.ownership === 'unverified').length,
      found: examined.filter((e) => e.candidate.ownership === 'tag-match').length,
      source: 'baseline',
    };
  } finally {
    clients.destroy();
  }
}

function line(size: number, label: string, m: Measured, extra = ''): void {
  console.log(
    `discovery ${String(size).padStart(6)} profiles  ${label.padEnd(26)} ${String(m.requests).padStart(6)} requests (${m.pages} listing pages)  ${(m.ms / 1000).toFixed(2).padStart(7)} s  ` +
      `${m.failures} unverified, ${m.found} tiers found, answered by ${m.source}${extra}`,
  );
}

function check(ok: boolean, what: string): void {
  if (!ok) {
    failed = true;
    console.error(`discovery: GOAL MISSED — ${what}`);
  }
}

async function benchSize(size: number): Promise<void> {
  const developers = Math.max(1, Math.round(size / TIERS));
  const world = organisationWorld({ developers });
  const me = organisationDeveloper(Math.ceil(developers / 2));
  const mine = (world.applicationProfiles ?? []).filter((p) => p.tags['DeveloperId'] === me);
  const home = await signedInHome(world, { userName: me });
  const scratch = await mkdtemp(path.join(tmpdir(), 'bench-discovery-'));
  try {
    const base: DiscoveryOptions = { credentials: profileCredentials(home.profile), profileName: home.profile, regions: ['us-east-1'], logger: silentLogger };
    const cheapBudget = (pages: number): number => pages + 2 * TIERS + 2;

    const mapping = await measure(home, async () =>
      summary(await discoverInferenceProfiles({ ...base, orgMapping: { [me]: Object.fromEntries(mine.map((p, i) => [['opus', 'sonnet', 'haiku'][i] ?? 'sonnet', `arn:aws:bedrock:${p.region}:${p.accountId}:application-inference-profile/${p.id}`])) } })),
    );
    line(size, '(a) mapping', mapping);
    check(mapping.requests <= cheapBudget(0) && mapping.found === TIERS, `(a) at ${size}`);

    const memory = fileDiscoveryMemory(scratch);
    const naming = await measure(home, async () => summary(await discoverInferenceProfiles({ ...base, memory })));
    line(size, '(b) naming convention', naming, `; budget ${cheapBudget(naming.pages)}`);
    check(naming.requests <= cheapBudget(naming.pages) && naming.found === TIERS && naming.source === 'naming', `(b) requests at ${size}`);
    if (size >= 15000) {
      check(naming.ms < 2000, `(b) under 2 s at ${size}`);
      check(mapping.ms < 2000, `(a) under 2 s at ${size}`);
    }

    console.log(`discovery ${String(size).padStart(6)} profiles  (c) tag query                not available (the Resource Groups Tagging API is not documented to return Bedrock application inference profiles)`);

    const second = await measure(home, async () => summary(await discoverInferenceProfiles({ ...base, memory })));
    line(size, 'second run (remembered)', second, `; budget ${TIERS + 1}`);
    check(second.requests <= TIERS + 1 && second.source === 'remembered', `second run at ${size}`);

    if (size <= fullMax) {
      const ideal = size / getRate;
      const full = await measure(home, async () => summary(await discoverInferenceProfiles({ ...base, nameTemplate: 'nobody-{tier}-{developerId}' })));
      line(size, '(d) full examination', full, `; ${(full.ms / 1000 / ideal).toFixed(2)}× the ${ideal.toFixed(0)} s the quota allows`);
      check(full.failures === 0 && full.found === TIERS, `(d) failures at ${size}`);
      if (ideal >= 10) check(full.ms / 1000 <= 1.3 * ideal, `(d) within 1.3× at ${size}`);
      // Let the buckets refill so the baseline starts from the same state.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const old = await measure(home, () => baseline(base));
      line(size, 'baseline: old full exam', old, `; ${(old.ms / 1000 / ideal).toFixed(2)}× the quota's ${ideal.toFixed(0)} s`);
    } else {
      console.log(`discovery ${String(size).padStart(6)} profiles  (d) and baseline skipped (BENCH_FULL_MAX=${fullMax}; they take about ${(size / getRate).toFixed(0)} s each)`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await home.close();
  }
}

async function main(): Promise<void> {
  for (const size of sizes) await benchSize(size);
  if (failed) process.exitCode = 1;
}

void main();
