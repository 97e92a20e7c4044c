import assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  managedClaudeSettingsLocation,
  projectClaudeSettingsPaths,
  resolveClaudeConfigDir,
  userClaudeSettingsPath,
} from '../../../src/core/claudeSettings/claudeSettingsPaths';
import { describeFileError } from '../../../src/core/claudeSettings/fileErrors';
import { DEFAULT_JSON_LAYOUT, detectJsonLayout } from '../../../src/core/claudeSettings/jsonFormatting';
import { isSecretLookingName, maskSecretJsonValues } from '../../../src/core/claudeSettings/secretLookingNames';
import { INVALID_SETTINGS_CODE, parseJsonText, requireSettingsObject, stringAt } from '../../../src/core/claudeSettings/settingsDocument';
import { lineStartOffsets, positionAt } from '../../../src/core/claudeSettings/textPosition';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';

const HOME = path.join(path.sep, 'home', 'dev');

describe('Claude Code settings: paths, layout, positions and messages', () => {
  describe('where the settings live', () => {
    const dir = (value: string | undefined): string => resolveClaudeConfigDir({ homeDir: HOME, env: value === undefined ? {} : { CLAUDE_CONFIG_DIR: value } });

    it('is ~/.claude unless CLAUDE_CONFIG_DIR says otherwise', () => {
      assert.equal(dir(undefined), path.join(HOME, '.claude'));
      assert.equal(dir(''), path.join(HOME, '.claude'));
      assert.equal(dir('   '), path.join(HOME, '.claude'));
      assert.equal(userClaudeSettingsPath({ homeDir: HOME, env: {} }), path.join(HOME, '.claude', 'settings.json'));
    });

    it('takes CLAUDE_CONFIG_DIR trimmed, expands a leading ~ and anchors a relative value at home', () => {
      assert.equal(dir('/srv/claude'), '/srv/claude');
      assert.equal(dir('  /srv/claude \n'), '/srv/claude');
      assert.equal(dir('~'), HOME);
      assert.equal(dir('~/cfg/claude'), path.join(HOME, 'cfg', 'claude'));
      assert.equal(dir('~\\cfg'), path.join(HOME, 'cfg'));
      assert.equal(dir('cfg/claude'), path.join(HOME, 'cfg', 'claude'));
      assert.equal(dir('~other/x'), path.join(HOME, '~other', 'x'), 'another user\'s home is not guessed');
      assert.equal(userClaudeSettingsPath({ homeDir: HOME, env: { CLAUDE_CONFIG_DIR: '/srv/claude' } }), path.join('/srv/claude', 'settings.json'));
    });

    it('puts project settings in .claude of the workspace folder', () => {
      assert.deepEqual(projectClaudeSettingsPaths('/work/repo'), { shared: path.join('/work/repo', '.claude', 'settings.json'), local: path.join('/work/repo', '.claude', 'settings.local.json') });
    });

    it('names each platform\'s managed-settings folder, with the legacy Windows file', () => {
      assert.deepEqual(managedClaudeSettingsLocation('darwin'), {
        directory: '/Library/Application Support/ClaudeCode',
        file: '/Library/Application Support/ClaudeCode/managed-settings.json',
        dropInDirectory: '/Library/Application Support/ClaudeCode/managed-settings.d',
        legacyFiles: [],
      });
      assert.deepEqual(managedClaudeSettingsLocation('linux'), {
        directory: '/etc/claude-code',
        file: '/etc/claude-code/managed-settings.json',
        dropInDirectory: '/etc/claude-code/managed-settings.d',
        legacyFiles: [],
      });
      assert.deepEqual(managedClaudeSettingsLocation('win32'), {
        directory: 'C:\\Program Files\\ClaudeCode',
        file: 'C:\\Program Files\\ClaudeCode\\managed-settings.json',
        dropInDirectory: 'C:\\Program Files\\ClaudeCode\\managed-settings.d',
        legacyFiles: ['C:\\ProgramData\\ClaudeCode\\managed-settings.json'],
      });
      assert.deepEqual(managedClaudeSettingsLocation('win32', { directoryOverride: '/tmp/managed' }), {
        directory: '/tmp/managed',
        file: path.join('/tmp/managed', 'managed-settings.json'),
        dropInDirectory: path.join('/tmp/managed', 'managed-settings.d'),
        legacyFiles: [],
      });
    });
  });

  describe('describeFileError', () => {
    it('says in words why a file operation failed', () => {
      const said = (code: unknown): string => describeFileError(Object.assign(new Error('x'), { code }));
      assert.equal(said('ENOTDIR'), 'part of its path is a file where a folder is expected');
      assert.equal(said('EISDIR'), 'a folder is in the way where the file should be');
      assert.equal(said('EACCES'), 'permission denied');
      assert.equal(said('EPERM'), 'permission denied');
      assert.equal(said('EROFS'), 'the file system is read-only');
      assert.equal(said('ENOSPC'), 'the disk is full');
      assert.equal(said('ELOCKED'), 'another window or process has been writing it for too long');
      assert.equal(said('EMFILE'), 'the system reported EMFILE');
      assert.equal(said(''), 'an unexpected error occurred');
      assert.equal(describeFileError(new Error('no code')), 'an unexpected error occurred');
      assert.equal(describeFileError(null), 'an unexpected error occurred');
      assert.equal(describeFileError('EACCES'), 'an unexpected error occurred');
    });
  });

  describe('detectJsonLayout', () => {
    it('keeps the file\'s indentation unit and line ending', () => {
      assert.deepEqual(detectJsonLayout('{\n    "a": {\n        "b": 1\n    }\n}\n'), { insertSpaces: true, tabSize: 4, eol: '\n' });
      assert.deepEqual(detectJsonLayout('{\r\n  "a": 1\r\n}\r\n'), { insertSpaces: true, tabSize: 2, eol: '\r\n' });
      assert.deepEqual(detectJsonLayout('{\n\t"a": {\n\t\t"b": 1\n\t}\n}\n'), { insertSpaces: false, tabSize: 1, eol: '\n' });
      assert.deepEqual(detectJsonLayout('{\n   "a": 1,\n   "b": 2\n}\n'), { insertSpaces: true, tabSize: 3, eol: '\n' });
    });

    it('goes by the majority between tabs and spaces, ignoring blank and whitespace-only lines', () => {
      assert.deepEqual(detectJsonLayout('{\n\t"a": 1,\n\t"b": 2,\n  "c": 3\n}'), { insertSpaces: false, tabSize: 1, eol: '\n' });
      assert.deepEqual(detectJsonLayout('{\n\t"a": 1,\n  "b": 2,\n  "c": 3\n}'), { insertSpaces: true, tabSize: 2, eol: '\n' });
      assert.deepEqual(detectJsonLayout('{\n\t"a": 1,\n  "b": 2\n}'), { insertSpaces: true, tabSize: 2, eol: '\n' }, 'a tie keeps spaces');
      assert.deepEqual(detectJsonLayout('{\n        \n    "a": 1\n}'), { insertSpaces: true, tabSize: 4, eol: '\n' });
    });

    it('counts a line indented with a tab and then aligned with spaces as tab-indented', () => {
      const aligned = '{\n\t"a": [1,\n\t      2],\n\t"b": [3,\n\t      4]\n}\n';
      assert.deepEqual(detectJsonLayout(aligned), { insertSpaces: false, tabSize: 1, eol: '\n' });
    });

    it('uses Claude Code\'s own layout when nothing is indented, with the file\'s line ending', () => {
      assert.deepEqual(detectJsonLayout('{"a": 1}'), DEFAULT_JSON_LAYOUT);
      assert.deepEqual(detectJsonLayout('{"a": 1}\r\n'), { ...DEFAULT_JSON_LAYOUT, eol: '\r\n' });
    });
  });

  describe('positionAt', () => {
    it('gives 1-based line and column, with a \\r counted on its line', () => {
      const text = 'ab\r\ncd\n\nef';
      assert.deepEqual(lineStartOffsets(text), [0, 4, 7, 8]);
      assert.deepEqual(positionAt(text, 0), { line: 1, column: 1 });
      assert.deepEqual(positionAt(text, 2), { line: 1, column: 3 });
      assert.deepEqual(positionAt(text, 3), { line: 1, column: 4 });
      assert.deepEqual(positionAt(text, 4), { line: 2, column: 1 });
      assert.deepEqual(positionAt(text, 6), { line: 2, column: 3 });
      assert.deepEqual(positionAt(text, 7), { line: 3, column: 1 });
      assert.deepEqual(positionAt(text, 8), { line: 4, column: 1 });
      assert.deepEqual(positionAt(text, 10), { line: 4, column: 3 }, 'the end of the text');
      assert.deepEqual(positionAt('', 0), { line: 1, column: 1 });
    });

    it('finds the line of every offset in a long text', () => {
      const rows = Array.from({ length: 37 }, (_, index) => 'x'.repeat(index % 5));
      const text = rows.join('\n');
      let offset = 0;
      rows.forEach((row, index) => {
        for (let column = 0; column <= row.length; column++) assert.deepEqual(positionAt(text, offset + column), { line: index + 1, column: column + 1 });
        offset += row.length + 1;
      });
    });
  });

  describe('credential-looking names', () => {
    it('are recognised by the words credentials are named with', () => {
      for (const name of ['GITHUB_TOKEN', 'aws_secret_access_key', 'DB_PASSWORD', 'PASSWD', 'GOOGLE_CREDENTIALS', 'OPENAI_API_KEY', 'APIKEY', 'ACCESSKEY', 'ACCESS_KEY_ID', 'ssh_private_key', 'PRIVATEKEY']) {
        assert.equal(isSecretLookingName(name), true, name);
      }
      for (const name of ['EDITOR', 'AWS_PROFILE', 'KEYBOARD', 'API', 'HTTPS_PROXY']) assert.equal(isSecretLookingName(name), false, name);
    });

    it('have their values masked in a JSON line, every one of them, other values kept', () => {
      assert.equal(maskSecretJsonValues('    "GITHUB_TOKEN": "abc123",'), '    "GITHUB_TOKEN": "«redacted»",');
      assert.equal(maskSecretJsonValues('{ "A_TOKEN" : "x\\"y", "EDITOR": "vim", "DB_PASSWORD":"p" }'), '{ "A_TOKEN" : "«redacted»", "EDITOR": "vim", "DB_PASSWORD":"«redacted»" }');
      assert.equal(maskSecretJsonValues('  "EDITOR": "vim"'), '  "EDITOR": "vim"');
      assert.equal(maskSecretJsonValues('  "MY\\"TOKEN": "v"'), '  "MY\\"TOKEN": "«redacted»"', 'an escaped quote in the name');
      assert.equal(maskSecretJsonValues('  "API_KEY": 12345'), '  "API_KEY": 12345', 'only string values are replaced');
      assert.equal(maskSecretJsonValues('  "NOTE": "Authorization: Bearer abcdefghijkl"'), '  "NOTE": "Authorization: Bearer «redacted»"', 'secret shapes in any value');
    });
  });

  describe('reading a settings file as JSON', () => {
    const refusal = (text: string): string => {
      try {
        requireSettingsObject(text, '/home/dev/.claude/settings.json');
      } catch (error) {
        assert.ok(isUserFacingError(error));
        assert.equal(error.code, INVALID_SETTINGS_CODE);
        return error.message;
      }
      assert.fail('expected a refusal');
    };

    it('names the first problem in words with its line and column, and says the file was left alone', () => {
      assert.equal(
        refusal('{\n  "a": 1,\n  "b" 2\n}'),
        '/home/dev/.claude/settings.json is not valid JSON: a colon is expected at line 3, column 7. The file was left as it is; correct it in an editor (or move it aside) and try again.',
      );
      assert.match(refusal('{\n  "a": 1\n  "b": 2\n}'), /: a comma is expected at line 3, column 3\./);
      assert.match(refusal('{ "a": "x'), /: a string is not closed at line 1, column 8\./);
      assert.match(refusal('{ "a": 1 } 2'), /: unexpected text after the end of the JSON value at line 1, column 12\./);
      assert.match(refusal('{ 1: 2 }'), /: a property name in double quotes is expected at line 1, column 3\./);
      assert.match(refusal('{ "a": }'), /: a value is expected at line 1, column 8\./);
      assert.match(refusal('{ "a": 1'), /: a closing \} is expected at line 1, column 9\./);
      assert.match(refusal('{ "a": [1, 2'), /: a closing \] is expected at line 1, column 13\./);
      assert.match(refusal('{ "a": 1e+ }'), /: a number that is not complete at line 1, column 8\./);
      assert.match(refusal('{ "a": "\\u12zz" }'), /: an invalid \\u escape in a string at line 1, column 8\./);
      assert.match(refusal('{ "a": 1 /* x }'), /: a comment is not closed at line/);
      assert.match(refusal('{ "a": "\\q" }'), /: an invalid escape sequence in a string at line/);
      assert.match(refusal('{ "a": "\u0001" }'), /: a character that is not allowed in a string at line/);
      assert.match(refusal('{ "a": @ }'), /: an unexpected character at line/);
    });

    it('accepts comments and trailing commas, and refuses a top level or env that is not an object', () => {
      const parsed = requireSettingsObject('// mine\n{ "env": { "A": "1", }, /* x */ }\n', 'f');
      assert.equal(parsed.env?.type, 'object');
      assert.equal(requireSettingsObject('{ "theme": "dark" }', 'f').env, undefined);
      assert.equal(
        refusal('[1, 2]'),
        '/home/dev/.claude/settings.json does not hold a JSON object ({ ... }) at the top level, so Claude Code settings cannot be added to it. The file was left as it is; correct it in an editor (or move it aside) and try again.',
      );
      assert.equal(
        refusal('{\n  "theme": "dark",\n  "env": "AWS_PROFILE=x"\n}'),
        'In /home/dev/.claude/settings.json, "env" (line 3, column 10) is not a JSON object, so Claude Code environment variables cannot be added to it. The file was left as it is; make "env" an object like { "NAME": "value" } and try again.',
      );
      assert.match(refusal('{ "env": null }'), /"env" \(line 1, column 10\) is not a JSON object/);
    });

    it('reads string values only, and tolerates empty text', () => {
      const { root } = parseJsonText('{ "a": "x", "b": 1, "c": { "d": "y" } }');
      assert.ok(root);
      assert.equal(stringAt(root, ['a']), 'x');
      assert.equal(stringAt(root, ['b']), undefined);
      assert.equal(stringAt(root, ['c', 'd']), 'y');
      assert.equal(stringAt(root, ['missing']), undefined);
      assert.deepEqual(parseJsonText('').errors, []);
    });
  });
});
