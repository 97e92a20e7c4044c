import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contributedCommands, EXTENSION_ID } from './manifest';

describe('contributed commands', () => {
  const extension = (): vscode.Extension<unknown> => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not loaded`);
    return found;
  };

  before(async () => {
    await extension().activate();
  });

  it('package.json contributes at least one command', () => {
    assert.ok(contributedCommands(extension().extensionPath).length > 0);
  });

  it('registers every command package.json contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributedCommands(extension().extensionPath).map((entry) => entry.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('puts every contributed command in the "Claude Bedrock" category with a title', () => {
    for (const entry of contributedCommands(extension().extensionPath)) {
      assert.equal(entry.category, 'Claude Bedrock', `${entry.command} has category ${String(entry.category)}`);
      assert.doesNotMatch(entry.title, /^%.*%$/, `${entry.command} has no title in package.nls.json`);
    }
  });

  it('runs "Show Log" without error', async () => {
    await vscode.commands.executeCommand('bedrockOnboarding.showLog');
  });
});
