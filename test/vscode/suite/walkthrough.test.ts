import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './manifest';

interface WalkthroughStep {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly media: { readonly markdown?: string; readonly image?: string };
  readonly completionEvents?: readonly string[];
}

interface Walkthrough {
  readonly id: string;
  readonly steps: readonly WalkthroughStep[];
}

const REFRESH_CONTEXT_COMMAND = 'bedrockOnboarding.internal.refreshSetupContext';
const ARN = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/k3v9q2m7x1ab';

describe('the Set Up walkthrough', () => {
  const extension = (): vscode.Extension<unknown> => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not loaded`);
    return found;
  };
  const walkthrough = (): Walkthrough => {
    const manifest = extension().packageJSON as { contributes?: { walkthroughs?: Walkthrough[] } };
    const found = manifest.contributes?.walkthroughs?.find((entry) => entry.id === 'setup');
    assert.ok(found, 'package.json contributes no walkthrough "setup"');
    return found;
  };

  before(async () => {
    await extension().activate();
  });

  it('has one step per Set Up stage, each with its markdown and the SVG it shows', () => {
    const steps = walkthrough().steps;
    assert.deepEqual(steps.map((step) => step.id), ['signIn', 'inferenceProfile', 'claudeSettings', 'bearerToken', 'testConnection', 'openClaudeCode', 'cost']);
    for (const step of steps) {
      assert.doesNotMatch(step.title, /^%.*%$/, `${step.id} has no title in package.nls.json`);
      const markdown = step.media.markdown;
      assert.ok(markdown, `${step.id} has no markdown media`);
      const file = path.join(extension().extensionPath, markdown);
      assert.ok(existsSync(file), `${markdown} is missing`);
      const images = [...readFileSync(file, 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1] ?? '');
      assert.ok(images.length > 0, `${markdown} shows no image`);
      for (const image of images) {
        const imagePath = path.join(path.dirname(file), image);
        assert.ok(existsSync(imagePath), `${markdown} shows ${image}, which is missing`);
        assert.match(readFileSync(imagePath, 'utf8'), /^<svg /);
      }
    }
  });

  it('ticks every step on a context key or command, and every command it names is registered', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough().steps) {
      const events = step.completionEvents ?? [];
      assert.ok(events.length > 0, `${step.id} never ticks`);
      for (const event of events) {
        const [kind, name] = event.split(':');
        assert.ok(kind === 'onContext' || kind === 'onCommand', `${step.id}: unexpected event ${event}`);
        if (kind === 'onCommand') assert.ok(registered.has(name ?? ''), `${step.id} ticks on ${event}, which is not registered`);
      }
      for (const link of step.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(registered.has(link[1] ?? ''), `${step.id} links ${link[1] ?? ''}, which is not registered`);
    }
  });

  it('sets the context keys its steps tick on once the files show those stages done (no network)', async function () {
    this.timeout(30_000);
    const home = process.env['HOME'];
    assert.ok(home, 'the extension host has no HOME');
    const keysOf = async (): Promise<Record<string, boolean>> => (await vscode.commands.executeCommand<Record<string, boolean> | undefined>(REFRESH_CONTEXT_COMMAND)) ?? {};
    const contextEvents = walkthrough().steps.flatMap((step) => (step.completionEvents ?? []).filter((event) => event.startsWith('onContext:')).map((event) => event.slice('onContext:'.length)));

    const before = await keysOf();
    assert.equal(before['bedrockOnboarding.claudeConfigured'], false);
    assert.equal(before['bedrockOnboarding.setupComplete'], false);

    const written = [path.join(home, '.aws', 'config'), path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('claude-code').digest('hex')}.json`), path.join(home, '.claude', 'settings.json')];
    assert.ok(written.every((file) => !existsSync(file)), 'the test home is not fresh; refusing to overwrite its files');
    try {
      await fs.mkdir(path.dirname(written[1] ?? ''), { recursive: true });
      await fs.mkdir(path.dirname(written[2] ?? ''), { recursive: true });
      await fs.writeFile(
        written[0] ?? '',
        '[profile claude-code]\nsso_session = claude-code\nsso_account_id = 111122223333\nsso_role_name = BedrockDeveloper\nregion = us-east-1\n\n[sso-session claude-code]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n',
      );
      await fs.writeFile(written[1] ?? '', JSON.stringify({ accessToken: 'test-token-not-secret', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), region: 'us-east-1', startUrl: 'https://d-1234567890.awsapps.com/start' }));
      await fs.writeFile(written[2] ?? '', JSON.stringify({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'claude-code', AWS_REGION: 'us-east-1', ANTHROPIC_MODEL: ARN } }, null, 2));

      const after = await keysOf();
      assert.equal(after['bedrockOnboarding.inferenceProfileChosen'], true);
      assert.equal(after['bedrockOnboarding.claudeConfigured'], true);
      // Only a run that made the calls can tick these.
      assert.equal(after['bedrockOnboarding.connectionTested'], false);
      assert.equal(after['bedrockOnboarding.costShown'], false);
      assert.equal(after['bedrockOnboarding.setupComplete'], false);
      for (const key of contextEvents) if (key !== 'bedrockOnboarding.signedIn') assert.ok(key in after, `the walkthrough ticks on ${key}, which the extension never sets`);
    } finally {
      for (const file of written) await fs.rm(file, { force: true });
      await keysOf();
    }
  });

  it('opens from "Open Walkthrough"', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('bedrockOnboarding.openWalkthrough');
    const label = vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '';
    assert.match(label, /Welcome|Walkthrough|Claude/);
  });
});
