import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { discoverInferenceProfiles, type DiscoveryOptions } from '../../../src/core/discovery/discoverInferenceProfiles';
import { fileDiscoveryMemory } from '../../../src/core/discovery/discoveryMemory';
import type { ExaminationProgress } from '../../../src/core/discovery/pacedExamination';
import { profileCredentials } from '../../../src/core/identity/profileCredentials';
import { isCancelled } from '../../../src/core/runtime/cancellation';
import { silentLogger } from '../../../src/core/runtime/logger';
import { organisationDeveloper, organisationWorld } from '../../emulator/organisationWorld';
import { signedInHome, type SignedInHome } from './signedInHome';

function options(home: SignedInHome, overrides: Partial<DiscoveryOptions> = {}): DiscoveryOptions {
  return { credentials: profileCredentials(home.profile), profileName: home.profile, regions: ['us-east-1'], logger: silentLogger, ...overrides };
}

/** Requests discovery made to Bedrock and STS, throttled ones included (the SSO credential exchange is the SDK's). */
function counts(home: SignedInHome): Record<string, number> {
  const result: Record<string, number> = {};
  for (const r of home.emulator.requests()) if (r.service === 'bedrock' || r.service === 'sts') result[r.operation] = (result[r.operation] ?? 0) + 1;
  return result;
}

describe('discovery at the size of an organisation (emulator default quotas)', function () {
  this.timeout(60_000);
  let home: SignedInHome | undefined;
  afterEach(async () => {
    await home?.close();
    home = undefined;
  });

  it('naming convention: 1,200 profiles are listed in two pages and only the developer\'s three are examined', async () => {
    home = await signedInHome(organisationWorld({ developers: 400 }), { userName: organisationDeveloper(217) });
    home.emulator.resetRequests();
    const result = await discoverInferenceProfiles(options(home));
    assert.equal(result.source, 'naming');
    assert.equal(result.selection.kind, 'selected');
    assert.deepEqual(
      Object.values(result.selection.byTier).map((c) => c.name).sort(),
      ['claude-code-haiku-dev00217', 'claude-code-opus-dev00217', 'claude-code-sonnet-dev00217'],
    );
    assert.ok(result.candidates.every((c) => c.ownership === 'tag-match'));
    assert.deepEqual(counts(home), { GetCallerIdentity: 1, ListInferenceProfiles: 2, GetInferenceProfile: 3, ListTagsForResource: 3 });
  });

  it('the org\'s own profileNamePattern is followed', async () => {
    home = await signedInHome(organisationWorld({ developers: 20, nameTemplate: '{developerId}_{tier}_claude' }), { userName: organisationDeveloper(7) });
    home.emulator.resetRequests();
    const result = await discoverInferenceProfiles(options(home, { nameTemplate: '{developerId}_{tier}_claude' }));
    assert.equal(result.source, 'naming');
    assert.equal(result.selection.kind === 'selected' ? result.selection.primary.name : '', 'dev00007_sonnet_claude');
    assert.equal(counts(home)['GetInferenceProfile'], 3);
  });

  it('a second run re-checks the remembered profiles with one Get each and no listing', async () => {
    home = await signedInHome(organisationWorld({ developers: 100 }), { userName: organisationDeveloper(42) });
    const memory = fileDiscoveryMemory(path.join(home.home, '.cache', 'bedrock-onboarding'));
    const first = await discoverInferenceProfiles(options(home, { memory }));
    assert.equal(first.source, 'naming');
    home.emulator.resetRequests();
    const second = await discoverInferenceProfiles(options(home, { memory }));
    assert.equal(second.source, 'remembered');
    assert.equal(second.selection.kind, 'selected');
    assert.deepEqual(counts(home), { GetCallerIdentity: 1, GetInferenceProfile: 3 });
    assert.deepEqual(
      second.candidates.map((c) => c.arn).sort(),
      first.candidates.map((c) => c.arn).sort(),
    );
    const saved = JSON.parse(await fs.readFile(path.join(home.home, '.cache', 'bedrock-onboarding', 'discovered-inference-profiles.json'), 'utf8')) as { identities: Record<string, unknown> };
    assert.deepEqual(Object.keys(saved.identities), [first.identity.arn]);
  });

  it('a remembered profile that was deleted since makes discovery search again', async () => {
    home = await signedInHome(organisationWorld({ developers: 10 }), { userName: organisationDeveloper(3) });
    const memory = fileDiscoveryMemory(path.join(home.home, 'memory'));
    const first = await discoverInferenceProfiles(options(home, { memory }));
    const gone = first.candidates[0]?.arn ?? '';
    await memory.remember(first.identity.arn, [...first.candidates.map((c) => ({ arn: c.arn, region: c.region, name: c.name, tags: c.evidence.tags ?? {} })), { arn: gone.replace(/\/o\w+$/, '/zzzzzzzzzzzz'), region: 'us-east-1', name: 'deleted', tags: {} }]);
    const second = await discoverInferenceProfiles(options(home, { memory }));
    assert.equal(second.source, 'naming');
    assert.equal(second.selection.kind, 'selected');
  });

  it('full examination (names that follow no convention): paced under the quota with no failures, with progress to the total', async () => {
    home = await signedInHome(organisationWorld({ developers: 20, nameTemplate: 'team-{tier}-{developerId}-x' }), { userName: organisationDeveloper(5) });
    const progress: ExaminationProgress[] = [];
    const result = await discoverInferenceProfiles(options(home, { onProgress: (p) => progress.push(p) }));
    assert.equal(result.source, 'listing');
    assert.equal(result.selection.kind, 'selected');
    assert.equal(result.candidates.length, 60);
    assert.equal(result.candidates.filter((c) => c.ownership === 'unverified').length, 0, 'no profile left unverified by throttling');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(progress.at(-1), { examined: 60, total: 60 });
    assert.ok(progress.every((p, i) => i === 0 || p.examined === (progress[i - 1]?.examined ?? 0) + 1));
  });

  it('full examination can be cancelled part-way', async () => {
    home = await signedInHome(organisationWorld({ developers: 40, nameTemplate: 'team-{tier}-{developerId}-x' }), { userName: organisationDeveloper(5) });
    const controller = new AbortController();
    const error = await discoverInferenceProfiles(
      options(home, {
        abortSignal: controller.signal,
        onProgress: (p) => {
          if (p.examined === 10) controller.abort();
        },
      }),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(isCancelled(error), String(error));
    assert.ok(home.emulator.requestCount('GetInferenceProfile') < 120, 'stopped well before examining all 120');
  });

  it('no DeveloperId principal tag (attributes for access control not mapped): every profile denied, including the ones named for you, and the sentence says who fixes it', async () => {
    home = await signedInHome(organisationWorld({ developers: 5, principalTags: false }), { userName: organisationDeveloper(2) });
    const result = await discoverInferenceProfiles(options(home));
    assert.equal(result.selection.kind, 'none');
    assert.ok(result.candidates.every((c) => c.ownership === 'denied'));
    const first = result.problems[0];
    assert.equal(first?.code, 'discovery.abac-attribute-missing');
    assert.match(first.message, /claude-code-sonnet-dev00002/);
    assert.match(first.message, /DeveloperId attribute for access control/);
    assert.match(first.message, /IAM Identity Center administrator/);
  });
});
