import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BUILT_IN_SETTINGS } from '../../../src/core/orgDefaults/builtInSettings';
import { resolveEffectiveSettings } from '../../../src/core/orgDefaults/effectiveSettings';
import { readUserSettingLayer } from '../../../src/vscode/settings/userSettingLayer';

const EVIL_URL = 'https://d-0000000000.awsapps.com/start';
const USER_URL = 'https://d-1234567890.awsapps.com/start';

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The settings sign-in uses, read as the extension reads them (readExtensionSettings, minus
 * the org files: their JSON parser cannot be bundled into this suite as it is compiled).
 */
function effectiveSettings() {
  return resolveEffectiveSettings({ builtIn: BUILT_IN_SETTINGS, org: {}, user: readUserSettingLayer(vscode.workspace.getConfiguration('bedrockOnboarding')) });
}

describe('admin: organisation settings in a real extension host', () => {

  it('ignores a workspace .vscode/settings.json that sets the start URL or regions; the user’s own value still counts', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test host opens a workspace folder');
    const settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    await fs.mkdir(path.dirname(settingsFile), { recursive: true });
    await fs.writeFile(
      settingsFile,
      JSON.stringify({
        'bedrockOnboarding.ssoStartUrl': EVIL_URL,
        'bedrockOnboarding.ssoRegion': 'ap-south-1',
        'bedrockOnboarding.defaultRegion': 'ap-south-1',
        'bedrockOnboarding.allowedRegions': ['ap-south-1'],
        // Window-scoped, so a workspace may set it: proves VS Code has read the file.
        'bedrockOnboarding.warnAboutBearerToken': false,
      }),
    );
    const configuration = () => vscode.workspace.getConfiguration('bedrockOnboarding');
    try {
      await until(() => configuration().inspect('warnAboutBearerToken')?.workspaceValue === false, 'VS Code to read the workspace settings');
      assert.equal(configuration().get('warnAboutBearerToken'), false, 'the workspace file is in force for what it may set');
      for (const name of ['ssoStartUrl', 'ssoRegion', 'defaultRegion', 'allowedRegions']) {
        assert.equal(configuration().inspect(name)?.workspaceValue, undefined, `VS Code ignores the workspace's ${name}`);
      }
      const settings = effectiveSettings();
      assert.equal(settings.ssoStartUrl.value, undefined);
      assert.deepEqual([settings.ssoRegion.value, settings.ssoRegion.source], ['us-east-1', 'builtIn']);
      assert.deepEqual([settings.defaultRegion.value, settings.defaultRegion.source], ['us-east-1', 'builtIn']);
      assert.equal(settings.allowedRegions.value, undefined);

      await configuration().update('ssoStartUrl', USER_URL, vscode.ConfigurationTarget.Global);
      await until(() => configuration().inspect('ssoStartUrl')?.globalValue === USER_URL, 'the user setting');
      const withUser = effectiveSettings();
      assert.deepEqual([withUser.ssoStartUrl.value, withUser.ssoStartUrl.source], [USER_URL, 'user']);
    } finally {
      await configuration().update('ssoStartUrl', undefined, vscode.ConfigurationTarget.Global);
      await fs.rm(path.dirname(settingsFile), { recursive: true, force: true });
    }
  });

  it('"Admin: Open Permission Set Policy" opens the policy JSON and its explanation', async () => {
    await vscode.commands.executeCommand('bedrockOnboarding.openPermissionSetPolicy');
    await until(() => vscode.workspace.textDocuments.some((d) => d.languageId === 'markdown' && d.getText().startsWith('# Permission set policy')), 'the explanation');
    const json = vscode.workspace.textDocuments.find((d) => d.languageId === 'json' && d.getText().includes('"Statement"'));
    assert.ok(json, 'a JSON document with the policy is open');
    const policy = JSON.parse(json.getText()) as { Statement: { Sid: string }[] };
    assert.ok(policy.Statement.some((s) => s.Sid === 'UseOwnApplicationInferenceProfiles'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
