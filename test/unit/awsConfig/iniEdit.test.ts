import assert from 'node:assert/strict';
import { writeSectionValues, type KeyWrite, type SectionTarget } from '../../../src/core/awsConfig/iniEdit';

const X: SectionTarget = { kind: 'profile', name: 'x' };

function write(...pairs: [string, string][]): KeyWrite[] {
  return pairs.map(([key, value]) => ({ key, value }));
}

describe('writeSectionValues', () => {
  describe('new and key-less sections', () => {
    it('appends a missing section in the format aws configure writes, reporting every key as added', () => {
      assert.deepEqual(writeSectionValues('', X, write(['region', 'v1'])), {
        text: '[profile x]\nregion = v1\n',
        action: 'added',
        header: 'profile x',
        added: ['region'],
        updated: [],
        unchanged: [],
        removedDuplicates: [],
      });
    });

    it('puts keys right after a lone header and ends the line the file did not end', () => {
      const edit = writeSectionValues('[profile x]', X, write(['region', 'v1']));
      assert.equal(edit.text, '[profile x]\nregion = v1\n');
      assert.equal(edit.action, 'updated');
      assert.deepEqual(edit.added, ['region']);
    });

    it('puts keys before trailing blank lines of a key-less section', () => {
      assert.equal(writeSectionValues('[profile x]\n\t', X, write(['region', 'v1'])).text, '[profile x]\nregion = v1\n\t');
      assert.equal(writeSectionValues(' [profile x]\n\n', X, write(['region', 'v1'])).text, ' [profile x]\nregion = v1\n\n');
    });

    it('indents keys of a key-less section like the next header, so that header stays a header for configparser', () => {
      assert.equal(writeSectionValues('[profile x]\n\t[y]', X, write(['region', 'v1'])).text, '[profile x]\n\tregion = v1\n\t[y]');
    });

    it('puts keys after a rejected line of a key-less section, not before it', () => {
      assert.equal(writeSectionValues('[profile x]\ngarbage', X, write(['region', 'v1'])).text, '[profile x]\ngarbage\nregion = v1\n');
    });

    it('puts keys of a section holding only comments right under its header, not into the section before', () => {
      const edit = writeSectionValues('[profile y]\nregion = v0\n[profile x]\n# c\n', X, write(['region', 'v1']));
      assert.equal(edit.text, '[profile y]\nregion = v0\n[profile x]\nregion = v1\n# c\n');
    });
  });

  describe('existing keys', () => {
    it('rewrites a changed value in place and leaves a file whose values already match byte for byte', () => {
      const changed = writeSectionValues('[profile x]\noutput = v1', X, write(['output', 'v2']));
      assert.equal(changed.text, '[profile x]\noutput = v2');
      assert.deepEqual(changed.updated, [{ key: 'output', previous: 'v1', value: 'v2' }]);
      assert.equal(changed.action, 'updated');

      const same = writeSectionValues('[profile x]\r\noutput =   v1\r\n', X, write(['output', 'v1']));
      assert.equal(same.text, '[profile x]\r\noutput =   v1\r\n');
      assert.equal(same.action, 'unchanged');
      assert.deepEqual(same.unchanged, ['output']);
    });

    it('rewrites a key the CLI reads case-insensitively but the JavaScript SDK does not, even when the value matches', () => {
      const edit = writeSectionValues('[profile x]\nRegion = v2', X, write(['region', 'v2']));
      assert.equal(edit.text, '[profile x]\nregion = v2');
      assert.deepEqual(edit.updated, [{ key: 'region', previous: 'v2', value: 'v2' }]);
    });

    it('keeps a value the CLI reads as starting with # as a comment line above the rewritten key', () => {
      const edit = writeSectionValues('[profile x]\noutput=#x', X, write(['output', 'v1']));
      assert.equal(edit.text, '[profile x]\n#x\noutput = v1');
      assert.deepEqual(edit.updated, [{ key: 'output', previous: '#x', value: 'v1' }]);
    });

    it('removes earlier copies of a key the CLI would refuse, even when the kept value is already right', () => {
      const edit = writeSectionValues('[profile x]\nregion = v1\nregion = v1\n', X, write(['region', 'v1']));
      assert.equal(edit.text, '[profile x]\nregion = v1\n');
      assert.equal(edit.action, 'updated');
      assert.deepEqual(edit.removedDuplicates, ['region']);
      assert.deepEqual(edit.unchanged, ['region']);
    });

    it('writes a value continued on indented lines as one line even when the caller deems it the same', () => {
      const sameScopes = (existing: string) =>
        existing
          .split(',')
          .map((scope) => scope.trim())
          .filter(Boolean)
          .join(',') === 'a,b';
      const edit = writeSectionValues('[sso-session x]\nsso_registration_scopes = a,b\n  ,\n', { kind: 'sso-session', name: 'x' }, [{ key: 'sso_registration_scopes', value: 'a,b', sameAs: sameScopes }]);
      assert.equal(edit.text, '[sso-session x]\nsso_registration_scopes = a,b\n');
      assert.deepEqual(edit.updated, [{ key: 'sso_registration_scopes', previous: 'a,b\n,', value: 'a,b' }]);
    });

    it("drops an updated key's continuation lines, and new keys then follow the key with its own line ending", () => {
      const edit = writeSectionValues('[profile x]\r\nregion = v1\n  a = b', X, write(['output', 'v1'], ['region', 'v1']));
      assert.equal(edit.text, '[profile x]\r\nregion = v1\noutput = v1\r\n');
      assert.deepEqual(edit.updated, [{ key: 'region', previous: 'v1\na = b', value: 'v1' }]);
      assert.deepEqual(edit.added, ['output']);
    });

    it("gives inserted lines the file's dominant line ending and leaves the line they follow as it was", () => {
      const edit = writeSectionValues('[a]\r\nk = v\r\nk2 = v\r\n[profile x]\nregion = v0\n', X, write(['output', 'v1']));
      assert.equal(edit.text, '[a]\r\nk = v\r\nk2 = v\r\n[profile x]\nregion = v0\noutput = v1\r\n');
    });
  });

  describe('where the JavaScript SDK reads lines differently', () => {
    it('moves a key the SDK reads as part of an `s3 =`-style sub-section to where both readers see it', () => {
      const edit = writeSectionValues('[profile y]\n\tregion = \n output = v1', { kind: 'profile', name: 'y' }, write(['output', 'v1']));
      assert.equal(edit.text, '[profile y]\n\toutput = v1\n\tregion = \n');
      assert.deepEqual(edit.updated, [{ key: 'output', previous: 'v1', value: 'v1' }]);
      assert.equal(edit.ambiguousHeader, undefined);
    });

    it("leaves a moved key's inline comment where it was, as a comment line", () => {
      const edit = writeSectionValues('[profile y]\n\tregion = \n output = v1 # c', { kind: 'profile', name: 'y' }, write(['output', 'v1']));
      assert.equal(edit.text, '[profile y]\n\toutput = v1\n\tregion = \n # c');
    });

    it('inserts a new key after the header rather than after a key that opens a sub-section', () => {
      const edit = writeSectionValues('[profile x]\n region = ', X, write(['output', 'v1']));
      assert.equal(edit.text, '[profile x]\n output = v1\n region = ');
      assert.deepEqual(edit.added, ['output']);
    });

    it('inserts new keys before a continuation line the SDK reads as a header', () => {
      const edit = writeSectionValues('[profile x]\nregion = v1\n [y]', X, write(['output', 'v1'], ['region', 'v1']));
      assert.equal(edit.text, '[profile x]\noutput = v1\nregion = v1\n');
    });

    it('flags the edit as ambiguous when no place suits both readers', () => {
      const edit = writeSectionValues('[profile x]\ngarbage\n  region = ', X, write(['s3', 'v1']));
      assert.equal(edit.text, '[profile x]\ngarbage\n  region = \n  s3 = v1\n');
      assert.equal(edit.ambiguousHeader, 'profile x');
    });

    it('repeats the edit until it is stable when dropping continuation lines changes what the SDK reads', () => {
      const text = '[profile x]\nregion = v1\n  [y]\noutput = v1\n [profile x]';
      const edit = writeSectionValues(text, X, write(['output', 'v1']));
      assert.equal(edit.text, '[profile x]\noutput = v1\nregion = v1\n  [y]\n');
      assert.deepEqual(edit.updated, [{ key: 'output', previous: 'v1\n[profile x]', value: 'v1' }]);
      assert.equal(edit.ambiguousHeader, undefined);
      assert.equal(writeSectionValues(edit.text, X, write(['output', 'v1'])).action, 'unchanged');
    });

    it('does not indent a new key deeper than a rejected line before it, which would make it a continuation', () => {
      const edit = writeSectionValues('[profile x]\n\tregion = v1\ngarbage\n  region = v1', X, write(['s3', 'v1']));
      assert.equal(edit.text, '[profile x]\n\tregion = v1\ngarbage\n  region = v1\ns3 = v1\n');
    });

    it("indents a new key like the key before it when a rejected line's indentation is as deep", () => {
      const edit = writeSectionValues('[profile x]\n\tregion = v1\n garbage\n   more\n', X, write(['s3', 'v1']));
      assert.equal(edit.text, '[profile x]\n\tregion = v1\n garbage\n   more\n\ts3 = v1\n');
    });
  });

  describe('headers', () => {
    it('rewrites a header only the CLI reads as the profile, keeping its comment', () => {
      const edit = writeSectionValues('[profile  x] ; c\n[profile y]', X, write(['region', 'v1']));
      assert.equal(edit.text, '[profile x] ; c\nregion = v1\n[profile y]');
      assert.deepEqual(edit.headerRewritten, { from: '[profile  x] ; c', to: '[profile x] ; c' });
      assert.equal(edit.header, 'profile x');
      assert.equal(edit.ambiguousHeader, undefined);
    });

    it('drops text after the closing bracket that is no comment when rewriting a header', () => {
      const edit = writeSectionValues('[profile x]x #c', X, write(['region', 'v1']));
      assert.equal(edit.text, '[profile x]\nregion = v1\n');
      assert.deepEqual(edit.headerRewritten, { from: '[profile x]x #c', to: '[profile x]' });
    });

    it('counts a rewritten header as a change even when every key already matches', () => {
      const edit = writeSectionValues('[profile  x]\nregion = v1\n', X, write(['region', 'v1']));
      assert.equal(edit.text, '[profile x]\nregion = v1\n');
      assert.equal(edit.action, 'updated');
      assert.deepEqual(edit.unchanged, ['region']);
    });

    it('does not rewrite a header into a copy of one that exists, and flags the edit as ambiguous', () => {
      const edit = writeSectionValues('[profile x]\n[profile  x] x', X, write(['region', 'v1']));
      assert.equal(edit.text, '[profile x]\n[profile  x] x\nregion = v1\n');
      assert.equal(edit.header, 'profile  x');
      assert.equal(edit.ambiguousHeader, 'profile  x');
      assert.equal(edit.headerRewritten, undefined);
    });

    it('edits the header the CLI reads last by first appearance, even when an earlier header has a later copy', () => {
      const edit = writeSectionValues('[profile x]\n[profile  x] ; c\n[profile x]', X, write(['region', 'v1']));
      assert.equal(edit.text, '[profile x]\n[profile  x] ; c\nregion = v1\n[profile x]');
      assert.equal(edit.header, 'profile  x');
    });

    it('flags the edit as ambiguous when the SDK reads the value from another copy of the section', () => {
      const edit = writeSectionValues('[profile "x"]\n[profile x]\n[profile "x"]\nregion = v2', X, write(['output', 'json'], ['region', 'v1']));
      assert.equal(edit.text, '[profile "x"]\n[profile x]\noutput = json\nregion = v1\n[profile "x"]\nregion = v2');
      assert.equal(edit.ambiguousHeader, 'profile x');
    });

    it('does not flag an edit whose values both readers read back', () => {
      const edit = writeSectionValues('[profile x]\nregion = v1\n# note\n[profile y]\nregion = v1\n', X, write(['region', 'v1'], ['output', 'json']));
      assert.equal(edit.text, '[profile x]\nregion = v1\noutput = json\n# note\n[profile y]\nregion = v1\n');
      assert.equal('ambiguousHeader' in edit, false);
      assert.equal('headerRewritten' in edit, false);
    });
  });
});
