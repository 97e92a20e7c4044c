import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applicationProfileName, MAX_PROFILE_NAME_LENGTH, PROFILE_NAME_PATTERN } from '../../../src/core/admin/profileNaming';
import type { ProfileTier } from '../../../src/core/orgDefaults/orgDefaults';

describe('admin: profile names', () => {
  it('is claude-code-<tier>-<developerId> when the id is already a valid name part', () => {
    assert.equal(applicationProfileName('sonnet', 'alice'), 'claude-code-sonnet-alice');
    assert.equal(applicationProfileName('opus', 'Dev_42'), 'claude-code-opus-Dev_42');
  });

  it('replaces characters names may not hold and adds a short hash of the id', () => {
    const name = applicationProfileName('haiku', 'jane.doe@example.com');
    assert.match(name, /^claude-code-haiku-jane-doe-example-com-[0-9a-f]{6}$/);
    assert.notEqual(applicationProfileName('haiku', 'jane.doe'), applicationProfileName('haiku', 'jane-doe'));
    assert.notEqual(applicationProfileName('haiku', 'a  b'), applicationProfileName('haiku', 'a b'));
  });

  it('shortens long ids to 64 characters and keeps them apart', () => {
    const long = 'x'.repeat(100);
    const name = applicationProfileName('sonnet', long);
    assert.equal(name.length, MAX_PROFILE_NAME_LENGTH);
    assert.notEqual(name, applicationProfileName('sonnet', `${long}y`));
  });

  it('always satisfies Bedrock’s rule, is deterministic, and never maps two ids to one name', () => {
    const tier = fc.constantFrom<ProfileTier>('opus', 'sonnet', 'haiku');
    const id = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '_', ' ', '.', '@', ':', '/', '=', '+', 'é'), minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(tier, id, id, (t, a, b) => {
        const name = applicationProfileName(t, a);
        assert.match(name, PROFILE_NAME_PATTERN);
        assert.ok(name.length <= MAX_PROFILE_NAME_LENGTH);
        assert.equal(applicationProfileName(t, a), name);
        if (a !== b) assert.notEqual(applicationProfileName(t, b), name);
      }),
      { numRuns: 2000 },
    );
  });
});
