// A real Claude Code (npm @anthropic-ai/claude-code, pinned) against the emulator, with only
// the files Set Up wrote: ~/.aws/config, the SSO token cache and ~/.claude/settings.json.
// Besides HOME and PATH its environment holds only where AWS is (the emulator's endpoint
// variables and ANTHROPIC_BEDROCK_BASE_URL) and CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC, so
// it does not try to reach Anthropic's own servers for telemetry or updates.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { CLAUDE_TIERS } from '../../src/core/claudeTiers/claudeTiers';
import { estimateFromTranscripts } from '../../src/core/cost/localEstimate';
import { identifyModel } from '../../src/core/cost/modelIdentity';
import { defaultPriceTable } from '../../src/core/cost/priceTable';
import { scanTranscripts } from '../../src/core/cost/transcriptScanner';
import { withCurrentClaudeModels } from '../emulator/catalog';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../emulator/server';
import type { World } from '../emulator/world';
import { runBuiltCli } from '../support/cliRunner';
import { makeTempHome } from '../support/tempHome';
import { ACCOUNT, threeDevelopersWorld } from '../unit/discovery/worldBuilders';
import { CLAUDE_CODE_VERSION, claudeCodeBinary } from './claudeCodeInstall';

/** The default world (alice: Opus, Sonnet, Haiku in us-east-1) plus the current models and a Fable profile of alice's. */
function interopWorld(): World {
  const world = withCurrentClaudeModels(threeDevelopersWorld());
  world.applicationProfiles = [
    ...(world.applicationProfiles ?? []),
    {
      name: 'claude-fable-alice',
      id: 'f4bl3a11c3x9',
      accountId: ACCOUNT,
      region: 'us-east-1',
      copyFrom: `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.anthropic.claude-fable-5-2`,
      tags: { Team: 'platform', DeveloperId: 'alice' },
    },
  ];
  return world;
}

interface ClaudeResult {
  readonly is_error: boolean;
  readonly result: string;
  readonly total_cost_usd: number;
  readonly modelUsage: Readonly<Record<string, { readonly canonicalModel?: string; readonly costUSD: number }>>;
}

function runClaude(binary: string, args: readonly string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

describe(`interop: Claude Code ${CLAUDE_CODE_VERSION} (npm) with the files Set Up wrote, against the emulator`, function () {
  // Installing on first use downloads ~100 MB; later runs find it cached.
  this.timeout(600_000);
  let binary: string;
  let emulator: Emulator;
  let home: string;
  let removeHome: () => Promise<void>;
  const world = interopWorld();

  before(async () => {
    binary = claudeCodeBinary();
    const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
    console.log(`      Claude Code under test: ${version}`);
    assert.match(version, new RegExp(`^${CLAUDE_CODE_VERSION.replace(/\./g, '\\.')} `));
    emulator = await startEmulator(world, { deviceFlow: { mode: 'autoApprove', userName: 'alice', afterPolls: 1, interval: 1 } });
    ({ home, remove: removeHome } = await makeTempHome('bedrock-interop-'));
  });
  after(async () => {
    await emulator.close();
    await removeHome();
  });

  it('answers through the developer\'s own profile for every tier Set Up pinned, names the model behind it, and costs what our estimate says', async () => {
    const endpoints = emulatorEndpointEnv(emulator.url);
    const ours = { HOME: home, ...endpoints };
    const login = await runBuiltCli(['login', '--start-url', world.identityCenter.startUrl, '--sso-region', world.identityCenter.region, '--account-id', ACCOUNT, '--role-name', 'BedrockDeveloper', '--region', 'us-east-1', '--no-browser'], ours);
    assert.equal(login.code, 0, login.stderr);
    const configure = await runBuiltCli(['configure', '--yes'], ours);
    assert.equal(configure.code, 0, configure.stderr);
    const settings = JSON.parse(await fs.readFile(path.join(home, '.claude', 'settings.json'), 'utf8')) as { env: Record<string, string> };
    const pinned = CLAUDE_TIERS.filter((tier) => settings.env[`ANTHROPIC_DEFAULT_${tier.toUpperCase()}_MODEL`] !== undefined);
    assert.deepEqual(pinned, ['opus', 'sonnet', 'haiku', 'fable'], 'Set Up pinned each of alice\'s four tiers');

    const claudeEnv = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: home,
      ...endpoints,
      ANTHROPIC_BEDROCK_BASE_URL: emulator.url,
      AWS_EC2_METADATA_DISABLED: 'true',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    };
    const projectsDir = path.join(home, '.claude', 'projects');
    let estimatedBefore = 0;
    for (const tier of pinned) {
      const arn = settings.env[`ANTHROPIC_DEFAULT_${tier.toUpperCase()}_MODEL`] ?? '';
      const expectedModel = modelBehind(world, arn);
      const cwd = path.join(home, `work-${tier}`);
      await fs.mkdir(cwd);
      emulator.resetRequests();
      const run = await runClaude(binary, ['-p', 'Say hello', '--output-format', 'json', '--model', tier], claudeEnv, cwd);
      assert.equal(run.code, 0, `${tier}: ${run.stderr}${run.stdout}`);
      const result = JSON.parse(run.stdout) as ClaudeResult;
      assert.equal(result.is_error, false, run.stdout);
      assert.match(result.result, /Hello from the Bedrock emulator/, `${tier} answers`);

      const invoked = emulator.requests().filter((r) => r.operation.startsWith('InvokeModel') || r.operation.startsWith('Converse'));
      assert.ok(invoked.length > 0, `${tier}: Claude Code called Bedrock`);
      assert.deepEqual([...new Set(invoked.map((r) => r.resource))], [arn], `${tier}: every model call went through the developer's own profile`);
      assert.ok(invoked.every((r) => r.status === 200), JSON.stringify(invoked));

      assert.deepEqual(Object.keys(result.modelUsage), [arn]);
      assert.equal(result.modelUsage[arn]?.canonicalModel, expectedModel, `${tier}: Claude Code resolved the profile to its model`);

      const { state } = await scanTranscripts({ projectsDir, now: new Date() });
      const estimate = estimateFromTranscripts(state, { now: new Date(), prices: defaultPriceTable() });
      const session = estimate.amount - estimatedBefore;
      estimatedBefore = estimate.amount;
      console.log(`      ${tier}: ${expectedModel ?? '?'} via ${arn.slice(arn.lastIndexOf('/') + 1)}; Claude Code $${result.total_cost_usd.toFixed(6)}, our estimate $${session.toFixed(6)}`);
      assert.ok(Math.abs(session - result.total_cost_usd) < 1e-9, `${tier}: our estimate ${String(session)} equals Claude Code's own ${String(result.total_cost_usd)}`);
    }
  });
});

/** `claude-sonnet-4-5` for an AIP of the world copied from the US Sonnet 4.5 system profile. */
function modelBehind(world: World, arn: string): string | undefined {
  const profile = (world.applicationProfiles ?? []).find((p) => arn.endsWith(`/${p.id}`));
  const source = profile?.copyFrom.slice(profile.copyFrom.lastIndexOf('/') + 1);
  const system = world.systemProfiles.find((p) => p.id === source);
  return system ? identifyModel(system.modelId).priceKey : undefined;
}
