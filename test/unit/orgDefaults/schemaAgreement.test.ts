import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ORG_DEFAULTS_FIELDS, ORG_SETTING_NAMES, type OrgSettingName } from '../../../src/core/orgDefaults/orgDefaults';
import { checkOrgSetting } from '../../../src/core/orgDefaults/orgSettingRules';
import { parseOrgDefaults } from '../../../src/core/orgDefaults/validateOrgDefaults';

interface SchemaProperty {
  readonly type?: string;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly items?: SchemaProperty;
}

const root = path.join(__dirname, '..', '..', '..');
const schema = JSON.parse(readFileSync(path.join(root, 'org-defaults.schema.json'), 'utf8')) as {
  properties: Record<string, SchemaProperty>;
  definitions: Record<string, SchemaProperty>;
  additionalProperties: boolean;
};

/** Characters the string rules care about, plus a few they must refuse. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/@+=,%# \t'.split('');
const nearMiss = (seeds: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...seeds),
    fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 140 }),
    fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.constantFrom(...ALPHABET)).map(([seed, at, char]) => {
      const i = at % (seed.length + 1);
      return `${seed.slice(0, i)}${char}${seed.slice(i)}`;
    }),
    fc.tuple(fc.constantFrom(...seeds), fc.nat()).map(([seed, at]) => seed.slice(0, at % (seed.length + 1))),
  );

function schemaAccepts(pattern: string, value: string): boolean {
  return new RegExp(pattern, 'u').test(value);
}

describe('orgDefaults: the schema and the validator agree', () => {
  it('lists exactly the fields the validator knows, and refuses others', () => {
    assert.deepEqual(Object.keys(schema.properties).sort(), [...ORG_DEFAULTS_FIELDS].sort());
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.properties['locked']?.items?.enum, ORG_SETTING_NAMES);
    assert.deepEqual(schema.properties['costSource']?.enum, ['auto', 'costExplorer', 'local', 'off']);
  });

  const stringFields: Record<string, readonly string[]> = {
    ssoRegion: ['us-east-1', 'eu-central-2', 'us-gov-west-1', 'cn-north-1', 'us-isob-east-1', 'US-EAST-1', ' us-east-1'],
    defaultRegion: ['ap-southeast-2', 'eu-west-1'],
    ssoSessionName: ['claude-code', 'my.session@corp', '__proto__', 'a%b:c/d', 'x'.repeat(128), 'x'.repeat(129)],
    profileName: ['claude-code', 'dev profile', 'p=1'],
    accountId: ['111122223333', '1111-2222-3333', '11112222333'],
    profileNamePattern: ['claude-code-{tier}-{developerId}', '{developerId}_{tier}', 'cc {tier} {developerId}', 'claude-code-{tier}', '{developerId}-{tier}.x', `${'x'.repeat(60)}{tier}{developerId}`],
    roleName: ['ClaudeCodeDeveloper', 'Role,With=Odd@Chars', 'r'.repeat(64), 'r'.repeat(65)],
  };
  for (const [field, seeds] of Object.entries(stringFields)) {
    it(`${field}: accepts and refuses the same strings`, () => {
      const pattern = schema.properties[field]?.pattern;
      assert.ok(pattern, `${field} has a pattern`);
      fc.assert(
        fc.property(nearMiss(seeds), (value) => {
          assert.equal(checkOrgSetting(field as OrgSettingName, value).ok, schemaAccepts(pattern, value), `${field} = ${JSON.stringify(value)}`);
        }),
        { numRuns: 400 },
      );
    });
  }

  it('allowedRegions items and profile ARNs agree as well', () => {
    const regionPattern = schema.properties['allowedRegions']?.items?.pattern;
    const arnPattern = schema.definitions['applicationProfileArn']?.pattern;
    assert.ok(regionPattern && arnPattern);
    const arn = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1b2c3d4e5f6';
    fc.assert(
      fc.property(nearMiss([arn, arn.replace(':aws:', ':aws-us-gov:').replace('us-east-1', 'us-gov-west-1'), arn.replace(':aws:', ':aws-x:')]), (value) => {
        assert.equal(checkOrgSetting('profileMapping', { alice: { opus: value } }).ok, schemaAccepts(arnPattern, value), JSON.stringify(value));
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(nearMiss(['us-east-1', 'eu-west-3']), (value) => {
        assert.equal(checkOrgSetting('allowedRegions', [value]).ok, schemaAccepts(regionPattern, value), JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('names every bad field of a bad file, not just the first', () => {
    const parsed = parseOrgDefaults(
      JSON.stringify({ ssoRegion: 'US East', accountId: 111122223333, allowedRegions: ['eu-west-1'], defaultRegion: 'us-east-1', locked: ['ssoStartUrl', 'nope'], colour: 'blue' }),
    );
    assert.equal(parsed.ok, false);
    const fields = parsed.problems.map((problem) => problem.split(':')[0]);
    assert.deepEqual(fields.sort(), ['accountId', 'colour', 'defaultRegion', 'locked[1]', 'ssoRegion']);
    assert.match(parsed.problems.join('\n'), /ssoRegion: must be an AWS region code such as us-east-1; got "US East"/);
  });

  it('accepts the repository’s own org-defaults.json', () => {
    assert.equal(parseOrgDefaults(readFileSync(path.join(root, 'org-defaults.json'), 'utf8')).ok, true);
  });
});
