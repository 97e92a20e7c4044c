import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './manifest';

interface CheckLike {
  readonly id: string;
  readonly status: string;
  readonly fix?: { readonly command?: string };
}

describe('Check Setup', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  it('opens the report and lists every check, with a failing one carrying its fix', async function () {
    this.timeout(60_000);
    const checks = (await vscode.commands.executeCommand<CheckLike[] | undefined>('bedrockOnboarding.checkSetup')) ?? [];
    assert.equal(checks.length, 12, JSON.stringify(checks));
    const failing = checks.filter((check) => check.status === 'fail');
    assert.ok(failing.length > 0, 'the test host is not fully set up, so something must fail');
    assert.ok(failing.some((check) => check.fix !== undefined));
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputWebview, 'the report is shown in a webview');
  });
});
