import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { defaultWorld } from '../../emulator/world';
import { runBuiltCli } from '../../support/cliRunner';
import { makeTempHome } from '../../support/tempHome';

describe('bedrock-onboard login / logout (built CLI in its own process, emulator)', function () {
  let emulator: Emulator;
  let home: string;
  let removeHome: () => Promise<void>;
  let env: Record<string, string>;

  beforeEach(async function () {
    emulator = await startEmulator(defaultWorld(), { deviceFlow: { mode: 'autoApprove', userName: 'alice', afterPolls: 1, interval: 1 } });
    ({ home, remove: removeHome } = await makeTempHome());
    env = { HOME: home, ...emulatorEndpointEnv(emulator.url) };
  });
  afterEach(async function () {
    await emulator.close();
    await removeHome();
  });

  it('signs in non-interactively from flags and prints the code and what it wrote', async function () {
    const run = await runBuiltCli(['login', '--start-url', 'https://d-1234567890.awsapps.com/start', '--sso-region', 'us-east-1', '--account-id', '111122223333', '--role-name', 'BedrockDeveloper', '--region', 'us-west-2', '--no-browser'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /confirm the code: [A-Z0-9]{4}-[A-Z0-9]{4}/);
    assert.match(run.stdout, /Signed in to Developer Sandbox \(111122223333\) as BedrockDeveloper\./);
    const config = await fs.readFile(path.join(home, '.aws', 'config'), 'utf8');
    assert.match(config, /\[profile claude-code\]\nsso_session = claude-code\nsso_account_id = 111122223333\nsso_role_name = BedrockDeveloper\nregion = us-west-2\n/);
    for (const secret of emulator.issuedSecrets()) {
      assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), 'a secret reached the CLI output');
    }

    // As with `aws sso login --profile`, the configured profile supplies everything else.
    const again = await runBuiltCli(['login', '--profile', 'claude-code', '--no-browser'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /reused from the cache/);
    assert.match(again.stdout, /already up to date/);

    const logout = await runBuiltCli(['logout'], env);
    assert.equal(logout.code, 0, logout.stderr);
    assert.match(logout.stdout, /Signed out of session claude-code\./);
    assert.equal(emulator.requestCount('Logout'), 1);
  });

  it('without a terminal, lists the choices instead of asking (exit 1)', async function () {
    const run = await runBuiltCli(['login', '--start-url', 'https://d-1234567890.awsapps.com/start', '--no-browser'], env);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /pass --account-id with one of: 444455556666 \(Shared Services\), 111122223333 \(Developer Sandbox\)|pass --account-id with one of: 111122223333 \(Developer Sandbox\), 444455556666 \(Shared Services\)/);
    assert.equal(run.stderr.split('\n').filter(Boolean).length, 1, 'one line');
  });

  it('exits 2 on bad usage and 1 with a sentence on a bad start URL', async function () {
    assert.equal((await runBuiltCli(['login', '--bogus'], env)).code, 2);
    assert.equal((await runBuiltCli(['login'], env)).code, 2);
    const bad = await runBuiltCli(['login', '--start-url', 'http://d-1234567890.awsapps.com/start'], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /https/);
    assert.equal(emulator.requestCount(), 0);
  });
});
