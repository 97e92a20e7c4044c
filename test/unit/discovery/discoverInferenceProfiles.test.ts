import assert from 'node:assert/strict';
import { discoverInferenceProfiles, type DiscoveryOptions } from '../../../src/core/discovery/discoverInferenceProfiles';
import { selectProfiles } from '../../../src/core/discovery/selectProfiles';
import { profileCredentials } from '../../../src/core/identity/profileCredentials';
import { isUserFacingError, type UserFacingError } from '../../../src/core/runtime/userFacingError';
import type { Logger } from '../../../src/core/runtime/logger';
import { defaultWorld } from '../../emulator/world';
import { startInFlightProxy } from './inFlightProxy';
import { signedInHome, type SignedInHome } from './signedInHome';
import { aip, crowdedWorld, profileId, threeDevelopersWorld } from './worldBuilders';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  return { lines, trace: push('trace'), debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

function options(home: SignedInHome, overrides: Partial<DiscoveryOptions> = {}): DiscoveryOptions {
  return { credentials: profileCredentials(home.profile), profileName: home.profile, regions: ['us-east-1'], logger: recordingLogger(), ...overrides };
}

async function rejection(promise: Promise<unknown>): Promise<UserFacingError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isUserFacingError(error), `expected a UserFacingError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the promise to reject');
}

describe('discoverInferenceProfiles against the emulator', function () {
  this.timeout(30_000);
  let home: SignedInHome | undefined;
  afterEach(async () => {
    await home?.close();
    home = undefined;
  });

  it('ABAC: lists every APPLICATION profile, is denied the other developers\' ones, and chooses exactly the caller\'s (signed in through the device flow)', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice', via: 'device-flow' });
    const result = await discoverInferenceProfiles(options(home));

    assert.equal(result.source, 'listing');
    assert.match(result.identity.arn, /assumed-role\/AWSReservedSSO_BedrockDeveloper_[0-9a-f]+\/alice$/);
    assert.deepEqual(result.identityNames, ['alice']);
    assert.equal(result.selection.kind, 'selected');
    assert.equal(result.selection.region, 'us-east-1');
    assert.equal(result.selection.byTier.sonnet?.arn, profileId(world, 'claude-sonnet-alice'));
    assert.equal(result.selection.byTier.opus?.arn, profileId(world, 'claude-opus-alice'));
    assert.equal(result.selection.byTier.haiku?.arn, profileId(world, 'claude-haiku-alice'));
    assert.equal(result.selection.primary.tier, 'sonnet');

    const denied = result.candidates.filter((c) => c.ownership === 'denied').map((c) => c.name).sort();
    assert.deepEqual(denied, ['claude-sonnet-bob', 'claude-sonnet-carol', 'claude-sonnet-platform-shared']);
    for (const c of result.candidates.filter((x) => x.ownership === 'denied')) {
      assert.deepEqual(c.evidence.calls.map((call) => `${call.operation}:${call.outcome}`), ['GetInferenceProfile:denied', 'ListTagsForResource:denied']);
    }
    const sonnet = result.selection.byTier.sonnet;
    assert.ok(sonnet);
    assert.equal(sonnet.ownership, 'tag-match');
    assert.deepEqual(sonnet.evidence.tags, { Team: 'platform', DeveloperId: 'alice' });
    assert.deepEqual(
      sonnet.evidence.tagMatches.map((t) => [t.key, t.matched]),
      [
        ['DeveloperId', 'identity'],
        ['Team', 'none'],
      ],
    );
    assert.deepEqual(result.problems, [], 'denials of other developers\' profiles are evidence, not problems');
    assert.equal(home.emulator.requestCount('Converse'), 0, 'no billed probe unless asked');
    assert.equal(home.emulator.requestCount('GetRoleCredentials') >= 1, true, 'credentials came through fromSSO');
  });

  it('searches several regions but keeps the chosen profiles in the default region (Claude Code has one AWS_REGION)', async () => {
    home = await signedInHome(threeDevelopersWorld(), { userName: 'alice' });
    const result = await discoverInferenceProfiles(options(home, { regions: ['us-west-2', 'us-east-1'] }));
    assert.equal(result.selection.kind, 'selected');
    assert.equal(result.selection.region, 'us-west-2');
    assert.deepEqual(Object.keys(result.selection.byTier), ['sonnet']);
    assert.equal(result.selection.byTier.sonnet?.name, 'claude-sonnet-alice-west');
    assert.deepEqual(result.listings.map((l) => `${l.region}:${l.outcome}:${l.profiles}`), ['us-west-2:ok:1', 'us-east-1:ok:6']);
    const east = result.candidates.filter((c) => c.region === 'us-east-1' && c.ownership === 'tag-match').map((c) => c.name).sort();
    assert.deepEqual(east, ['claude-haiku-alice', 'claude-opus-alice', 'claude-sonnet-alice'], 'other regions are still reported as evidence');
  });

  it('listing denied: the sentence names bedrock:ListInferenceProfiles, Resource "*", who grants it and the paste alternative; the explicit ARN path then works', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'carol' });
    const result = await discoverInferenceProfiles(options(home));
    assert.equal(result.selection.kind, 'none');
    const reason = result.problems[0];
    assert.equal(reason?.code, 'discovery.list-denied');
    assert.match(reason.message, /bedrock:ListInferenceProfiles/);
    assert.match(reason.message, /Resource "\*"/);
    assert.match(reason.message, /administrator of your IAM Identity Center permission set/);
    assert.match(reason.message, /paste your inference profile ARN/);
    assert.equal((reason.message.match(/\. /g) ?? []).length, 0, 'one sentence');

    const carolArn = profileId(world, 'claude-sonnet-carol');
    const explicit = await discoverInferenceProfiles(options(home, { explicitArns: [carolArn] }));
    assert.equal(explicit.source, 'explicit');
    assert.equal(explicit.selection.kind, 'selected');
    assert.equal(explicit.selection.primary.arn, carolArn);
    assert.equal(explicit.selection.primary.ownership, 'tag-match');
    assert.equal(home.emulator.requestCount('ListInferenceProfiles'), 1, 'the explicit path does not list');
  });

  it('an explicit ARN that is someone else\'s, does not exist, or is not an ARN fails with a sentence naming it', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice' });
    const bobArn = profileId(world, 'claude-sonnet-bob');
    const denied = await rejection(discoverInferenceProfiles(options(home, { explicitArns: [bobArn] })));
    assert.equal(denied.code, 'aws.access-denied');
    assert.ok(denied.message.includes('bedrock:GetInferenceProfile'));
    assert.ok(denied.message.includes(bobArn));

    const missing = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/zzzzzzzzzzzz';
    const underAbac = await rejection(discoverInferenceProfiles(options(home, { explicitArns: [missing] })));
    assert.equal(underAbac.code, 'aws.access-denied', 'IAM answers before Bedrock looks the profile up');

    const garbage = await rejection(discoverInferenceProfiles(options(home, { explicitArns: ['claude-sonnet-alice'] })));
    assert.equal(garbage.code, 'validation.inference-profile-arn');
    assert.match(garbage.message, /claude-sonnet-alice/);
  });

  it('an explicit ARN that does not exist, for a role allowed to read every profile, says it was not found', async () => {
    home = await signedInHome(defaultWorld(), { userName: 'dana' });
    const missing = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/zzzzzzzzzzzz';
    const error = await rejection(discoverInferenceProfiles(options(home, { explicitArns: [missing] })));
    assert.equal(error.code, 'aws.not-found');
    assert.ok(error.message.includes(missing));
  });

  it('two profiles of the same tier are ambiguous with both choices; a pick settles it', async () => {
    const world = threeDevelopersWorld();
    world.applicationProfiles?.push(aip({ name: 'claude-sonnet-alice-experimental', id: 'x1y2z3a4b5c6', tier: 'sonnet', developer: 'alice', team: 'platform' }));
    home = await signedInHome(world, { userName: 'alice' });
    const result = await discoverInferenceProfiles(options(home));
    assert.equal(result.selection.kind, 'ambiguous');
    assert.deepEqual(result.selection.choices.sonnet?.map((c) => c.name), ['claude-sonnet-alice', 'claude-sonnet-alice-experimental']);
    assert.equal(result.selection.byTier.opus?.name, 'claude-opus-alice');
    assert.equal(result.selection.byTier.haiku?.name, 'claude-haiku-alice');

    const picked = selectProfiles(result.candidates, { regionOrder: ['us-east-1'], picks: [profileId(world, 'claude-sonnet-alice-experimental')] });
    assert.equal(picked.kind, 'selected');
    assert.equal(picked.primary.name, 'claude-sonnet-alice-experimental');
  });

  it('throttled GetInferenceProfile calls are retried by the SDK and the answer is unchanged', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice' });
    home.emulator.injectFault({ operation: 'GetInferenceProfile', kind: 'throttle', times: 3 });
    const result = await discoverInferenceProfiles(options(home));
    const throttled = home.emulator.requests().filter((r) => r.operation === 'GetInferenceProfile' && r.fault === 'throttle');
    assert.equal(throttled.length, 3);
    assert.equal(home.emulator.requestCount('GetInferenceProfile'), result.candidates.length + 3);
    assert.equal(result.selection.kind, 'selected');
    assert.equal(result.selection.byTier.sonnet?.arn, profileId(world, 'claude-sonnet-alice'));
    assert.deepEqual(result.problems, []);
  });

  it('throttling that outlasts the retries leaves profiles unverified and says so', async () => {
    home = await signedInHome(threeDevelopersWorld(), { userName: 'alice' });
    home.emulator.injectFault({ operation: 'GetInferenceProfile', kind: 'throttle' });
    const result = await discoverInferenceProfiles(options(home, { maxAttempts: 2 }));
    assert.equal(result.selection.kind, 'none');
    assert.ok(result.candidates.every((c) => c.ownership === 'unverified'));
    assert.equal(result.problems[0]?.code, 'discovery.none-found');
    assert.match(result.problems[0].message, /could not be checked/);
    const throttled = result.problems.find((p) => p.code === 'aws.throttled');
    assert.ok(throttled, 'a throttling sentence is reported');
    assert.match(throttled.message, /GetInferenceProfile/);
    assert.match(throttled.message, /throttling/);
  });

  it('300 profiles not named by the convention: every one is examined, the caller\'s three are found, and at most 8 GetInferenceProfile calls are in flight', async () => {
    const world = crowdedWorld(300);
    // Raw speed and exact request counts: no quota (its throttles would be retried and counted).
    world.quotas = 'off';
    home = await signedInHome(world, { userName: 'alice' });
    const proxy = await startInFlightProxy(home.emulator.url);
    process.env['AWS_ENDPOINT_URL_BEDROCK'] = proxy.url;
    try {
      // The first wave's calls are held long enough (400 ms) that the pacer (200/s) has issued
      // more than 8 by the time the first answers, however loaded the machine: the bound, not
      // the scheduler, decides how many are in flight. The rest answer at once.
      home.emulator.injectFault({ operation: 'GetInferenceProfile', kind: 'latency', ms: 400, times: 16 });
      const started = performance.now();
      const result = await discoverInferenceProfiles(options(home, { initialRate: 200 }));
      const elapsed = performance.now() - started;
      assert.equal(result.source, 'listing', 'these names do not follow the convention, so every profile is examined');
      assert.equal(result.candidates.length, 300);
      assert.equal(home.emulator.requestCount('ListInferenceProfiles'), 1, 'one page of up to 1,000');
      assert.equal(home.emulator.requestCount('GetInferenceProfile'), 300);
      assert.equal(home.emulator.requestCount('ListTagsForResource'), 300);
      assert.equal(result.selection.kind, 'selected');
      assert.deepEqual(
        Object.values(result.selection.byTier).map((c) => c.name).sort(),
        ['claude-haiku-alice', 'claude-opus-alice', 'claude-sonnet-alice'],
      );
      assert.equal(result.candidates.filter((c) => c.ownership === 'denied').length, 297);
      assert.equal(proxy.maxInFlight('GetInferenceProfile'), 8, 'bounded at the default of 8, and really concurrent');
      assert.ok(proxy.maxInFlight('ListTagsForResource') <= 8);
      // Not asserted (shared CI machines vary).
      console.log(`      (300 profiles examined in ${Math.round(elapsed)} ms)`);
    } finally {
      await proxy.close();
    }
  });

  it('a lower concurrency bound is honoured', async () => {
    const world = crowdedWorld(30);
    world.quotas = 'off';
    home = await signedInHome(world, { userName: 'alice' });
    const proxy = await startInFlightProxy(home.emulator.url);
    process.env['AWS_ENDPOINT_URL_BEDROCK'] = proxy.url;
    try {
      // Long enough that the pacer's spacing, not the latency, leaves several calls in flight.
      home.emulator.injectFault({ operation: 'GetInferenceProfile', kind: 'latency', ms: 200 });
      const result = await discoverInferenceProfiles(options(home, { concurrency: 3, initialRate: 200 }));
      assert.equal(result.selection.kind, 'selected');
      assert.equal(proxy.maxInFlight('GetInferenceProfile'), 3);
    } finally {
      await proxy.close();
    }
  });

  it('probe off makes no Converse call; probe on makes one 1-token call per usable profile and records it', async () => {
    home = await signedInHome(threeDevelopersWorld(), { userName: 'alice' });
    await discoverInferenceProfiles(options(home, { probe: false }));
    assert.equal(home.emulator.requestCount('Converse'), 0);

    const probed = await discoverInferenceProfiles(options(home, { probe: true }));
    assert.equal(home.emulator.requestCount('Converse'), 3);
    assert.equal(probed.selection.kind, 'selected');
    for (const c of Object.values(probed.selection.byTier)) {
      assert.equal(c.evidence.calls.find((call) => call.operation === 'Converse')?.outcome, 'ok');
    }
  });

  it('a refused probe takes the profile out and names bedrock:InvokeModel', async () => {
    // ReadOnlyAccess may read every profile but not invoke any.
    home = await signedInHome(threeDevelopersWorld(), { userName: 'alice', roleName: 'ReadOnlyAccess' });
    const result = await discoverInferenceProfiles(options(home, { probe: true }));
    assert.equal(result.selection.kind, 'none');
    const invoke = result.problems.find((p) => p.message.includes('bedrock:InvokeModel'));
    assert.ok(invoke, JSON.stringify(result.problems));
    assert.equal(invoke.code, 'aws.access-denied');
    assert.deepEqual(result.problems[0], invoke, 'the refused invoke is the reason given first');
    assert.match(invoke.message, /foundation models/);
  });

  it('a role that can read everyone\'s profiles, with none tagged for the caller, asks instead of taking someone else\'s', async () => {
    home = await signedInHome(threeDevelopersWorld(), { userName: 'dana' });
    const result = await discoverInferenceProfiles(options(home));
    assert.equal(result.selection.kind, 'ambiguous');
    assert.ok((result.selection.choices.sonnet?.length ?? 0) >= 3);
    assert.ok(result.candidates.every((c) => c.ownership === 'accessible'));
  });

  it('a configured DeveloperId value matches profiles tagged with it when the session name differs', async () => {
    const world = threeDevelopersWorld();
    // Tag alice's profiles and principal tag with an employee number instead of her user name.
    for (const p of world.applicationProfiles ?? []) if (p.tags['DeveloperId'] === 'alice') p.tags['DeveloperId'] = 'E1234';
    const alice = world.users.find((u) => u.userName === 'alice');
    if (alice) alice.attributes['DeveloperId'] = 'E1234';
    home = await signedInHome(world, { userName: 'alice' });
    const result = await discoverInferenceProfiles(options(home, { tagValues: { DeveloperId: 'e1234' } }));
    assert.equal(result.selection.kind, 'selected');
    assert.equal(result.selection.primary.ownership, 'tag-match');
    assert.equal(result.selection.primary.evidence.tagMatches[0]?.matched, 'configured');
  });

  it('the org mapping entry for the developer wins over listing; a stale entry falls back to listing with a note', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice' });
    const haiku = profileId(world, 'claude-haiku-alice');
    const mapped = await discoverInferenceProfiles(options(home, { orgMapping: { Alice: { haiku } } }));
    assert.equal(mapped.source, 'mapping');
    assert.equal(mapped.selection.kind, 'selected');
    assert.equal(mapped.selection.primary.arn, haiku);
    assert.equal(home.emulator.requestCount('ListInferenceProfiles'), 0);

    const stale = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/gone00000000';
    const fallback = await discoverInferenceProfiles(options(home, { orgMapping: { alice: { sonnet: stale } } }));
    assert.equal(fallback.source, 'listing');
    assert.equal(fallback.selection.kind, 'selected');
    assert.ok(fallback.problems.some((p) => p.message.includes(stale)));
  });

  it('an expired IAM Identity Center session is one sentence that says to sign in again', async () => {
    home = await signedInHome(threeDevelopersWorld(), { userName: 'alice' });
    home.emulator.expireAccessTokens();
    const error = await rejection(discoverInferenceProfiles(options(home)));
    assert.equal(error.code, 'aws.sso-session-expired');
    assert.match(error.message, /aws sso login --profile claude-code/);
    for (const secret of home.emulator.issuedSecrets()) assert.ok(!error.message.includes(secret), 'no secret in the sentence');
  });

  it('network failures while listing are reported as a network sentence, not a crash', async () => {
    home = await signedInHome(threeDevelopersWorld(), { userName: 'alice' });
    home.emulator.injectFault({ operation: 'ListInferenceProfiles', kind: 'reset' });
    const result = await discoverInferenceProfiles(options(home, { maxAttempts: 2 }));
    assert.equal(result.selection.kind, 'none');
    assert.equal(result.problems[0]?.code, 'aws.network');
    assert.match(result.problems[0].message, /ListInferenceProfiles/);
  });

  it('cancellation stops discovery with the cancelled error', async () => {
    home = await signedInHome(crowdedWorld(60), { userName: 'alice' });
    home.emulator.injectFault({ operation: 'GetInferenceProfile', kind: 'latency', ms: 50 });
    const controller = new AbortController();
    const pending = discoverInferenceProfiles(options(home, { abortSignal: controller.signal }));
    setTimeout(() => {
      controller.abort();
    }, 120);
    const error = await rejection(pending);
    assert.equal(error.code, 'cancelled');
    assert.ok(home.emulator.requestCount('GetInferenceProfile') < 60, 'stopped before examining everything');
  });
});
