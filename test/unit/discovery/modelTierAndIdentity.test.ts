import assert from 'node:assert/strict';
import fc from 'fast-check';
import { identityNames, mappingEntry, matchTags } from '../../../src/core/discovery/identityMatch';
import { tierOfModel, tierOfProfile } from '../../../src/core/discovery/modelTier';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1'];

describe('model tier', () => {
  it('reads the tier from foundation-model ARNs, system profile ids and old-style model ids', () => {
    assert.equal(tierOfModel('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0'), 'sonnet');
    assert.equal(tierOfModel('arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-opus-4-1-20250805-v1:0'), 'opus');
    assert.equal(tierOfModel('anthropic.claude-3-5-haiku-20241022-v1:0'), 'haiku');
    assert.equal(tierOfModel('anthropic.claude-3-sonnet-20240229-v1:0'), 'sonnet');
    assert.equal(tierOfModel('arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0'), 'other');
    assert.equal(tierOfModel('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-instant-v1'), 'other');
  });

  it('property: any Claude model ARN of any region and version maps to its tier', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('opus', 'sonnet', 'haiku'),
        fc.constantFrom(...REGIONS),
        fc.constantFrom('4', '4-1', '4-5', '3-7', '5'),
        fc.integer({ min: 20240101, max: 20291231 }),
        fc.constantFrom('', 'us.', 'eu.', 'global.'),
        (tier, region, version, date, geo) => {
          const id = version.startsWith('3') ? `anthropic.claude-${version}-${tier}-${date}-v1:0` : `anthropic.claude-${tier}-${version}-${date}-v1:0`;
          const arn = geo === '' ? `arn:aws:bedrock:${region}::foundation-model/${id}` : `arn:aws:bedrock:${region}:111122223333:inference-profile/${geo}${id}`;
          return tierOfModel(arn) === tier && tierOfProfile([arn, arn.replace(region, 'us-west-2')], 'misleading-haiku-name') === tier;
        },
      ),
    );
  });

  it('uses the profile name only as a hint, never for a non-Claude model', () => {
    assert.equal(tierOfProfile([], 'claude-opus-alice'), 'opus');
    assert.equal(tierOfProfile([], 'team profile'), 'other');
    assert.equal(tierOfProfile(['arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0'], 'sonnet-replacement'), 'other');
    assert.equal(tierOfProfile(['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-next-v1:0'], 'claude-haiku-bob'), 'haiku');
  });
});

describe('identity names and tag matching', () => {
  it('takes the role session name after the last slash, and an e-mail\'s local part', () => {
    assert.deepEqual(identityNames('arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_BedrockDeveloper_0123456789abcdef/alice'), ['alice']);
    assert.deepEqual(identityNames('arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Dev_0123/Alice.Smith@Example.com'), ['alice.smith@example.com', 'alice.smith']);
    assert.deepEqual(identityNames('arn:aws:iam::111122223333:user/BedrockAPIKey-shared'), ['bedrockapikey-shared']);
    assert.deepEqual(identityNames('arn:aws:iam::111122223333:root'), []);
  });

  it('property: the session name is recovered from any assumed-role ARN, lower-cased', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,64}$/), fc.stringMatching(/^[A-Za-z0-9_]{1,32}$/), (session, role) => {
        const names = identityNames(`arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_${role}_abcdef/${session}`);
        return names[0] === session.toLowerCase();
      }),
    );
  });

  const input = { tagKeys: ['DeveloperId', 'Team'], identityNames: ['alice'], configuredValues: {} };

  it('owns a profile whose developer tag names the identity, case-insensitively; the team is no criterion unless configured', () => {
    assert.equal(matchTags({ DeveloperId: 'Alice', Team: 'anything' }, input).owns, true);
    assert.equal(matchTags({ DeveloperId: 'bob', Team: 'platform' }, input).owns, false);
    assert.equal(matchTags(undefined, input).owns, false, 'unknown tags never match');
    assert.equal(matchTags({ Team: 'platform' }, input).owns, false);
    const withTeam = { ...input, configuredValues: { Team: 'Platform' } };
    assert.equal(matchTags({ DeveloperId: 'alice', Team: 'platform' }, withTeam).owns, true);
    assert.equal(matchTags({ DeveloperId: 'alice', Team: 'data' }, withTeam).owns, false);
  });

  it('records what each tag was compared with and what it matched', () => {
    const { evidence } = matchTags({ developerid: 'E1', Team: 'platform' }, { ...input, configuredValues: { DeveloperId: 'e1', team: 'platform' } });
    assert.deepEqual(evidence, [
      { key: 'DeveloperId', value: 'E1', expected: ['alice', 'e1'], matched: 'configured' },
      { key: 'Team', value: 'platform', expected: ['platform'], matched: 'configured' },
    ]);
  });

  it('finds the org mapping entry by any of the developer\'s names', () => {
    const mapping = { Alice: { sonnet: 'arn:1', opus: 'arn:2' }, bob: { haiku: 'arn:3' } };
    assert.deepEqual(mappingEntry(mapping, ['alice@example.com', 'alice']), ['arn:1', 'arn:2']);
    assert.equal(mappingEntry(mapping, ['carol']), undefined);
    assert.equal(mappingEntry(undefined, ['alice']), undefined);
  });
});
