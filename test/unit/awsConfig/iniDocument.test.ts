import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cliConfigView } from '../../../src/core/awsConfig/cliConfigView';
import { parseIni, serializeIni } from '../../../src/core/awsConfig/iniDocument';
import { cliSectionIdentity, sdkSectionIdentity } from '../../../src/core/awsConfig/sectionIdentity';
import { shlexSplit } from '../../../src/core/awsConfig/shlexSplit';
import { botocoreViews, pythonShlex } from './awsCliOracle';
import { configFileArbitrary } from './configFileArbitrary';

function mapToObject(map: ReadonlyMap<string, ReadonlyMap<string, string>>): Record<string, Record<string, string>> {
  return Object.fromEntries([...map].map(([key, values]) => [key, Object.fromEntries(values)]));
}

describe('parseIni', () => {
  it('gives sections with line positions, entries with lower-cased keys and configparser values', () => {
    const text = [
      '# top comment',
      '[default]',
      'region = us-east-1 # kept: the CLI reads inline comments as part of the value',
      '',
      '[profile  dev]  ; note',
      'SSO_Session: corp',
      's3 =',
      '    max_concurrent_requests = 10',
      '',
      '    # comment inside the block',
      '    addressing_style = path',
      'output=json',
      '[sso-session corp]',
      '\tsso_region = eu-west-1',
    ].join('\r\n');
    const doc = parseIni(text);
    assert.equal(doc.eol, '\r\n');
    assert.deepEqual(
      doc.sections.map((s) => [s.header, s.headerLine, s.endLine]),
      [
        ['default', 1, 4],
        ['profile  dev', 4, 12],
        ['sso-session corp', 12, 14],
      ],
    );
    const dev = doc.sections[1]!;
    assert.deepEqual(
      dev.entries.map((e) => [e.key, e.line, e.continuationLines, e.value]),
      [
        ['sso_session', 5, [], 'corp'],
        ['s3', 6, [7, 10], '\nmax_concurrent_requests = 10\n\naddressing_style = path'],
        ['output', 11, [], 'json'],
      ],
    );
    assert.equal(doc.sections[0]!.entries[0]!.value, 'us-east-1 # kept: the CLI reads inline comments as part of the value');
    assert.equal(doc.sections[2]!.entries[0]!.indent, '\t');
    assert.deepEqual(doc.kinds, ['comment', 'header', 'option', 'blank', 'header', 'option', 'option', 'continuation', 'blank', 'comment', 'continuation', 'option', 'header', 'option']);
    assert.deepEqual(doc.diagnostics, []);
  });

  it('keeps a BOM, a lone CR and a missing final newline out of the lines but in the bytes', () => {
    const text = '\ufeff[a]\rx = 1\r\n\ny = 2';
    const doc = parseIni(text);
    assert.equal(doc.bom, true);
    assert.deepEqual(doc.lines, [
      { text: '[a]', terminator: '\r' },
      { text: 'x = 1', terminator: '\r\n' },
      { text: '', terminator: '\n' },
      { text: 'y = 2', terminator: '' },
    ]);
    assert.equal(serializeIni(doc.bom, doc.lines), text);
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.code, d.fatalForCli]),
      [['byte-order-mark', true]],
    );
  });

  it('reports what makes the AWS CLI refuse a file', () => {
    const codes = (text: string) => parseIni(text).diagnostics.map((d) => [d.code, d.line]);
    assert.deepEqual(codes('region = x\n[a]\n'), [['missing-section-header', 0]]);
    assert.deepEqual(codes('[a]\nx = 1\n[b]\n[a]\n'), [['duplicate-section', 3]]);
    assert.deepEqual(codes('[a]\nx = 1\nX: 2\n'), [['duplicate-key', 2]]);
    assert.deepEqual(codes('[a]\nx = 1\n[a]\nx = 2\n'), [
      ['duplicate-section', 2],
      ['duplicate-key', 3],
    ]);
    assert.deepEqual(codes('[a]\njust words\n= 3\n'), [
      ['invalid-line', 1],
      ['invalid-line', 2],
    ]);
    assert.deepEqual(codes('a = 1\nb = 2\n[a]\n'), [['missing-section-header', 0]], 'reported once, at the first such line');
    assert.deepEqual(
      parseIni('[DEFAULT]\nregion = x\n').diagnostics.map((d) => [d.code, d.fatalForCli]),
      [['default-section', false]],
    );
    assert.deepEqual(
      parseIni('\ufeffk = v\n[DEFAULT]\n[a]\n= 1\n[a]\n').diagnostics.map((d) => d.detail),
      [
        'the file starts with a UTF-8 byte order mark',
        'a line comes before the first [section] header',
        'keys in [DEFAULT] are inherited by every section',
        'a line has no "key = value" form',
        '[a] appears more than once',
      ],
    );
    assert.equal(cliConfigView(parseIni('[a]\ns3 =\n  no equals here\n')).readableByCli, false);
  });

  it('ends a value at a line without a key, but not at one without a delimiter (as configparser does)', () => {
    const doc = parseIni('[a]\nx = 1\nno delimiter\n  more\n= 3\n  again\n');
    assert.deepEqual(doc.kinds, ['header', 'option', 'invalid', 'continuation', 'invalid', 'invalid']);
    assert.deepEqual(doc.sections[0]?.entries.map((e) => [e.key, e.continuationLines]), [['x', [3]]]);
  });

  it('writes new lines with the ending the file uses most, the first one on a tie, LF when it has none', () => {
    assert.equal(parseIni('[a]\r\nx = 1\ny = 2\r\n').eol, '\r\n');
    assert.equal(parseIni('[a]\rx = 1\n').eol, '\r');
    assert.equal(parseIni('[a]\nx = 1\r').eol, '\n');
    assert.equal(parseIni('[a]').eol, '\n', 'a last line without an ending does not count');
    assert.equal(parseIni('').eol, '\n');
    assert.deepEqual(parseIni('[a]\n').lines, [{ text: '[a]', terminator: '\n' }], 'no empty line after the last ending');
  });

  it('round-trips any text byte for byte (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: fc.constantFrom('[', ']', 'a', '=', ':', '#', ';', ' ', '\t', '\r', '\n', '\ufeff', 'é', '😀'), maxLength: 200 }), configFileArbitrary({ loneCr: true, invalidLines: true, defaultSection: true })), (text) => {
        const doc = parseIni(text);
        assert.equal(serializeIni(doc.bom, doc.lines), text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('section identity', () => {
  it('follows botocore: prefix, shell-split into two words, default is a profile', () => {
    assert.deepEqual(cliSectionIdentity('default'), { kind: 'profile', name: 'default' });
    assert.deepEqual(cliSectionIdentity('profile dev'), { kind: 'profile', name: 'dev' });
    assert.deepEqual(cliSectionIdentity('profile   dev '), { kind: 'profile', name: 'dev' });
    assert.deepEqual(cliSectionIdentity('profile "my dev"'), { kind: 'profile', name: 'my dev' });
    assert.deepEqual(cliSectionIdentity('profilex dev'), { kind: 'profile', name: 'dev' });
    assert.deepEqual(cliSectionIdentity(' profile dev'), { kind: 'other', name: ' profile dev' });
    assert.deepEqual(cliSectionIdentity('profile a b'), { kind: 'other', name: 'profile a b' });
    assert.deepEqual(cliSectionIdentity('profile "unclosed'), { kind: 'other', name: 'profile "unclosed' });
    assert.deepEqual(cliSectionIdentity('sso-session corp'), { kind: 'sso-session', name: 'corp' });
    assert.deepEqual(cliSectionIdentity('DEFAULT'), { kind: 'defaults', name: 'DEFAULT' });
    assert.deepEqual(cliSectionIdentity('default '), { kind: 'other', name: 'default ' });
  });

  it('follows the JavaScript SDK: one blank after the prefix, comments cut, must end in ]', () => {
    assert.deepEqual(sdkSectionIdentity('[profile dev] # x'), { kind: 'profile', name: 'dev' });
    assert.deepEqual(sdkSectionIdentity('  [default]'), { kind: 'profile', name: 'default' });
    assert.deepEqual(sdkSectionIdentity('[profile "dev"]'), { kind: 'profile', name: 'dev' });
    assert.deepEqual(sdkSectionIdentity('[profile  dev]'), { kind: 'other', name: 'profile  dev' });
    assert.deepEqual(sdkSectionIdentity('[sso-session corp]'), { kind: 'sso-session', name: 'corp' });
    assert.equal(sdkSectionIdentity('[profile dev]x'), undefined);
    assert.equal(sdkSectionIdentity('region = x'), undefined);
  });

  it('splits headers exactly like Python shlex.split', () => {
    const samples = fc.sample(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '"', "'", '\\', 'é', '#'), maxLength: 14 }), { numRuns: 400, seed: 7 });
    const inputs = [...samples, 'profile "a b"', "profile 'x'\"y\"", 'profile a\\ b', 'profile "a\\"b"', 'profile "a\\b"', "profile ''", 'x\\', 'profile "x\\', 'a\rb\nc\r\n d', 'profile "a\\\\b"'];
    const expected = pythonShlex(inputs);
    inputs.forEach((input, index) => { assert.deepEqual(shlexSplit(input) ?? null, expected[index], JSON.stringify(input)); });
  });
});

describe('cliConfigView against botocore (Debian awscli)', () => {
  it('reads hand-written edge cases exactly as botocore does', () => {
    const files = [
      '[default]\nregion = us-east-1 # inline\n[profile  dev]\nsso_session = corp\n[profile dev]\nregion = eu-west-1\n',
      '[DEFAULT]\nregion = us-west-2\n[profile a]\noutput = json\n[sso-session corp]\nsso_region = us-east-1\n',
      '[profile a]\ns3 =\n  max = 1\n\n  # c\n  style = path\nregion: x\n',
      '[profile a]\nregion = x\n   continued\n[ profile b]\nk = v\n[profile "c"]\nk = v\n',
      '[profile a]\nk = 1\n[profile a]\nk = 2\n',
      '\ufeff[profile a]\nk = v\n',
      'k = v\n[profile a]\n',
      '[profile a]\n\u00a0\u00a0k = v\n\x85[profile b]\nx = 1\n',
      '[profile a]\r\nk = v\rj = w\r\n',
      '[profile a]\nk = v \u3000\n  c \t\n\t d\x1c\n[profile b]\n  \n',
    ];
    const views = botocoreViews(files);
    files.forEach((text, index) => {
      const ours = cliConfigView(parseIni(text));
      const theirs = views[index]!;
      assert.equal(ours.readableByCli, theirs.ok, `readable: ${JSON.stringify(text)}`);
      if (theirs.ok) {
        assert.deepEqual(mapToObject(ours.profiles), theirs.profiles, JSON.stringify(text));
        assert.deepEqual(mapToObject(ours.ssoSessions), theirs.ssoSessions, JSON.stringify(text));
      }
    });
  });

  it('splits and strips a nested value as botocore does: Python line breaks and blanks, not JavaScript ones', () => {
    // The random files never hold these characters inside a nested value.
    const breaks = ['\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029'];
    const files = [
      ...breaks.map((c) => `[profile a]\ns3 =\n  max = 1${c}style\n`),
      '[profile a]\ns3 =\n  max = 1\n  style\n',
      '[profile a]\ns3 =\n  max = 1\n  \ufeff\n',
      '[profile a]\ns3 =\n  max = 1\x1c\x1f\x1cstyle = path\n',
      '[profile a]\ns3 =\n  max = 1\x0b\u3000\x0bstyle = path\n',
    ];
    const views = botocoreViews(files);
    files.forEach((text, index) => {
      assert.equal(cliConfigView(parseIni(text)).readableByCli, views[index]!.ok, `readable: ${JSON.stringify(text)}`);
    });
    assert.deepEqual(
      views.map((view) => view.ok),
      [...breaks.map(() => false), false, false, true, true],
      'each kind of line is covered',
    );
    assert.deepEqual(cliConfigView(parseIni('[profile a]\nregion = x\ns3 =\n  style\n')).diagnostics, [
      { code: 'invalid-nested-value', line: 2, fatalForCli: true, detail: 'the indented lines under "s3" are not all "key = value"' },
    ]);
  });

  it('agrees with botocore on random files: readability, profiles and sessions (property, batched)', () => {
    const files = [
      ...fc.sample(configFileArbitrary({ loneCr: true, invalidLines: true, defaultSection: true }), { numRuns: 300, seed: 20240611 }),
      ...fc.sample(configFileArbitrary({ loneCr: true, defaultSection: true }), { numRuns: 700, seed: 611 }),
    ];
    const views = botocoreViews(files);
    let readable = 0;
    files.forEach((text, index) => {
      const ours = cliConfigView(parseIni(text));
      const theirs = views[index]!;
      assert.equal(ours.readableByCli, theirs.ok, `readable: ${JSON.stringify(text)}`);
      if (!theirs.ok) return;
      readable++;
      assert.deepEqual(mapToObject(ours.profiles), theirs.profiles, JSON.stringify(text));
      assert.deepEqual(mapToObject(ours.ssoSessions), theirs.ssoSessions, JSON.stringify(text));
    });
    assert.ok(readable > 100, `only ${readable} of ${files.length} generated files were readable; the generator is too hostile to compare values`);
  });
});
