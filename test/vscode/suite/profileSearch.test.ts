import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { BedrockClient, CreateInferenceProfileCommand } from '@aws-sdk/client-bedrock';
import * as vscode from 'vscode';
import { CURRENT_CLAUDE_SYSTEM_PROFILES } from '../../emulator/catalog';
import type { Emulator } from '../../emulator/server';
import { writeSsoSignIn } from '../../support/ssoSignIn';
import { startSuiteEmulator, type SuiteEmulator } from './support/emulatorForSuite';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What the test answers a quick pick with: the item to accept, or undefined to dismiss it. */
type QuickPickAnswer = (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined;

/**
 * A stand-in for `window.createQuickPick` that records each list shown and accepts the item
 * `answer` chooses, as a click would: the product code sees the same events in the same order.
 */
function scriptedQuickPicks(answer: QuickPickAnswer, shown: (readonly vscode.QuickPickItem[])[]): typeof vscode.window.createQuickPick {
  return (<T extends vscode.QuickPickItem>() => {
    const accept = new vscode.EventEmitter<void>();
    const hide = new vscode.EventEmitter<void>();
    const button = new vscode.EventEmitter<vscode.QuickInputButton>();
    const quickPick = {
      title: undefined as string | undefined,
      placeholder: undefined as string | undefined,
      items: [] as readonly T[],
      activeItems: [] as readonly T[],
      selectedItems: [] as readonly T[],
      matchOnDescription: false,
      matchOnDetail: false,
      ignoreFocusOut: false,
      onDidAccept: accept.event,
      onDidHide: hide.event,
      onDidTriggerButton: button.event,
      buttons: [] as readonly vscode.QuickInputButton[],
      step: undefined as number | undefined,
      totalSteps: undefined as number | undefined,
      show: () => {
        shown.push(quickPick.items);
        const chosen = answer(quickPick.items) as T | undefined;
        setImmediate(() => {
          if (chosen) {
            quickPick.selectedItems = [chosen];
            accept.fire();
          } else {
            hide.fire();
          }
        });
      },
      hide: () => {
        hide.fire();
      },
      dispose: () => {
        accept.dispose();
        hide.dispose();
        button.dispose();
      },
    };
    return quickPick as unknown as vscode.QuickPick<T>;
  });
}

const labels = (items: readonly vscode.QuickPickItem[]): string[] => items.filter((item) => item.kind !== vscode.QuickPickItemKind.Separator).map((item) => item.label);
const SEARCH_AGAIN = /Search again…/;

/** Requests discovery made to Bedrock and STS (the SSO credential exchange is the SDK's). */
function discoveryRequests(emulator: Emulator): number {
  return emulator.requests().filter((r) => r.service === 'bedrock' || r.service === 'sts').length;
}

/**
 * Choose Inference Profile against what discovery remembered: "Search again…" finds a profile
 * the admin added since. Bob signs in, so alice's memory from the other suites plays no part.
 */
describe('Choose Inference Profile: Search again… (extension host, emulator)', function () {
  this.timeout(60_000);
  let suite: SuiteEmulator;
  const window = vscode.window as Mutable<typeof vscode.window>;
  const original = { info: window.showInformationMessage, createQuickPick: window.createQuickPick };
  const shown: (readonly vscode.QuickPickItem[])[] = [];
  let answer: QuickPickAnswer = () => undefined;

  before(async () => {
    suite = await startSuiteEmulator((world) => {
      world.systemProfiles.push(...CURRENT_CLAUDE_SYSTEM_PROFILES.map((profile) => ({ ...profile, regions: [...profile.regions], modelRegions: [...profile.modelRegions] })));
    });
    writeSsoSignIn(homedir(), suite.emulator, 'bob');
    window.showInformationMessage = (_message: string, ...rest: unknown[]): Promise<unknown> => {
      const [options, ...items] = rest;
      const modal = typeof options === 'object' && options !== null && 'modal' in options && options.modal === true;
      return Promise.resolve(modal ? items[0] : undefined);
    };
    window.createQuickPick = scriptedQuickPicks((items) => answer(items), shown);
  });

  after(async () => {
    window.showInformationMessage = original.info;
    window.createQuickPick = original.createQuickPick;
    await suite.close();
  });

  it('the remembered list offers Search again…; choosing it finds the Fable profile the admin added since, and the choice is written', async () => {
    const { emulator } = suite;
    // First run: whatever link answers, bob's own profile is chosen and remembered.
    answer = (items) => items.find((item) => item.label === 'claude-sonnet-bob');
    await vscode.commands.executeCommand('bedrockOnboarding.chooseInferenceProfile');
    assert.ok(shown.length >= 1);

    // The admin adds a Fable profile for bob, named and tagged like the world's others.
    const admin = emulator.issueRoleCredentials('dana');
    const bedrock = new BedrockClient({ region: 'us-east-1', credentials: { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey, sessionToken: admin.sessionToken } });
    const created = await bedrock.send(
      new CreateInferenceProfileCommand({
        inferenceProfileName: 'claude-fable-bob',
        modelSource: { copyFrom: 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-fable-5-2' },
        tags: [{ key: 'DeveloperId', value: 'bob' }, { key: 'Team', value: 'data' }],
      }),
    );
    bedrock.destroy();
    const fableArn = created.inferenceProfileArn ?? '';

    shown.length = 0;
    emulator.resetRequests();
    let listingsBeforeSearchAgain = -1;
    answer = (items) => {
      if (shown.length === 1) {
        listingsBeforeSearchAgain = emulator.requestCount('ListInferenceProfiles');
        return items.find((item) => SEARCH_AGAIN.test(item.label));
      }
      return items.find((item) => item.label === 'claude-fable-bob');
    };
    await vscode.commands.executeCommand('bedrockOnboarding.chooseInferenceProfile');

    assert.equal(shown.length, 2, 'the remembered list, then the list searched afresh');
    const [remembered = [], fresh = []] = shown.map(labels);
    assert.deepEqual(remembered.filter((label) => !SEARCH_AGAIN.test(label) && !label.includes('Paste')), ['claude-sonnet-bob'], 'the remembered profile only');
    assert.ok(remembered.some((label) => SEARCH_AGAIN.test(label)), 'Search again… is offered for remembered profiles');
    assert.equal(listingsBeforeSearchAgain, 0, 'the remembered list was re-checked, not searched');
    assert.ok(fresh.includes('claude-fable-bob'), `the new profile is found: ${fresh.join(', ')}`);
    assert.ok(fresh.includes('claude-sonnet-bob'));
    assert.ok(!fresh.some((label) => SEARCH_AGAIN.test(label)), 'a fresh search offers no second search');
    assert.ok(emulator.requestCount('ListInferenceProfiles') >= 1, 'Search again… listed the account');

    const settings = JSON.parse(await fs.readFile(path.join(homedir(), '.claude', 'settings.json'), 'utf8')) as { env: Record<string, string> };
    assert.equal(settings.env['ANTHROPIC_MODEL'], fableArn);
    assert.equal(settings.env['ANTHROPIC_DEFAULT_FABLE_MODEL'], fableArn);

    // The fresh result replaced the memory: the next run lists both from memory, with no listing.
    shown.length = 0;
    emulator.resetRequests();
    answer = () => undefined;
    await vscode.commands.executeCommand('bedrockOnboarding.chooseInferenceProfile');
    const [next = []] = shown.map(labels);
    assert.ok(next.includes('claude-fable-bob') && next.some((label) => SEARCH_AGAIN.test(label)), next.join(', '));
    assert.equal(emulator.requestCount('ListInferenceProfiles'), 0);
    assert.ok(discoveryRequests(emulator) <= 2 + 1, `one Get per remembered profile + GetCallerIdentity, was ${String(discoveryRequests(emulator))}`);
  });
});

const OTHER_DEVELOPERS = 600;

/**
 * The full examination in a real notification: erin's profiles follow no naming convention
 * (she has none yet, and nothing is remembered for her), so every listed profile is judged,
 * paced under the emulator's default Bedrock quotas. `withProgress` is replaced by one that
 * hands out a token the test cancels, which is what the notification's Cancel button does.
 */
describe('Full examination progress and Cancel (extension host, emulator)', function () {
  this.timeout(60_000);
  let suite: SuiteEmulator;
  const window = vscode.window as Mutable<typeof vscode.window>;
  const original = { withProgress: window.withProgress, createQuickPick: window.createQuickPick };
  const shown: (readonly vscode.QuickPickItem[])[] = [];

  before(async () => {
    suite = await startSuiteEmulator((world) => {
      world.users.push({
        userName: 'erin',
        email: 'erin@example.com',
        displayName: 'Erin Example',
        attributes: { Team: 'data', DeveloperId: 'erin' },
        assignments: [{ accountId: '111122223333', roleName: 'BedrockDeveloper' }],
      });
      const profiles = (world.applicationProfiles ??= []);
      for (let i = 1; i <= OTHER_DEVELOPERS; i++) {
        profiles.push({
          name: `sonnet-for-developer-${String(i)}`,
          id: `q${String(i).padStart(11, '0')}`,
          accountId: '111122223333',
          region: 'us-east-1',
          copyFrom: 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
          tags: { DeveloperId: `developer${String(i)}`, Team: 'data' },
        });
      }
      // Quotas stay on (the world sets none, so the Bedrock control-plane defaults apply).
      assert.equal(world.quotas, undefined);
    });
    writeSsoSignIn(homedir(), suite.emulator, 'erin');
    window.createQuickPick = scriptedQuickPicks(() => undefined, shown);
  });

  after(async () => {
    window.withProgress = original.withProgress;
    window.createQuickPick = original.createQuickPick;
    await suite.close();
  });

  it('the notification counts "examined … of …", and its Cancel stops the examination: no Bedrock request after it', async () => {
    const { emulator } = suite;
    const examined = /examined ([\d,.]+) of ([\d,.]+)/;
    const notifications: { options: vscode.ProgressOptions; messages: string[] }[] = [];
    const cancel = new vscode.CancellationTokenSource();
    let requestsAtCancel = -1;
    window.withProgress = (<R>(options: vscode.ProgressOptions, task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>): Thenable<R> => {
      const notification = { options, messages: [] as string[] };
      notifications.push(notification);
      return task(
        {
          report: ({ message }) => {
            if (message === undefined) return;
            notification.messages.push(message);
            const counted = examined.exec(message);
            if (counted && Number((counted[1] ?? '0').replace(/\D/g, '')) > 0 && !cancel.token.isCancellationRequested) {
              requestsAtCancel = emulator.requests().filter((r) => r.service === 'bedrock').length;
              cancel.cancel();
            }
          },
        },
        cancel.token,
      );
    });

    emulator.resetRequests();
    await vscode.commands.executeCommand('bedrockOnboarding.chooseInferenceProfile').then(
      () => undefined,
      () => undefined,
    );
    const bedrockAfterCommand = emulator.requests().filter((r) => r.service === 'bedrock').length;

    const [notification] = notifications;
    assert.ok(notification, 'discovery showed a progress');
    assert.equal(notification.options.location, vscode.ProgressLocation.Notification);
    assert.equal(notification.options.cancellable, true, 'the notification has a Cancel button');
    const counts = notification.messages.map((m) => examined.exec(m)).filter((m) => m !== null);
    assert.ok(counts.length >= 1, `progress counted the examination: ${notification.messages.join(' | ')}`);
    const total = Number((counts[0]?.[2] ?? '0').replace(/\D/g, ''));
    assert.ok(total >= OTHER_DEVELOPERS, `of the ${String(total)} listed profiles`);
    assert.ok(requestsAtCancel > 0, 'cancelled part-way');
    // At most the calls in flight (8 profiles at once, Get and ListTags each) finish after Cancel.
    assert.ok(bedrockAfterCommand - requestsAtCancel <= 2 * 8, `${String(bedrockAfterCommand - requestsAtCancel)} Bedrock requests after Cancel`);
    assert.equal(shown.length, 0, 'no profile list after Cancel');

    // Calls in flight at the moment of Cancel may still be answered; none may start after the command ended.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const bedrockLater = emulator.requests().filter((r) => r.service === 'bedrock').length;
    assert.equal(bedrockLater, bedrockAfterCommand, 'no Bedrock request after the examination was cancelled');
    assert.ok(bedrockLater < total, `the examination stopped part-way (${String(bedrockLater)} Bedrock requests of about ${String(2 * total)})`);
    const examinedAtEnd = Number((examined.exec(notification.messages.at(-1) ?? '')?.[1] ?? '0').replace(/\D/g, ''));
    assert.ok(examinedAtEnd < total, 'the count stopped before the total');
  });
});
