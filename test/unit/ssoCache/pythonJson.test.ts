import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clientRegistrationCacheKey, type ClientRegistrationScope } from '../../../src/core/ssoCache/clientRegistrationCache';
import { pythonJsonDumps } from '../../../src/core/ssoCache/pythonJson';
import { runPythonJson } from '../awsConfig/awsCliOracle';

// Characters where Python's json.dumps and JavaScript's JSON.stringify part ways, or
// where code point order (Python's sort) and UTF-16 order (JavaScript's) differ.
const SPECIAL_CHARACTERS = ['"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\x00', '\x1f', ' ', '~', '\x7f', '\u00e9', '\u2028', '\ud800', '\udfff', '\ud83d\ude00', '\uffff', '\ufb01'];
const character = fc.oneof(
  fc.constantFrom(...SPECIAL_CHARACTERS),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const text = fc.array(character, { maxLength: 8 }).map((chars) => chars.join(''));
const nonIntegerDouble = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Number.isInteger(value));
const { value: jsonValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.maxSafeInteger(),
    nonIntegerDouble,
    text,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, tie('value'), { maxKeys: 5 }),
  ),
}));

/** Python's own json.dumps, one process for the whole batch. */
function pythonDumps(jobs: readonly { value: unknown; sortKeys: boolean }[]): string[] {
  const script = `
import json, sys
json.dump([json.dumps(job['value'], sort_keys=job['sortKeys']) for job in json.load(sys.stdin)], sys.stdout)
`;
  return runPythonJson(script, jobs) as string[];
}

describe('pythonJsonDumps (the AWS CLI cache format)', function () {
  it("writes every JSON value byte for byte as Python's json.dumps does, with and without sorted keys", function () {
    const jobs = fc.sample(fc.record({ value: jsonValue, sortKeys: fc.boolean() }), { numRuns: 400, seed: 19 });
    const expected = pythonDumps(jobs);
    jobs.forEach((job, index) => {
      assert.equal(pythonJsonDumps(job.value, { sortKeys: job.sortKeys }), expected[index], JSON.stringify(job));
    });
  });

  it('matches known Python outputs', function () {
    assert.equal(pythonJsonDumps({ b: [1, true, false, null], a: 'é\n"' }), '{"b": [1, true, false, null], "a": "\\u00e9\\n\\""}');
    assert.equal(pythonJsonDumps({ b: 1, a: { d: 2, c: 3 } }, { sortKeys: true }), '{"a": {"c": 3, "d": 2}, "b": 1}');
    // Code point order: U+FFFF sorts before U+1F600, although its UTF-16 unit is larger.
    assert.equal(pythonJsonDumps({ '\ud83d\ude00': 1, '\uffff': 2, ab: 3, a: 4 }, { sortKeys: true }), '{"a": 4, "ab": 3, "\\uffff": 2, "\\ud83d\\ude00": 1}');
    assert.equal(pythonJsonDumps('\\\b\f\r\t\x01\x7f~'), '"\\\\\\b\\f\\r\\t\\u0001\\u007f~"');
    assert.equal(pythonJsonDumps([]), '[]');
    assert.equal(pythonJsonDumps({}), '{}');
  });

  it('writes numbers as Python prints ints and floats', function () {
    // json.dumps(10**21), json.dumps(-0), and floats: 1e-05, 0.0001, 1.5e-07, 0.5
    assert.equal(pythonJsonDumps(1e21), '1000000000000000000000');
    assert.equal(pythonJsonDumps(-0), '0');
    assert.equal(pythonJsonDumps([1e-5, 0.0001, 1.5e-7, 0.5, -2.5e-5, 1.2e-300]), '[1e-05, 0.0001, 1.5e-07, 0.5, -2.5e-05, 1.2e-300]');
    // json.dumps(float('nan')), float('inf'), float('-inf')
    assert.equal(pythonJsonDumps([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]), '[NaN, Infinity, -Infinity]');
  });

  it('leaves out undefined fields and writes a missing value as null, as JSON.stringify does', function () {
    assert.equal(pythonJsonDumps({ a: undefined, b: 1 }), '{"b": 1}');
    assert.equal(pythonJsonDumps(undefined), 'null');
    assert.equal(pythonJsonDumps([undefined]), '[null]');
  });

  it('refuses values JSON has no form for', function () {
    assert.throws(() => pythonJsonDumps(() => 1), { name: 'TypeError', message: 'Cannot serialise a function as JSON' });
    assert.throws(() => pythonJsonDumps({ a: 1n }), { name: 'TypeError', message: 'Cannot serialise a bigint as JSON' });
  });
});

describe('clientRegistrationCacheKey', function () {
  it("is the file name botocore's own SSOTokenFetcher._registration_cache_key gives", function () {
    const scope: fc.Arbitrary<ClientRegistrationScope> = fc.record(
      { startUrl: text, region: text, scopes: fc.array(text, { maxLength: 3 }), sessionName: text },
      { requiredKeys: ['startUrl', 'region'] },
    );
    const scopes = [
      { startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1', scopes: ['sso:account:access'], sessionName: 'claude-code' },
      { startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1' },
      ...fc.sample(scope, { numRuns: 100, seed: 19 }),
    ];
    const script = `
import json, sys, types
from awscli.botocore.utils import SSOTokenFetcher
out = []
for s in json.load(sys.stdin):
    fetcher = types.SimpleNamespace(_sso_region=s['region'])
    out.append(SSOTokenFetcher._registration_cache_key(fetcher, s['startUrl'], s.get('sessionName'), s.get('scopes')))
json.dump(out, sys.stdout)
`;
    const expected = runPythonJson(script, scopes) as string[];
    scopes.forEach((item, index) => {
      assert.equal(clientRegistrationCacheKey(item), expected[index], JSON.stringify(item));
    });
  });
});
