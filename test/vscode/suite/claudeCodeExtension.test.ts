import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

// Claude Code's real VS Code extension is not available on these machines: the extension
// host runs a stand-in with its id (test/vscode/standIns/claude-code), which contributes
// the real one's open command and counts its calls.
describe('Claude Code\'s VS Code extension (stand-in with the id anthropic.claude-code)', () => {
  it('is found, and "Open Claude Code" opens a session in it instead of a terminal', async () => {
    assert.ok(vscode.extensions.getExtension('anthropic.claude-code'), 'the stand-in is installed');
    const terminalsBefore = vscode.window.terminals.length;
    await vscode.commands.executeCommand('bedrockOnboarding.openClaudeCode');
    assert.equal(await vscode.commands.executeCommand<number>('claudeCodeStandIn.openedCount'), 1, 'its open command ran once');
    assert.equal(vscode.window.terminals.length, terminalsBefore, 'no terminal was opened');
  });
});
