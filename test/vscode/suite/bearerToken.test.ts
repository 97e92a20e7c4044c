import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './manifest';

interface Finding {
  readonly file?: string;
  readonly line?: number;
  readonly commented: boolean;
}

describe('Check for Bedrock API Keys', () => {
  const bashrc = path.join(homedir(), '.bashrc');
  const token = 'ABSKZXh0ZW5zaW9uLWhvc3QtZmFrZS10b2tlbg';

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });
  afterEach(async () => {
    await fs.rm(bashrc, { force: true });
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

  it('reports nothing once the line is commented out', async () => {
    await fs.writeFile(bashrc, `# export AWS_BEARER_TOKEN_BEDROCK=${token}\n`);
    const findings = await vscode.commands.executeCommand<readonly Finding[]>('bedrockOnboarding.checkBearerToken');
    assert.deepEqual(findings, []);
  });
});
