import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import fc from 'fast-check';
import { parseIni } from '../../../src/core/awsConfig/iniDocument';
import { sdkSectionValues, sdkStateAfter } from '../../../src/core/awsConfig/sdkLineState';
import { sdkSectionIdentity } from '../../../src/core/awsConfig/sectionIdentity';
import { configFileArbitrary, NAMES } from './configFileArbitrary';

/** Our model of the AWS SDK for JavaScript's reading, checked against the SDK itself. */
describe('the JavaScript SDK reading model', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sdk-reading-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function sdkRead(text: string, index: number): Promise<Record<string, Record<string, string> | undefined>> {
    const file = path.join(dir, `config-${String(index)}`);
    await writeFile(file, text);
    const { configFile } = await loadSharedConfigFiles({ configFilepath: file, filepath: path.join(dir, 'no-credentials'), ignoreCache: true });
    return configFile as Record<string, Record<string, string> | undefined>;
  }

  it('gives the keys loadSharedConfigFiles gives for every profile and sso-session (property)', async () => {
    // No lone CR: the SDK only splits lines at LF.
    const files = [
      '[default]\nregion = a\n[profile default]\noutput = json\n',
      '[default]\nregion = a\n[profile default]\n',
      '[profile dev]\ns3 =\n  max = 1\n  style = path\nregion = x\n[profile dev]\nregion = y\n',
      '[profile dev]\ns3 =\n  max = 1\nnext = 2\n  indented = 3\n',
      "[profile 'dev'] # c\nk = v ; c\nj = w;x\n[profile  dev]\nk = other\n",
      '[sso-session corp]\nsso_region = us-east-1\n[services corp]\nk = v\n[corp]\nk = w\n',
      'k = before any header\n[profile dev]\n=no key\nk=v=w\n',
      '[profile dev]\n  =\n  x = 1\ns3 =\n  = 2\n  y = 3\n',
      ...fc.sample(configFileArbitrary({ invalidLines: true, defaultSection: true }), { numRuns: 250, seed: 314 }),
    ];
    for (const [index, text] of files.entries()) {
      const sdk = await sdkRead(text, index);
      const doc = parseIni(text);
      for (const name of NAMES) {
        assert.deepEqual(Object.fromEntries(sdkSectionValues(doc, { kind: 'profile', name })), sdk[name] ?? {}, `profile ${name} in ${JSON.stringify(text)}`);
        assert.deepEqual(Object.fromEntries(sdkSectionValues(doc, { kind: 'sso-session', name })), sdk[`sso-session.${name}`] ?? {}, `sso-session ${name} in ${JSON.stringify(text)}`);
      }
    }
  });

  it('reads a header line the way the SDK does', () => {
    assert.deepEqual(sdkSectionIdentity("[profile 'dev']"), { kind: 'profile', name: 'dev' });
    assert.deepEqual(sdkSectionIdentity('[profile "dev\']'), { kind: 'other', name: 'profile "dev\'' }, 'mismatched quotes');
    assert.deepEqual(sdkSectionIdentity('[profile a-b_c@d+e.f%g:h/i]'), { kind: 'profile', name: 'a-b_c@d+e.f%g:h/i' });
    assert.deepEqual(sdkSectionIdentity('[profile a b]'), { kind: 'other', name: 'profile a b' });
    assert.deepEqual(sdkSectionIdentity('[profile\tdev]'), { kind: 'profile', name: 'dev' }, 'any one blank');
    assert.deepEqual(sdkSectionIdentity('[services s3]'), { kind: 'services', name: 's3' });
    assert.deepEqual(sdkSectionIdentity('[plugins x]'), { kind: 'other', name: 'plugins x' });
    assert.deepEqual(sdkSectionIdentity('[ profile dev ]'), { kind: 'other', name: ' profile dev ' });
    assert.deepEqual(sdkSectionIdentity('[default];x'), undefined, 'a ; comment needs a blank before it');
    assert.deepEqual(sdkSectionIdentity('[default]\t;x'), { kind: 'profile', name: 'default' });
    assert.equal(sdkSectionIdentity('#[default]'), undefined);
    assert.equal(sdkSectionIdentity('[]x'), undefined);
    assert.deepEqual(sdkSectionIdentity('[]'), { kind: 'other', name: '' });
    assert.equal(sdkSectionIdentity('x]'), undefined);
  });

  it('tracks the section and an open sub-section line by line', () => {
    const doc = parseIni(['k =', '[profile dev]', 's3 =', '  max = 1', 'next = 2', '  s3x =', '  deeper = 3', '[other x]', 'a =', '= 1', 'b = 2', '  =', '=', '# c =', 'd = ;x'].join('\n'));
    const at = (line: number) => {
      const state = sdkStateAfter(doc, line);
      return [state.section?.kind, state.section?.name, state.subsectionOpen];
    };
    assert.deepEqual(at(0), [undefined, undefined, false], 'no section, so no sub-section, before the first header');
    assert.deepEqual(at(1), ['profile', 'dev', false]);
    assert.deepEqual(at(2), ['profile', 'dev', true]);
    assert.deepEqual(at(3), ['profile', 'dev', true], 'an indented key stays in the sub-section');
    assert.deepEqual(at(4), ['profile', 'dev', false], 'an unindented key closes it');
    assert.deepEqual(at(5), ['profile', 'dev', true]);
    assert.deepEqual(at(7), ['other', 'other x', false], 'a header closes it');
    assert.deepEqual(at(8), ['other', 'other x', true]);
    assert.deepEqual(at(9), at(8), 'a line without a key changes nothing');
    assert.deepEqual(at(10), ['other', 'other x', false]);
    assert.deepEqual(at(12), at(10), 'nor does an empty one, indented or not');
    assert.deepEqual(at(13), at(10), 'nor a comment line');
    assert.deepEqual(at(14), ['other', 'other x', true], 'a comment after a blank is cut off');
    assert.deepEqual(at(99), at(14), 'past the end: the state after the last line');
  });
});
