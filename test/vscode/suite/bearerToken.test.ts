import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StatusBarSnapshot } from '../../../src/vscode/statusBar/statusBarController';
import { EXTENSION_ID } from './manifest';
import { statusBarWhen } from './support/statusBar';

interface Finding {
  readonly file?: string;
  readonly line?: number;
  readonly commented: boolean;
}

const warns = (snapshot: StatusBarSnapshot): boolean => snapshot.text.startsWith('$(warning)');

describe('Check for Bedrock API Keys', () => {
  const bashrc = path.join(homedir(), '.bashrc');
  const token = 'ABSKZXh0ZW5zaW9uLWhvc3QtZmFrZS10b2tlbg';

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });
  afterEach(async () => {
    await fs.rm(bashrc, { force: true });
    await vscode.workspace.getConfiguration('bedrockOnboarding').update('warnAboutBearerToken', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('bedrockOnboarding.checkBearerToken');
  });

  it('finds a token planted in the test home, with file and line, and never returns its value', async () => {
    await fs.writeFile(bashrc, `alias ll='ls -l'\nexport AWS_BEARER_TOKEN_BEDROCK=${token}\n`);
    const findings = await vscode.commands.executeCommand<readonly Finding[]>('bedrockOnboarding.checkBearerToken');
    assert.deepEqual(
      findings.map((finding) => [finding.file, finding.line, finding.commented]),
      [[bashrc, 2, false]],
    );
    assert.ok(!JSON.stringify(findings).includes(token));
  });

  it('returns no place Claude Code reads once the line is commented out (the key left in the comment is only warned about)', async () => {
    await fs.writeFile(bashrc, `# export AWS_BEARER_TOKEN_BEDROCK=${token}\n`);
    const findings = await vscode.commands.executeCommand<readonly Finding[]>('bedrockOnboarding.checkBearerToken');
    assert.deepEqual(findings, []);
  });

  it('puts the status bar item in a warning state while a token is set, even with the startup warning turned off', async () => {
    await vscode.workspace.getConfiguration('bedrockOnboarding').update('warnAboutBearerToken', false, vscode.ConfigurationTarget.Global);
    const before = await statusBarWhen((snapshot) => !warns(snapshot), 'its normal state');
    await fs.writeFile(bashrc, `alias ll='ls -l'\nexport AWS_BEARER_TOKEN_BEDROCK=${token}\n`);
    await vscode.commands.executeCommand('bedrockOnboarding.checkBearerToken');

    const warning = await statusBarWhen(warns, 'the bearer-token warning');
    assert.equal(warning.text, `$(warning) ${before.text}`, 'what the item showed before stays visible');
    assert.equal(warning.backgroundColor, 'statusBarItem.warningBackground');
    assert.equal(warning.command, 'bedrockOnboarding.checkBearerToken');
    // The tooltip is Markdown with the file names escaped; read it as text.
    const firstSection = (warning.tooltip.split('---')[0] ?? '').replace(/\\([^\w\s])/g, '$1').replace(/&nbsp;/g, ' ');
    assert.match(firstSection, /AWS_BEARER_TOKEN_BEDROCK overrides your SSO identity/);
    assert.ok(firstSection.includes(`${bashrc}:2 (bash start-up file)`), firstSection);
    assert.match(firstSection, /\(command:bedrockOnboarding\.removeBearerToken\)/);
    assert.match(warning.accessibilityLabel ?? '', /^Warning: AWS_BEARER_TOKEN_BEDROCK overrides your SSO identity; it is set in .*\.bashrc:2/);
    assert.ok(!JSON.stringify(warning).includes(token), 'the status bar shows the value');

    await fs.writeFile(bashrc, `alias ll='ls -l'\n# export AWS_BEARER_TOKEN_BEDROCK=${token}\n`);
    await vscode.commands.executeCommand('bedrockOnboarding.checkBearerToken');
    const cleared = await statusBarWhen((snapshot) => !warns(snapshot), 'the warning cleared');
    assert.equal(cleared.text, before.text);
    assert.equal(cleared.command, before.command);
  });
});
