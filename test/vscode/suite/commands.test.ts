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

  it('registers no command of its own that package.json does not contribute, except internal ones', async () => {
    const contributed = new Set(contributedCommands(extension().extensionPath).map((entry) => entry.command));
    const ours = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('bedrockOnboarding.'));
    assert.ok(ours.includes('bedrockOnboarding.setUp'), 'the extension registered its commands');
    const hidden = ours.filter((id) => !contributed.has(id) && !id.startsWith('bedrockOnboarding.internal.'));
    assert.deepEqual(hidden, [], `registered but neither contributed nor internal: ${hidden.join(', ')}`);
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

  it('"Show Log" opens the extension\'s output channel', async () => {
    const isOurLog = (document: vscode.TextDocument): boolean => document.uri.scheme === 'output' && document.uri.toString(true).includes('Claude Code on Bedrock');
    const opened = new Promise<vscode.TextDocument>((resolve) => {
      const found = vscode.workspace.textDocuments.find(isOurLog);
      if (found) {
        resolve(found);
        return;
      }
      const listener = vscode.workspace.onDidOpenTextDocument((document) => {
        if (!isOurLog(document)) return;
        listener.dispose();
        resolve(document);
      });
    });
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('bedrockOnboarding.showLog');
    const document = await opened;
    assert.equal(document.uri.scheme, 'output');
  });
});
