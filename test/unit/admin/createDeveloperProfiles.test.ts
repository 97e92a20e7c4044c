import assert from 'node:assert/strict';
import { createDeveloperProfiles } from '../../../src/core/admin/createDeveloperProfiles';
import { checkOrgSetting } from '../../../src/core/orgDefaults/orgSettingRules';
import { defaultWorld } from '../../emulator/world';
import { developers, startAdminEmulator, type AdminEmulator } from './adminEmulator';

const REGION = 'us-east-1';
const SONNET_45 = 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const HAIKU_45 = 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0';

describe('admin: createDeveloperProfiles (against the emulator)', function () {
  this.timeout(60_000);
  let aws: AdminEmulator;
  afterEach(async () => {
    await aws.close();
  });

  const ours = () => aws.emulator.applicationProfiles().filter((p) => p.name.startsWith('claude-code-'));

  it('creates one profile per developer and tier, copying the newest system profile, tagged for ABAC', async () => {
    aws = await startAdminEmulator();
    const result = await createDeveloperProfiles({
      region: REGION,
      credentials: aws.credentials,
      developers: [{ developerId: 'erin', team: 'platform', extraTags: { CostCenter: '4711' }, origin: 'line 1' }, ...developers(2, ['sonnet'])],
      defaultTiers: ['sonnet', 'haiku'],
    });
    assert.deepEqual(result.counts, { created: 4, existing: 0, wouldCreate: 0, failed: 0, mismatched: 0 });
    const erinSonnet = ours().find((p) => p.name === 'claude-code-sonnet-erin');
    assert.ok(erinSonnet);
    assert.deepEqual(erinSonnet.tags, { CostCenter: '4711', DeveloperId: 'erin', Team: 'platform' });
    assert.deepEqual(erinSonnet.modelArns, ['us-east-1', 'us-east-2', 'us-west-2'].map((r) => `arn:aws:bedrock:${r}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`));
    assert.deepEqual(ours().map((p) => p.name).sort(), ['claude-code-haiku-erin', 'claude-code-sonnet-dev000', 'claude-code-sonnet-dev001', 'claude-code-sonnet-erin']);
    assert.equal(result.mapping['erin']?.sonnet, erinSonnet.arn);
    assert.equal(Object.keys(result.mapping).length, 3);
    assert.ok(checkOrgSetting('profileMapping', result.mapping).ok, 'the mapping is a valid org profileMapping');
    for (const outcome of result.outcomes) assert.equal(outcome.planned.source.arn, outcome.planned.tier === 'sonnet' ? SONNET_45 : HAIKU_45);
  });

  it('is idempotent: a second run creates nothing and returns the same mapping', async () => {
    aws = await startAdminEmulator();
    const options = { region: REGION, credentials: aws.credentials, developers: developers(5), defaultTiers: ['opus', 'sonnet', 'haiku'] as const };
    const first = await createDeveloperProfiles({ ...options, defaultTiers: [...options.defaultTiers] });
    assert.equal(first.counts.created, 15);
    const creates = aws.emulator.requestCount('CreateInferenceProfile');
    const second = await createDeveloperProfiles({ ...options, defaultTiers: [...options.defaultTiers] });
    assert.deepEqual(second.counts, { created: 0, existing: 15, wouldCreate: 0, failed: 0, mismatched: 0 });
    assert.equal(aws.emulator.requestCount('CreateInferenceProfile'), creates, 'no create request at all');
    assert.deepEqual(second.mapping, first.mapping);
    assert.ok(second.outcomes.every((o) => o.tagDifferences?.length === 0 && o.modelDiffers === false));
    assert.equal(ours().length, 15);
  });

  it('dry run plans and checks, but sends no CreateInferenceProfile', async () => {
    aws = await startAdminEmulator();
    await createDeveloperProfiles({ region: REGION, credentials: aws.credentials, developers: developers(1), defaultTiers: ['sonnet'] });
    aws.emulator.resetRequests();
    const result = await createDeveloperProfiles({ region: REGION, credentials: aws.credentials, developers: developers(3), defaultTiers: ['sonnet'], dryRun: true });
    assert.equal(aws.emulator.requestCount('CreateInferenceProfile'), 0);
    assert.equal(result.dryRun, true);
    assert.deepEqual(result.counts, { created: 0, existing: 1, wouldCreate: 2, failed: 0, mismatched: 0 });
    assert.deepEqual(result.outcomes.map((o) => [o.planned.name, o.status]), [
      ['claude-code-sonnet-dev000', 'exists'],
      ['claude-code-sonnet-dev001', 'would-create'],
      ['claude-code-sonnet-dev002', 'would-create'],
    ]);
    assert.deepEqual(Object.keys(result.mapping), ['dev000']);
  });

  it('flags an existing profile whose tags or model differ, and leaves an ABAC mismatch out of the mapping', async () => {
    const world = defaultWorld();
    world.applicationProfiles = [
      ...(world.applicationProfiles ?? []),
      { name: 'claude-code-sonnet-alice', id: 'aaaaaaaaaaa1', accountId: '111122223333', region: REGION, copyFrom: 'us.anthropic.claude-sonnet-4-20250514-v1:0', tags: { DeveloperId: 'alice', Team: 'platform' } },
      { name: 'claude-code-sonnet-bob', id: 'bbbbbbbbbbb1', accountId: '111122223333', region: REGION, copyFrom: SONNET_45, tags: { DeveloperId: 'mallory', Team: 'data' } },
    ];
    aws = await startAdminEmulator({ world });
    const result = await createDeveloperProfiles({
      region: REGION,
      credentials: aws.credentials,
      developers: [
        { developerId: 'alice', team: 'platform', extraTags: {}, origin: 'line 1' },
        { developerId: 'bob', team: 'data', extraTags: {}, origin: 'line 2' },
      ],
      defaultTiers: ['sonnet'],
    });
    const [alice, bob] = result.outcomes;
    assert.equal(alice?.status, 'exists');
    assert.equal(alice.modelDiffers, true, 'copies Sonnet 4 while the newest is 4.5');
    assert.deepEqual(alice.tagDifferences, []);
    assert.deepEqual(bob?.tagDifferences, [{ key: 'DeveloperId', expected: 'bob', actual: 'mallory' }]);
    assert.deepEqual(result.counts, { created: 0, existing: 2, wouldCreate: 0, failed: 0, mismatched: 1 });
    assert.deepEqual(result.mapping, { alice: { sonnet: 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/aaaaaaaaaaa1' } });
  });

  it('two runs at once: the loser of each race counts the profile as existing, and no profile is made twice', async () => {
    aws = await startAdminEmulator();
    aws.emulator.injectFault({ operation: 'CreateInferenceProfile', kind: 'latency', ms: 30 });
    const options = { region: REGION, credentials: aws.credentials, developers: developers(10), defaultTiers: ['sonnet' as const] };
    const [a, b] = await Promise.all([createDeveloperProfiles(options), createDeveloperProfiles(options)]);
    assert.equal(a.counts.failed + b.counts.failed, 0);
    assert.equal(a.counts.created + b.counts.created, 10);
    assert.equal(a.counts.existing + b.counts.existing, 10, 'each profile the other run made is counted as existing (ConflictException)');
    assert.equal(ours().length, 10);
    assert.deepEqual(a.mapping, b.mapping, 'both runs report every ARN');
    assert.equal(Object.keys(a.mapping).length, 10);
  });

  it('rides out throttling (20/s) and server errors with zero failures and no duplicates', async () => {
    aws = await startAdminEmulator();
    aws.emulator.setRateLimit('CreateInferenceProfile', 20);
    aws.emulator.injectFault({ operation: 'CreateInferenceProfile', kind: 'status', status: 503, times: 5 });
    aws.emulator.injectFault({ operation: 'ListInferenceProfiles', kind: 'status', status: 500, times: 1 });
    const result = await createDeveloperProfiles({ region: REGION, credentials: aws.credentials, developers: developers(40), defaultTiers: ['sonnet', 'haiku'], initialRatePerSecond: 40 });
    assert.deepEqual(result.counts, { created: 80, existing: 0, wouldCreate: 0, failed: 0, mismatched: 0 });
    assert.ok(result.throttles > 0, 'the rate limit was hit and absorbed');
    assert.equal(ours().length, 80);
  });

  it('stops at the first access denial, names the missing permission, and attempts nothing more', async () => {
    aws = await startAdminEmulator({ userName: 'alice' });
    const result = await createDeveloperProfiles({ region: REGION, credentials: aws.credentials, developers: developers(50), defaultTiers: ['sonnet'], maxConcurrency: 4 });
    assert.equal(result.counts.failed, 50);
    assert.ok(aws.emulator.requestCount('CreateInferenceProfile') <= 4, `sent ${aws.emulator.requestCount('CreateInferenceProfile')} requests`);
    const first = result.outcomes.find((o) => !o.error?.startsWith('Not attempted'));
    assert.match(first?.error ?? '', /Amazon Bedrock denied CreateInferenceProfile: your role lacks bedrock:CreateInferenceProfile/);
    assert.ok(result.outcomes.filter((o) => o.error?.startsWith('Not attempted: Amazon Bedrock denied')).length >= 46);
    assert.deepEqual(result.mapping, {});
  });

  it('refuses before creating anything when a tier has no source profile or an extra tag would replace an ABAC tag', async () => {
    aws = await startAdminEmulator();
    await assert.rejects(
      createDeveloperProfiles({ region: 'eu-west-1', credentials: aws.credentials, developers: developers(1), defaultTiers: ['haiku'] }),
      (error: Error) => /no active eu\. Claude haiku system-defined inference profile was found in eu-west-1.*Nothing was created\./.test(error.message),
    );
    await assert.rejects(
      createDeveloperProfiles({ region: REGION, credentials: aws.credentials, developers: [{ developerId: 'x', team: 'y', extraTags: { Team: 'z' }, origin: 'line 7' }] }),
      (error: Error) => /line 7: the extra tag Team would overwrite the team tag/.test(error.message),
    );
    assert.equal(aws.emulator.requestCount('CreateInferenceProfile'), 0);
  });

  it('never lets a credential reach the result', async () => {
    aws = await startAdminEmulator({ userName: 'alice' });
    const result = await createDeveloperProfiles({ region: REGION, credentials: aws.credentials, developers: developers(2), defaultTiers: ['sonnet'] });
    const text = JSON.stringify(result);
    for (const secret of aws.emulator.issuedSecrets()) assert.ok(!text.includes(secret));
  });
});
