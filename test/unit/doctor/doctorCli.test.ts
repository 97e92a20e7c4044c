import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { runDoctor, type DoctorDependencies } from '../../../src/cli/commands/doctor';
import { silentLogger } from '../../../src/core/runtime/logger';
import { runBuiltCli } from '../../support/cliRunner';
import { capturedIo } from '../discovery/cliHarness';
import { configuredHome, type ConfiguredHome } from './configuredHome';

interface DoctorJson {
  ok: boolean;
  checks: { id: string; status: string; title: string; detail: string; locations: { file: string; line: number | null }[] }[];
}

async function dependencies(setup: ConfiguredHome, orgDefaults: Record<string, unknown> = {}): Promise<DoctorDependencies> {
  const orgRoot = path.join(setup.home, 'org');
  await fs.mkdir(orgRoot, { recursive: true });
  await fs.writeFile(path.join(orgRoot, 'org-defaults.json'), JSON.stringify(orgDefaults));
  return { environment: setup.environment, org: { extensionRoot: orgRoot, machineRoot: path.join(setup.home, 'machine') }, logger: silentLogger, workspaceFolders: [] };
}

describe('bedrock-onboard doctor', function () {
  this.timeout(30_000);
  let setup: ConfiguredHome | undefined;
  afterEach(async () => {
    await setup?.close();
    setup = undefined;
  });

  it('prints every check and exits 0 from a configured home', async () => {
    setup = await configuredHome();
    const io = capturedIo(false);
    assert.equal(await runDoctor([], io, await dependencies(setup)), 0, io.stdoutText());
    const text = io.stdoutText();
    assert.equal(text.split('\n').filter((line) => line.startsWith('✓ ')).length, 12);
    assert.match(text, /Claude Code on Bedrock is ready \(12 passed/);
  });

  it('exits 1 with the failing check and its fix when the organisation does not allow the region', async () => {
    setup = await configuredHome();
    const io = capturedIo(false);
    assert.equal(await runDoctor([], io, await dependencies(setup, { allowedRegions: ['eu-west-1'] })), 1);
    assert.match(io.stdoutText(), /✗ Bedrock region: .*does not allow/);
    assert.match(io.stdoutText(), /Fix: Configure Claude Code \(run: bedrock-onboard configure\)/);
  });

  it('--json prints the issue\'s shape with file and line of a bearer token', async () => {
    setup = await configuredHome();
    await fs.writeFile(path.join(setup.home, '.zshrc'), 'export AWS_BEARER_TOKEN_BEDROCK=abc123-not-shown\n');
    const io = capturedIo(false);
    assert.equal(await runDoctor(['--json'], io, await dependencies(setup)), 1);
    const report = JSON.parse(io.stdoutText()) as DoctorJson;
    const bearer = report.checks.find((c) => c.id === 'bearer-token');
    assert.equal(bearer?.status, 'fail');
    assert.deepEqual(bearer.locations, [{ file: path.join(setup.home, '.zshrc'), line: 1 }]);
    assert.ok(!io.stdoutText().includes('abc123-not-shown'));
    assert.deepEqual(Object.keys(report.checks[0] ?? {}).slice(0, 5), ['id', 'status', 'title', 'detail', 'locations']);
  });

  it('the built CLI runs the whole check against the emulator in its own process', async () => {
    setup = await configuredHome();
    const env = { ...setup.signedIn.env, PATH: setup.bin };
    const run = await runBuiltCli(['doctor', '--json', '--profile', setup.signedIn.profile], env);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    const report = JSON.parse(run.stdout) as DoctorJson;
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.checks.map((c) => `${c.id}:${c.status}`),
      ['aws-profile', 'sso-token', 'credentials', 'identity', 'bedrock-region', 'inference-profile', 'claude-settings', 'bearer-token', 'claude-cli', 'aws-auth-refresh', 'claude-settings-precedence', 'claude-model-pins'].map((id) => `${id}:pass`),
    );
    assert.equal(setup.signedIn.emulator.requestCount('GetInferenceProfile'), 1);

    await fs.rm(path.join(setup.bin, 'claude'));
    const failing = await runBuiltCli(['doctor'], env);
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, /✗ Claude Code CLI: The Claude Code CLI \("claude"\) is not on your PATH/);
  });
});
