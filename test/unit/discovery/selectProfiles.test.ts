import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ClaudeTier, InferenceProfileCandidate, Ownership } from '../../../src/core/discovery/inferenceProfileCandidate';
import { selectProfiles } from '../../../src/core/discovery/selectProfiles';
import { mapConcurrently } from '../../../src/core/discovery/mapConcurrently';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';

let serial = 0;
function candidate(tier: ClaudeTier | 'other', options: { region?: string; ownership?: Ownership; name?: string; probe?: 'ok' | 'denied' } = {}): InferenceProfileCandidate {
  serial += 1;
  const region = options.region ?? 'us-east-1';
  const id = `p${String(serial).padStart(11, '0')}`;
  return {
    arn: `arn:aws:bedrock:${region}:111122223333:application-inference-profile/${id}`,
    id,
    name: options.name ?? `claude-${tier}-${serial}`,
    region,
    status: 'ACTIVE',
    type: 'APPLICATION',
    tier,
    modelArns: [],
    ownership: options.ownership ?? 'tag-match',
    evidence: {
      source: 'listing',
      calls: options.probe ? [{ operation: 'Converse', outcome: options.probe, latencyMs: 1 }] : [],
      tags: undefined,
      tagMatches: [],
    },
  };
}

describe('selectProfiles', () => {
  it('chooses one profile per tier and Sonnet as primary by default; the tier order is a parameter', () => {
    const all = [candidate('opus'), candidate('sonnet'), candidate('haiku')];
    const selected = selectProfiles(all, { regionOrder: ['us-east-1'] });
    assert.equal(selected.kind, 'selected');
    assert.equal(selected.primary, all[1]);
    const opusFirst = selectProfiles(all, { regionOrder: ['us-east-1'], primaryTierOrder: ['opus', 'sonnet', 'haiku'] });
    assert.equal(opusFirst.kind === 'selected' ? opusFirst.primary : undefined, all[0]);
    const onlyHaiku = selectProfiles([candidate('haiku')], { regionOrder: ['us-east-1'] });
    assert.equal(onlyHaiku.kind === 'selected' ? onlyHaiku.primary.tier : undefined, 'haiku');
  });

  it('prefers tagged profiles over merely readable ones, and ignores denied, missing, unverified and non-Claude ones', () => {
    const mine = candidate('sonnet');
    const others = [candidate('sonnet', { ownership: 'accessible' }), candidate('opus', { ownership: 'denied' }), candidate('haiku', { ownership: 'unverified' }), candidate('haiku', { ownership: 'missing' }), candidate('other')];
    const selected = selectProfiles([...others, mine], { regionOrder: ['us-east-1'] });
    assert.equal(selected.kind, 'selected');
    assert.deepEqual(Object.values(selected.byTier), [mine]);
    assert.equal(selectProfiles(others.slice(1), { regionOrder: ['us-east-1'] }).kind, 'none');
  });

  it('keeps everything in one region, the first of the region order that has any', () => {
    const west = candidate('opus', { region: 'us-west-2' });
    const east = candidate('sonnet', { region: 'us-east-1' });
    const selected = selectProfiles([west, east], { regionOrder: ['eu-west-1', 'us-west-2', 'us-east-1'] });
    assert.equal(selected.kind === 'selected' ? selected.region : undefined, 'us-west-2');
    assert.deepEqual(selected.kind === 'selected' ? Object.values(selected.byTier) : [], [west]);
  });

  it('is ambiguous when a tier has two profiles, lists the choices, and picks resolve it', () => {
    const a = candidate('sonnet', { name: 'b-sonnet' });
    const b = candidate('sonnet', { name: 'a-sonnet' });
    const haiku = candidate('haiku');
    const ambiguous = selectProfiles([a, b, haiku], { regionOrder: ['us-east-1'] });
    assert.equal(ambiguous.kind, 'ambiguous');
    assert.deepEqual(ambiguous.choices.sonnet, [b, a]);
    assert.equal(ambiguous.byTier.haiku, haiku);
    const picked = selectProfiles([a, b, haiku], { regionOrder: ['us-east-1'], picks: [a.arn] });
    assert.equal(picked.kind === 'selected' ? picked.primary : undefined, a);
  });

  it('rejects picks that are unknown, in two regions, two per tier, or not Claude, each with its own code', () => {
    const east = candidate('sonnet');
    const east2 = candidate('sonnet');
    const west = candidate('opus', { region: 'us-west-2' });
    const nova = candidate('other');
    const denied = candidate('haiku', { ownership: 'denied' });
    const codes = [[denied.arn], [east.arn, west.arn], [east.arn, east2.arn], [nova.arn]].map((picks) => {
      try {
        selectProfiles([east, east2, west, nova, denied], { regionOrder: ['us-east-1'], picks });
        return 'no error';
      } catch (error) {
        return isUserFacingError(error) ? error.code : 'not user-facing';
      }
    });
    assert.deepEqual(codes, ['discovery.unknown-pick', 'discovery.mixed-regions', 'discovery.duplicate-pick', 'discovery.not-claude']);
  });

  it('drops a profile whose probe was refused; when the developer\'s own are all refused it does not fall back to others\'', () => {
    const refused = candidate('sonnet', { probe: 'denied' });
    const fine = candidate('opus', { probe: 'ok' });
    const selected = selectProfiles([refused, fine], { regionOrder: ['us-east-1'] });
    assert.deepEqual(selected.kind === 'selected' ? Object.values(selected.byTier) : [], [fine]);
    assert.equal(selectProfiles([refused, candidate('sonnet', { ownership: 'accessible' })], { regionOrder: ['us-east-1'] }).kind, 'none');
  });

  it('property: a selection never mixes regions, never has two per tier, and its primary is one of its tiers', () => {
    const arbitraryCandidate = fc.record({
      tier: fc.constantFrom<ClaudeTier | 'other'>('opus', 'sonnet', 'haiku', 'other'),
      region: fc.constantFrom('us-east-1', 'us-west-2', 'eu-west-1'),
      ownership: fc.constantFrom<Ownership>('tag-match', 'accessible', 'denied', 'unverified'),
    });
    fc.assert(
      fc.property(fc.array(arbitraryCandidate, { maxLength: 12 }), fc.shuffledSubarray(['us-east-1', 'us-west-2', 'eu-west-1']), (specs, regionOrder) => {
        const candidates = specs.map((s) => candidate(s.tier, s));
        const selection = selectProfiles(candidates, { regionOrder });
        if (selection.kind === 'none') return candidates.every((c) => c.tier === 'other' || c.ownership === 'denied' || c.ownership === 'unverified');
        const chosen = Object.values(selection.byTier);
        const choices = selection.kind === 'ambiguous' ? Object.values(selection.choices).flat() : [];
        const inRegion = [...chosen, ...choices].every((c) => c.region === selection.region);
        const primaryOk = selection.kind === 'ambiguous' || chosen.includes(selection.primary);
        return inRegion && primaryOk && chosen.every((c) => c.tier !== 'other');
      }),
    );
  });
});

describe('mapConcurrently', () => {
  it('keeps order, never exceeds the limit, and stops starting tasks after a failure', async () => {
    let inFlight = 0;
    let max = 0;
    const results = await mapConcurrently([...Array(40).keys()], 5, async (n) => {
      inFlight++;
      max = Math.max(max, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n % 3));
      inFlight--;
      return n * 2;
    });
    assert.deepEqual(results, [...Array(40).keys()].map((n) => n * 2));
    assert.equal(max, 5);

    let started = 0;
    await assert.rejects(
      mapConcurrently([...Array(40).keys()], 4, async (n) => {
        started++;
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (n === 2) throw new Error('boom');
        return n;
      }),
      /boom/,
    );
    assert.ok(started < 40, `started ${started}`);
    await assert.rejects(mapConcurrently([1], 0, () => Promise.resolve(1)), RangeError);
  });
});
