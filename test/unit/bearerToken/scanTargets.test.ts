import assert from 'node:assert/strict';
import * as path from 'node:path';
import { listScanTargets } from '../../../src/core/bearerToken/scanTargets';
import { makeTempHome, testEnvironment } from '../../support/tempHome';
import { writeFiles } from './bearerTokenFixtures';

describe('bearer token scan targets (temp home)', function () {
  let home: string;
  let removeHome: () => Promise<void>;

  beforeEach(async function () {
    ({ home, remove: removeHome } = await makeTempHome());
  });
  afterEach(async function () {
    await removeHome();
  });

  it('on Windows also lists the managed settings file older Claude Code releases read', async function () {
    const environment = { ...testEnvironment(home), platform: 'win32' as const };
    const targets = await listScanTargets({ environment, workspaceFolders: [], vscodeSettingsFiles: [] });
    const legacy = targets.find((target) => target.file === path.win32.join('C:\\ProgramData\\ClaudeCode', 'managed-settings.json'));
    assert.deepEqual(legacy, {
      file: 'C:\\ProgramData\\ClaudeCode\\managed-settings.json',
      format: 'managed-settings-json',
      kind: 'managed-settings',
      source: 'Claude Code managed settings (location read by older Claude Code releases)',
    });
  });

  it('finds PowerShell profiles under a OneDrive folder named by the upper-case ONEDRIVE variable', async function () {
    const oneDrive = path.join(home, 'OneDrive - Example');
    await writeFiles(oneDrive, { 'Documents/PowerShell/Microsoft.PowerShell_profile.ps1': '' });
    const targets = await listScanTargets({
      environment: testEnvironment(home, { env: { ONEDRIVE: oneDrive } }),
      workspaceFolders: [],
      vscodeSettingsFiles: [],
      managedSettingsDirectory: path.join(home, 'managed'),
    });
    assert.ok(targets.some((target) => target.file === path.join(oneDrive, 'Documents', 'PowerShell', 'Microsoft.PowerShell_profile.ps1')));
  });

  it('lists a file named twice (the same workspace folder, the same VS Code settings file) once', async function () {
    const workspace = path.join(home, 'ws');
    const userSettings = path.join(home, 'Code', 'User', 'settings.json');
    const targets = await listScanTargets({
      environment: testEnvironment(home),
      workspaceFolders: [workspace, `${workspace}${path.sep}`],
      vscodeSettingsFiles: [userSettings, userSettings],
      managedSettingsDirectory: path.join(home, 'managed'),
    });
    const files = targets.map((target) => path.resolve(target.file));
    assert.deepEqual(files, [...new Set(files)]);
    assert.equal(files.filter((file) => file === path.join(workspace, '.env')).length, 1);
    assert.equal(files.filter((file) => file === userSettings).length, 1);
  });

  it('lists the files of a snippet directory in one fixed order, not the order the file system returns them in', async function () {
    // libuv already returns names in byte (code point) order; UTF-16 order differs for a name
    // beyond the BMP against one from U+E000 on, so only an explicit sort gives this order everywhere.
    const names = ['b.fish', '\u{1F600}.fish', '\uFF71.fish', 'a.fish'];
    await writeFiles(home, Object.fromEntries(names.map((name) => [`.config/fish/conf.d/${name}`, ''])));
    const targets = await listScanTargets({ environment: testEnvironment(home), workspaceFolders: [], vscodeSettingsFiles: [], managedSettingsDirectory: path.join(home, 'managed') });
    const snippets = targets.filter((target) => target.source === 'fish configuration snippet').map((target) => path.basename(target.file));
    assert.deepEqual(snippets, ['a.fish', 'b.fish', '\u{1F600}.fish', '\uFF71.fish']);
  });
});
