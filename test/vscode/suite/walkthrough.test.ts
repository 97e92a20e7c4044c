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
// Not a profile of the emulator's world: earlier suites in this host test the connection to
// those, and a passed test is remembered per profile (that is what ticks its step).
const ARN = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/wa1kthr0ugh1';

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

  it('has one step per Set Up stage, then opening Claude Code, each with its markdown and the pictures it shows', () => {
    const steps = walkthrough().steps;
    assert.deepEqual(steps.map((step) => step.id), ['signIn', 'inferenceProfile', 'claudeSettings', 'bearerToken', 'testConnection', 'cost', 'claudeCli', 'openClaudeCode']);
    for (const step of steps) {
      assert.doesNotMatch(step.title, /^%.*%$/, `${step.id} has no title in package.nls.json`);
      const markdown = step.media.markdown;
      assert.ok(markdown, `${step.id} has no markdown media`);
      const file = path.join(extension().extensionPath, markdown);
      assert.ok(existsSync(file), `${markdown} is missing`);
      const images = [...readFileSync(file, 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1] ?? '');
      // A page shows a real screenshot or a diagram, or teaches by a worked example (a code block) or a table.
      const page = readFileSync(file, 'utf8');
      assert.ok(images.length > 0 || /```/.test(page) || /^\|[-| ]+\|$/m.test(page), `${markdown} shows neither a picture nor an example nor a table`);
      for (const image of images) {
        const imagePath = path.join(path.dirname(file), image);
        assert.ok(existsSync(imagePath), `${markdown} shows ${image}, which is missing`);
        // A real screenshot (PNG signature) or a diagram (SVG).
        const bytes = readFileSync(imagePath);
        assert.ok(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) || bytes.toString('utf8', 0, 5) === '<svg ', `${image} is neither a PNG nor an SVG`);
      }
    }
  });

  it('ticks every step on a context key of its own, and every command it links is registered', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough().steps) {
      const events = step.completionEvents ?? [];
      assert.ok(events.length > 0, `${step.id} never ticks`);
      for (const event of events) {
        const [kind, name] = event.split(':');
        // A command run is not a success (a failed Test Connection must not tick its step).
        assert.equal(kind, 'onContext', `${step.id} ticks on ${event}, not on a state`);
        assert.ok(name?.startsWith('bedrockOnboarding.'), `${step.id} ticks on ${event}, a key this extension does not own`);
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
      // Sign-in's key follows the token (the status bar sets it); Open Claude Code's is set when it opened.
      const setElsewhere = new Set(['bedrockOnboarding.signedIn', 'bedrockOnboarding.claudeCodeOpened']);
      for (const key of contextEvents) if (!setElsewhere.has(key)) assert.ok(key in after, `the walkthrough ticks on ${key}, which the extension never sets`);
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
