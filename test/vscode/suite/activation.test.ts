import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './manifest';

describe('activation in a real extension host', () => {
  it('finds the extension under development and activates it without error', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded; loaded: ${vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.')).join(', ')}`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('runs as a workspace extension, where Claude Code and its files live', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.equal(extension?.extensionKind, vscode.ExtensionKind.Workspace);
  });

  it("runs against a throw-away home, not the developer's", () => {
    const expected = process.env['BEDROCK_ONBOARDING_TEST_HOME'];
    assert.ok(expected, 'the runner sets BEDROCK_ONBOARDING_TEST_HOME');
    assert.equal(homedir(), expected);
    assert.notEqual(homedir(), process.env['BEDROCK_ONBOARDING_REAL_HOME']);
    const leaked = Object.keys(process.env).filter((name) => name.startsWith('AWS_') || name.startsWith('CLAUDE_') || name.startsWith('ANTHROPIC_'));
    assert.deepEqual(leaked, []);
  });
});
