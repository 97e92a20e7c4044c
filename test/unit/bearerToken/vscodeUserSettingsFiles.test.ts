import assert from 'node:assert/strict';
import { vscodeUserSettingsFiles } from '../../../src/core/bearerToken/vscodeUserSettingsFiles';

describe('vscodeUserSettingsFiles', function () {
  it('lists the user settings of each VS Code-family editor per platform, plus remote-machine and code-server settings', function () {
    const linux = vscodeUserSettingsFiles({ homeDir: '/home/a', env: {}, platform: 'linux' });
    assert.equal(linux[0], '/home/a/.config/Code/User/settings.json');
    assert.ok(linux.includes('/home/a/.vscode-server/data/Machine/settings.json'));
    assert.ok(linux.includes('/home/a/.local/share/code-server/User/settings.json'));
    assert.equal(vscodeUserSettingsFiles({ homeDir: '/home/a', env: { XDG_CONFIG_HOME: '/x' }, platform: 'linux' })[0], '/x/Code/User/settings.json');
    assert.equal(vscodeUserSettingsFiles({ homeDir: '/Users/a', env: {}, platform: 'darwin' })[0], '/Users/a/Library/Application Support/Code/User/settings.json');
    assert.equal(
      vscodeUserSettingsFiles({ homeDir: 'C:\\Users\\a', env: { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, platform: 'win32' })[1],
      'C:\\Users\\a\\AppData\\Roaming\\Code - Insiders\\User\\settings.json',
    );
  });

  it('lists every editor, and falls back to the roaming folder and the XDG data folder', function () {
    assert.deepEqual(vscodeUserSettingsFiles({ homeDir: '/home/a', env: { XDG_DATA_HOME: '/data' }, platform: 'linux' }), [
      '/home/a/.config/Code/User/settings.json',
      '/home/a/.config/Code - Insiders/User/settings.json',
      '/home/a/.config/VSCodium/User/settings.json',
      '/home/a/.config/Cursor/User/settings.json',
      '/home/a/.vscode-server/data/Machine/settings.json',
      '/data/code-server/User/settings.json',
    ]);
    assert.equal(vscodeUserSettingsFiles({ homeDir: 'C:\\Users\\a', env: {}, platform: 'win32' })[0], 'C:\\Users\\a\\AppData\\Roaming\\Code\\User\\settings.json');
    assert.equal(vscodeUserSettingsFiles({ homeDir: 'C:\\Users\\a', env: { APPDATA: 'D:\\Roam' }, platform: 'win32' })[0], 'D:\\Roam\\Code\\User\\settings.json');
  });
});
