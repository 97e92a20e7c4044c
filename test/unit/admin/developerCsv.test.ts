import assert from 'node:assert/strict';
import { parseDeveloperCsv } from '../../../src/core/admin/developerCsv';
import { UserFacingError } from '../../../src/core/runtime/userFacingError';

function problem(text: string): UserFacingError {
  try {
    parseDeveloperCsv(text, 'devs.csv');
  } catch (error) {
    assert.ok(error instanceof UserFacingError);
    return error;
  }
  assert.fail('expected the list to be refused');
}

describe('admin: developer list (CSV)', () => {
  it('reads id, team, tiers and key=value tags, with or without a header', () => {
    const rows = 'alice,platform,opus;Sonnet,CostCenter=4711,Project=claude=code\nbob,data\n';
    const withHeader = `developerId,team,tiers\n${rows}`;
    for (const text of [rows, withHeader]) {
      const developers = parseDeveloperCsv(text, 'devs.csv');
      assert.deepEqual(developers.map(({ origin: _, ...d }) => d), [
        { developerId: 'alice', team: 'platform', tiers: ['opus', 'sonnet'], extraTags: { CostCenter: '4711', Project: 'claude=code' } },
        { developerId: 'bob', team: 'data', extraTags: {} },
      ]);
    }
    assert.deepEqual(parseDeveloperCsv(withHeader, 'devs.csv').map((d) => d.origin), ['line 2', 'line 3']);
  });

  it('treats a third cell written key=value as a tag, not tiers', () => {
    const carol = parseDeveloperCsv('carol,platform,CostCenter=1\n', 'devs.csv').at(0);
    assert.ok(carol);
    assert.deepEqual(carol.extraTags, { CostCenter: '1' });
    assert.equal(carol.tiers, undefined);
  });

  it('names tag columns after their header', () => {
    const [dev] = parseDeveloperCsv('DeveloperId,Team,Tiers,CostCenter\r\n"jane.doe@example.com","Data Science",haiku,"4711"\r\n', 'devs.csv');
    assert.deepEqual(dev, { developerId: 'jane.doe@example.com', team: 'Data Science', tiers: ['haiku'], extraTags: { CostCenter: '4711' }, origin: 'line 2' });
  });

  it('accepts a byte-order mark, CRLF, blank lines and spaces around cells', () => {
    const developers = parseDeveloperCsv('\uFEFF alice , platform \r\n\r\n\r\nbob,data\r\n', 'devs.csv');
    assert.deepEqual(developers.map((d) => [d.developerId, d.team, d.origin]), [['alice', 'platform', 'line 1'], ['bob', 'data', 'line 4']]);
  });

  it('reports every bad row by line, and returns nothing', () => {
    const error = problem('developerId,team\nalice,platform\nbob\ncarol,data,opus;gpt\ndave,ops,,Cost Center\nalice,again\nerin,a|b!\nfrank,ops,haiku,aws:x=1\n');
    assert.equal(error.code, 'admin.csv-invalid');
    assert.match(error.message, /^The developer list devs\.csv has 6 problems: /);
    assert.match(error.message, /line 3: each line needs at least a developer id and a team/);
    assert.match(error.message, /line 4: tier "gpt" is not one of opus, sonnet, haiku/);
    assert.match(error.message, /line 5: column 4 \("Cost Center"\) is not a tag written key=value/);
    assert.match(error.message, /line 6: developer id "alice" is already on line 2/);
    assert.match(error.message, /line 7: team "a\|b!" must be 1–256/);
    assert.match(error.message, /line 8: tag key "aws:x" must be/);
    assert.match(error.message, /nothing was created\.$/);
  });

  it('reports a broken quote with its line', () => {
    assert.match(problem('alice,platform\nbob,"data\n').message, /line 2: a quoted cell is never closed/);
  });

  it('refuses an empty list', () => {
    assert.equal(problem('developerId,team\n\n').code, 'admin.csv-empty');
  });
});
