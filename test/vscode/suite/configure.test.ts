import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionReport } from '../../../src/core/connection/testConnection';
import type { Emulator } from '../../emulator/server';
import type { World } from '../../emulator/world';
import { profileId } from '../../unit/discovery/worldBuilders';
import { startSuiteEmulator, writeSignedInHome, type SuiteEmulator } from './support/emulatorForSuite';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Configure Claude Code and Test Connection in the real extension host, against the
 * emulator on 127.0.0.1: alice is signed in (a cached SSO token and an `[profile
 * claude-code]` in the throw-away home), the diff's confirmation and the probe question
 * are answered by replacing the two window functions that would wait for a click.
 */
describe('Configure Claude Code and Test Connection (extension host, emulator)', function () {
  this.timeout(60_000);
  let suite: SuiteEmulator;
  let world: World;
  let emulator: Emulator;
  const window = vscode.window as Mutable<typeof vscode.window>;
  const original = { info: window.showInformationMessage, pick: window.showQuickPick };
  const modalQuestions: string[] = [];
  const picks: string[] = [];

  before(async () => {
    suite = await startSuiteEmulator();
    ({ world, emulator } = suite);
    writeSignedInHome(suite);

    window.showInformationMessage = (message: string, ...rest: unknown[]): Promise<unknown> => {
      const [options, ...items] = rest;
      if (typeof options === 'object' && options !== null && 'modal' in options && options.modal === true) {
        modalQuestions.push(message);
        return Promise.resolve(items[0]);
      }
      return Promise.resolve(undefined);
    };
    window.showQuickPick = ((items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) =>
      Promise.resolve(items).then((list) => {
        const readOnly = list[1];
        if (readOnly) picks.push(readOnly.label);
        return readOnly;
      })) as unknown as typeof window.showQuickPick;
  });

  after(async () => {
    window.showInformationMessage = original.info;
    window.showQuickPick = original.pick;
    await suite.close();
  });

  it('Configure Claude Code finds alice\'s own profiles, asks before writing, and writes them', async () => {
    await vscode.commands.executeCommand('bedrockOnboarding.configureClaudeCode');
    assert.equal(modalQuestions.length, 1, 'one confirmation after the diff');
    assert.match(modalQuestions[0] ?? '', /settings\.json/);
    const settings = JSON.parse(await fs.readFile(path.join(homedir(), '.claude', 'settings.json'), 'utf8')) as { env: Record<string, string>; awsAuthRefresh: string };
    assert.equal(settings.env['ANTHROPIC_MODEL'], profileId(world, 'claude-sonnet-alice'));
    assert.equal(settings.env['ANTHROPIC_DEFAULT_OPUS_MODEL'], profileId(world, 'claude-opus-alice'));
    assert.equal(settings.env['ANTHROPIC_DEFAULT_HAIKU_MODEL'], profileId(world, 'claude-haiku-alice'));
    assert.equal(settings.env['AWS_PROFILE'], 'claude-code');
    assert.equal(settings.env['AWS_REGION'], 'us-east-1');
    assert.match(settings.awsAuthRefresh, /login --profile claude-code/);
    assert.equal(emulator.requestCount('Converse'), 0, 'no billed call unless opted in');
    const diffShown = vscode.window.tabGroups.all.flatMap((group) => group.tabs).some((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === 'bedrock-onboarding-preview');
    assert.ok(diffShown, 'the current ↔ proposed diff was opened');
  });

  it('Test Connection reads the written settings and reports identity, profile and latency without a billed call', async () => {
    const report = await vscode.commands.executeCommand<ConnectionReport | undefined>('bedrockOnboarding.testConnection');
    assert.ok(report, 'the command returned its report');
    assert.equal(report.ok, true, JSON.stringify(report.steps));
    assert.match(report.identity?.arn ?? '', /\/alice$/);
    assert.equal(report.profile?.name, 'claude-sonnet-alice');
    assert.equal(typeof report.steps.find((s) => s.name === 'inference-profile')?.latencyMs, 'number');
    assert.equal(picks.length, 1, 'asked whether to make the billed call');
    assert.equal(emulator.requestCount('Converse'), 0);
  });
});
