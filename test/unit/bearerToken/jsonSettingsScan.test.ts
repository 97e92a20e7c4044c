import assert from 'node:assert/strict';
import { scanJsonSettings } from '../../../src/core/bearerToken/jsonSettingsScan';

const V = 'AWS_BEARER_TOKEN_BEDROCK';
const TERMINAL = [['terminal.integrated.env.linux'], ['terminal.integrated.env.osx']];

describe('scanJsonSettings', function () {
  it('finds the member in each given object, by line and column (after a byte-order mark too), in file order', function () {
    const text = `\uFEFF{\n  "terminal.integrated.env.osx": { "${V}": "b" },\n  // "${V}": "c",\n  "terminal.integrated.env.linux": {\n    "${V}": "a"\n  }\n}`;
    assert.deepEqual(scanJsonSettings(text, TERMINAL, V, { nullUnsets: true }), {
      findings: [
        { path: ['terminal.integrated.env.osx', V], line: 2, column: 37, commented: false },
        { path: [], line: 3, column: 7, commented: true, holdsValue: true },
        { path: ['terminal.integrated.env.linux', V], line: 5, column: 6, commented: false },
      ],
      syntaxError: undefined,
    });
  });

  it('skips null where null unsets (VS Code terminal settings), not elsewhere; ignores other objects and longer names', function () {
    const text = `{"env": {"${V}": null, "${V}_X": "1"}, "other": {"${V}": "1"}, "terminal.integrated.env.linux": {"${V}": null}}`;
    assert.deepEqual(
      scanJsonSettings(text, [['env']], V, { nullUnsets: false }).findings.map((found) => found.path),
      [['env', V]],
    );
    assert.deepEqual(scanJsonSettings(text, [['env'], ...TERMINAL], V, { nullUnsets: true }).findings, []);
    assert.deepEqual(scanJsonSettings('{"env": "not an object"}', [['env']], V, { nullUnsets: false }).findings, []);
    assert.deepEqual(scanJsonSettings('', [['env']], V, { nullUnsets: false }).findings, []);
  });

  it('tells a commented-out member with a value from one without', function () {
    const text = [
      '{',
      `  // "${V}": "ABSK",`,
      `  // "${V}": "",`,
      `  // "${V}": null,`,
      `  /* "${V}": */`,
      `  // "${V}":"esc\\"aped"`,
      `  // "${V}": 12 }`,
      `  // "${V}" : {`,
      '}',
    ].join('\n');
    assert.deepEqual(
      scanJsonSettings(text, [['env']], V, { nullUnsets: false }).findings.map((found) => [found.line, found.commented && found.holdsValue]).map(String),
      [[2, true], [3, false], [4, false], [5, false], [6, true], [7, true], [8, true]].map(String),
    );
  });

  it('reports the first syntax error by line and column, and still the findings', function () {
    const scan = scanJsonSettings(`\uFEFF{\n  "env": { "${V}": "x" },\n  oops\n}`, [['env']], V, { nullUnsets: false });
    assert.deepEqual(scan.syntaxError, { line: 3, column: 3 });
    assert.equal(scan.findings.length, 1);
  });

  it('orders findings on one line by column', function () {
    const text = `{"terminal.integrated.env.osx":{"${V}":"b"},"terminal.integrated.env.linux":{"${V}":"a"}}`;
    assert.deepEqual(
      scanJsonSettings(text, TERMINAL, V, { nullUnsets: true }).findings.map((finding) => finding.path[0]),
      ['terminal.integrated.env.osx', 'terminal.integrated.env.linux'],
    );
  });
});
