import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BedrockOnboardingApi } from '../../../../src/vscode/extension';
import type { StatusBarSnapshot } from '../../../../src/vscode/statusBar/statusBarController';
import { EXTENSION_ID } from '../manifest';

/** Polls the status bar item (through the API activate returns) until it shows what the test waits for. */
export async function statusBarWhen(predicate: (snapshot: StatusBarSnapshot) => boolean, what: string, timeoutMs = 10_000): Promise<StatusBarSnapshot> {
  const api = vscode.extensions.getExtension<BedrockOnboardingApi>(EXTENSION_ID)?.exports;
  assert.ok(api, 'the extension returns no API from activate');
  const deadline = Date.now() + timeoutMs;
  let snapshot = api.statusBarSnapshot();
  while (!predicate(snapshot)) {
    if (Date.now() > deadline) assert.fail(`the status bar never showed ${what}; it shows ${JSON.stringify(snapshot)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    snapshot = api.statusBarSnapshot();
  }
  return snapshot;
}
