import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { readSetupState } from '../../../src/core/setup/setupState';
import { SETUP_STEPS } from '../../../src/core/setup/setupSteps';
import { PROFILE, requestsByOperation, SANDBOX, setupHome, START_URL, type SetupHome } from './setupHarness';

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

interface HomeFiles {
  readonly config: string | undefined;
  readonly token: string | undefined;
  readonly settings: string | undefined;
}

async function homeFiles(home: string): Promise<HomeFiles> {
  const read = (file: string): Promise<string | undefined> => fs.readFile(file, 'utf8').catch(() => undefined);
  const tokenFile = path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('claude-code').digest('hex')}.json`);
  return { config: await read(path.join(home, '.aws', 'config')), token: await read(tokenFile), settings: await read(path.join(home, '.claude', 'settings.json')) };
}

/** The files a finished Set Up leaves, checked the way the AWS CLI and Claude Code read them. */
function assertConfigured(files: HomeFiles): void {
  assert.ok(files.config, '~/.aws/config was not written');
  assert.match(files.config, /^\[sso-session claude-code\]$/m);
  assert.match(files.config, new RegExp(`^\\[profile ${PROFILE}\\]$`, 'm'));
  assert.match(files.config, new RegExp(`^sso_account_id = ${SANDBOX}$`, 'm'));
  assert.match(files.config, /^sso_role_name = BedrockDeveloper$/m);
  assert.ok(files.token, 'the SSO token cache was not written');
  const token = JSON.parse(files.token) as Record<string, unknown>;
  assert.equal(typeof token['accessToken'], 'string');
  assert.ok(Date.parse(String(token['expiresAt'])) > Date.now());
  assert.ok(files.settings, '~/.claude/settings.json was not written');
  const settings = JSON.parse(files.settings) as { env: Record<string, string>; awsAuthRefresh: string };
  assert.equal(settings.env['CLAUDE_CODE_USE_BEDROCK'], '1');
  assert.equal(settings.env['AWS_PROFILE'], PROFILE);
  assert.equal(settings.env['AWS_REGION'], 'us-east-1');
  assert.match(settings.env['ANTHROPIC_MODEL'] ?? '', /^arn:aws:bedrock:us-east-1:111122223333:application-inference-profile\//);
  for (const tier of ['OPUS', 'SONNET', 'HAIKU']) assert.match(settings.env[`ANTHROPIC_DEFAULT_${tier}_MODEL`] ?? '', /application-inference-profile/);
  assert.equal(settings.awsAuthRefresh, `aws sso login --profile ${PROFILE}`);
}

describe('Set Up over the real core and the emulator', function () {
  this.timeout(60_000);
  let setup: SetupHome | undefined;
  const current = (): SetupHome => {
    assert.ok(setup);
    return setup;
  };
  beforeEach(async () => {
    setup = await setupHome();
  });
  afterEach(async () => {
    await setup?.close();
    setup = undefined;
  });

  it('goes from an empty home to a configured one, asking each question once and no AWS operation twice', async () => {
    const started = performance.now();
    const result = await current().run();
    const elapsed = performance.now() - started;
    assert.equal(result.outcome, 'completed', JSON.stringify(result));
    // Nothing sets the bearer token in a fresh home, so that check is already satisfied.
    assert.deepEqual(result.steps.map((step) => step.status), ['done', 'done', 'done', 'satisfied', 'done', 'done', 'done']);
    assert.match(result.steps[6]?.summary ?? '', /^Claude Code 2\.1\.332 at /);
    assertConfigured(await homeFiles(current().home));
    assert.deepEqual(current().asked, ['code', 'account', 'role', 'profile']);
    const counts = requestsByOperation(current().emulator);
    console.log(`      AWS requests by operation: ${JSON.stringify(counts)}; ${Math.round(elapsed)} ms`);
    // Repeated with a reason: CreateToken polls while the user approves; discovery asks who
    // the caller is and reads (and lists the tags of) each profile, then the connection test
    // makes Claude Code's own GetCallerIdentity and GetInferenceProfile for the chosen one, and
    // the cost step reads the chosen profile's developer tag the way the status bar and the CLI
    // do (same cache key, so its one Cost Explorer answer serves them too).
    const allowed: Record<string, number> = { CreateToken: 2, GetCallerIdentity: 2, GetInferenceProfile: 6, ListTagsForResource: 6 };
    const repeated = Object.entries(counts).filter(([operation, count]) => count > (allowed[operation] ?? 1));
    assert.deepEqual(repeated, []);
    assert.equal(counts['GetCostAndUsage'], 1);
    assert.match(result.steps[5]?.summary ?? '', /Month-to-date Claude spend: USD \d+\.\d\d/);
    const state = await readSetupState(current().statePath);
    assert.equal(state.unfinishedStep, undefined);
    assert.equal(state.inferenceProfile?.developerId, 'alice');
  });

  it('a second run finds every step satisfied and makes no AWS request', async () => {
    assert.equal((await current().run()).outcome, 'completed');
    current().emulator.resetRequests();
    const before = await homeFiles(current().home);
    const again = await current().run();
    assert.equal(again.outcome, 'completed');
    assert.deepEqual(again.steps.map((step) => step.status), SETUP_STEPS.map(() => 'satisfied'));
    assert.equal(current().emulator.requestCount(), 0);
    assert.deepEqual(await homeFiles(current().home), before);
  });

  for (const [index, step] of SETUP_STEPS.entries()) {
    it(`cancelled as "${step}" starts: leaves no partial file, then resumes there and finishes`, async () => {
      // The bearer-token step only runs when the variable is set somewhere.
      if (step === 'bearer-token') await fs.writeFile(path.join(current().home, '.bashrc'), 'export AWS_BEARER_TOKEN_BEDROCK=ABSKexample\n');
      const cancelled = await current().run({ cancelAt: step });
      assert.equal(cancelled.outcome, 'cancelled');
      assert.equal(cancelled.steps[index]?.status, 'cancelled');
      assert.ok(cancelled.steps.slice(index + 1).every((s) => s.status === 'not-reached'));
      const files = await homeFiles(current().home);
      // Everything a finished earlier step wrote is complete; nothing of this step or later exists.
      if (index <= 0) assert.equal(files.config, undefined);
      if (index <= 2) assert.equal(files.settings, undefined);
      for (const text of [files.config, files.token, files.settings]) if (text !== undefined && text.trim().startsWith('{')) JSON.parse(text);
      const leftovers = (await fs.readdir(current().home, { recursive: true })).filter((name) => /\.tmp|\.partial/.test(name));
      assert.deepEqual(leftovers, []);
      assert.equal((await readSetupState(current().statePath)).unfinishedStep, step);

      const requestsBefore = requestsByOperation(current().emulator);
      const resumed = await current().run();
      assert.equal(resumed.outcome, 'completed', JSON.stringify(resumed));
      assert.equal(resumed.resumedAt, step);
      assert.deepEqual(resumed.steps.slice(0, index).map((s) => s.status), SETUP_STEPS.slice(0, index).map(() => 'satisfied'));
      assert.notEqual(resumed.steps[index]?.status, 'satisfied');
      assertConfigured(await homeFiles(current().home));
      // The resumed run did not search for profiles again when they had been chosen.
      const after = requestsByOperation(current().emulator);
      if (index > 1) assert.equal(after['ListInferenceProfiles'], requestsBefore['ListInferenceProfiles']);
      assert.equal((await readSetupState(current().statePath)).unfinishedStep, undefined);
    });
  }

  it('removes AWS_BEARER_TOKEN_BEDROCK from a start-up file when asked, keeping a backup', async () => {
    const bashrc = path.join(current().home, '.bashrc');
    await fs.writeFile(bashrc, 'alias ll="ls -l"\nexport AWS_BEARER_TOKEN_BEDROCK=ABSKexample\n');
    const result = await current().run({ bearerToken: 'fix' });
    assert.equal(result.outcome, 'completed');
    assert.equal(result.steps[3]?.status, 'done');
    assert.ok(current().asked.includes('bearer'));
    const text = await fs.readFile(bashrc, 'utf8');
    assert.match(text, /^alias ll="ls -l"$/m);
    assert.doesNotMatch(text, /^export AWS_BEARER_TOKEN_BEDROCK/m);
    assert.ok(await exists(`${bashrc}.bedrock-onboarding.bak`));
    assert.doesNotMatch(JSON.stringify(result), /ABSKexample/);
  });

  it('leaves the bearer token when told to, reports it as a warning, and asks again next time', async () => {
    await fs.writeFile(path.join(current().home, '.zshrc'), 'export AWS_BEARER_TOKEN_BEDROCK=ABSKexample\n');
    const first = await current().run({ bearerToken: 'leave' });
    assert.equal(first.outcome, 'completed');
    const bearer = first.steps.find((step) => step.id === 'bearer-token');
    assert.equal(bearer?.status, 'warning');
    assert.match(bearer.summary, /\.zshrc:1/);
    const second = await current().run({ bearerToken: 'leave' });
    assert.equal(second.steps[3]?.status, 'warning');
    assert.equal(current().asked.filter((question) => question === 'bearer').length, 2);
  });

  it('keeps the other keys of an existing Claude settings file and asks before changing it', async () => {
    const settingsPath = path.join(current().home, '.claude', 'settings.json');
    await fs.mkdir(path.dirname(settingsPath), { recursive: true });
    await fs.writeFile(settingsPath, '{\n    "theme": "dark",\n    "env": { "FOO": "bar" }\n}\n');
    const result = await current().run();
    assert.equal(result.outcome, 'completed');
    assert.ok(current().asked.includes('settings'));
    const settings = JSON.parse(await fs.readFile(settingsPath, 'utf8')) as { theme: string; env: Record<string, string> };
    assert.equal(settings.theme, 'dark');
    assert.equal(settings.env['FOO'], 'bar');
    assert.equal(settings.env['AWS_PROFILE'], PROFILE);
  });

  it('stops at a failing step with its sentence and does not run the later ones', async () => {
    assert.equal((await current().run({ cancelAt: 'test-connection' })).outcome, 'cancelled');
    current().emulator.injectFault({ operation: 'GetCallerIdentity', kind: 'status', status: 503 });
    const result = await current().run();
    assert.equal(result.outcome, 'failed');
    assert.equal(result.steps[4]?.status, 'failed');
    assert.equal(result.steps[5]?.status, 'not-reached');
    assert.ok(result.error?.message.endsWith('.'), result.error?.message);
  });

  it('Back on the profile question asks the role again in the same account, then the profile', async () => {
    const result = await current().run({ backAtProfile: true });
    assert.equal(result.outcome, 'completed', JSON.stringify(result));
    assert.deepEqual(current().asked, ['code', 'account', 'role', 'profile', 'role', 'profile']);
    // The second sign-in chose again (not from the profile it had just written) and reused the session.
    assert.deepEqual(current().requests, ['first', 'choose']);
    assert.equal(requestsByOperation(current().emulator)['StartDeviceAuthorization'], 1);
    assertConfigured(await homeFiles(current().home));
  });

  it('a start URL IAM Identity Center refuses is asked again with its sentence, and sign-in goes on', async () => {
    const result = await current().run({ startUrls: ['https://d-0000000000.awsapps.com/start', START_URL] });
    assert.equal(result.outcome, 'completed', JSON.stringify(result));
    assert.deepEqual(current().requests, ['first', 'again: sso.invalid-request']);
    assertConfigured(await homeFiles(current().home));
  });
});

describe('Set Up without the Claude Code CLI on PATH', function () {
  this.timeout(60_000);
  let setup: SetupHome | undefined;
  afterEach(async () => {
    await setup?.close();
    setup = undefined;
  });

  it('configures everything else, offers the installer, and ends with the CLI step as a warning that names it', async () => {
    setup = await setupHome({ claudeOnPath: false });
    const result = await setup.run();
    assert.equal(result.outcome, 'completed');
    const claude = result.steps[6];
    assert.equal(claude?.id, 'claude-cli');
    assert.equal(claude.status, 'warning');
    assert.match(claude.summary, /"claude"\) is not on your PATH.*To install it: /);
    assert.ok(setup.asked.includes('claude-install'));
    assert.equal((await readSetupState(setup.statePath)).claudeCli, undefined);
    assertConfigured(await homeFiles(setup.home));
  });
});
