import assert from 'node:assert/strict';
import { playBrowser } from '../../support/browserPlayer';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { runDoctor, type DoctorDependencies } from '../../../src/cli/commands/doctor';
import { fixCommandTable, planFixes } from '../../../src/cli/commands/doctorFixes';
import { configureFix, signInFix, removeBearerTokenFix, type SetupCheck } from '../../../src/core/doctor/setupCheck';
import { silentLogger } from '../../../src/core/runtime/logger';
import { runBuiltCli } from '../../support/cliRunner';
import { FAKE_TOKEN, assertNoToken } from '../bearerToken/bearerTokenFixtures';
import { capturedIo } from '../discovery/cliHarness';
import { PROFILE } from '../discovery/signedInHome';
import { configuredHome, writeExecutable, type ConfiguredHome } from './configuredHome';

interface DoctorJson {
  ok: boolean;
  checks: { id: string; status: string }[];
}

const V = 'AWS_BEARER_TOKEN_BEDROCK';

async function dependencies(setup: ConfiguredHome, extra: Partial<DoctorDependencies> = {}): Promise<DoctorDependencies> {
  const orgRoot = path.join(setup.home, 'org');
  await fs.mkdir(orgRoot, { recursive: true });
  await fs.writeFile(path.join(orgRoot, 'org-defaults.json'), '{}');
  return { environment: setup.environment, org: { extensionRoot: orgRoot, machineRoot: path.join(setup.home, 'machine') }, logger: silentLogger, workspaceFolders: [], ...extra };
}

function statusOf(text: string, title: RegExp): string | undefined {
  const line = text.split('\n').find((candidate) => title.test(candidate));
  return line?.slice(0, 1);
}

async function removeSsoTokens(home: string): Promise<void> {
  await fs.rm(path.join(home, '.aws', 'sso', 'cache'), { recursive: true, force: true });
}

describe('bedrock-onboard doctor --fix', function () {
  this.timeout(60_000);
  let setup: ConfiguredHome | undefined;
  afterEach(async () => {
    await setup?.close();
    setup = undefined;
  });

  it('--fix --yes removes a bearer token line from ~/.bashrc with a backup, and the final report passes (exit 0)', async () => {
    setup = await configuredHome();
    const bashrc = path.join(setup.home, '.bashrc');
    const original = `alias ll='ls -l'\nexport ${V}=${FAKE_TOKEN}\n`;
    await fs.writeFile(bashrc, original);
    const io = capturedIo(false);
    assert.equal(await runDoctor(['--fix', '--yes'], io, await dependencies(setup)), 0, io.stdoutText() + io.stderrText());

    const text = io.stdoutText();
    const [before = '', after = ''] = text.split('After the fixes:');
    assert.equal(statusOf(before, /AWS_BEARER_TOKEN_BEDROCK absent/), '✗');
    assert.match(text, /→ Remove AWS_BEARER_TOKEN_BEDROCK \(bedrock-onboard bearer-token --fix\)/);
    assert.equal(statusOf(after, /AWS_BEARER_TOKEN_BEDROCK absent/), '✓', after);
    assert.match(after, /Claude Code on Bedrock is ready \(12 passed/);
    assert.match(await fs.readFile(bashrc, 'utf8'), /^alias ll='ls -l'\n# Claude Code on Bedrock removed a line that set AWS_BEARER_TOKEN_BEDROCK on .*\n$/);
    assert.equal(await fs.readFile(`${bashrc}.bedrock-onboarding.bak`, 'utf8'), original);
    assertNoToken(text + io.stderrText(), 'the doctor output');
  });

  it('exits 1 when a check it cannot fix still fails, listing that fix instead of running it', async () => {
    setup = await configuredHome();
    await fs.writeFile(path.join(setup.home, '.zshrc'), `export ${V}=${FAKE_TOKEN}\n`);
    await fs.rm(path.join(setup.bin, 'claude'));
    const io = capturedIo(false);
    assert.equal(await runDoctor(['--fix', '--yes'], io, await dependencies(setup)), 1);
    const text = io.stdoutText();
    assert.match(text, /Not run by --fix \(do these yourself\):\n {2}Install Claude Code: npm install -g @anthropic-ai\/claude-code\n/);
    const after = text.split('After the fixes:')[1] ?? '';
    assert.equal(statusOf(after, /AWS_BEARER_TOKEN_BEDROCK absent/), '✓');
    assert.equal(statusOf(after, /Claude Code CLI/), '✗');
  });

  it('without a terminal, skips signing in with one sentence (once, though three checks ask for it) and changes nothing', async () => {
    setup = await configuredHome();
    await removeSsoTokens(setup.home);
    const io = capturedIo(false);
    assert.equal(await runDoctor(['--fix'], io, await dependencies(setup)), 1);
    const skips = io.stdoutText().split('\n').filter((line) => line.startsWith('Skipped'));
    assert.deepEqual(skips, [
      `Skipped "Sign in with AWS SSO": signing in needs you to approve a code in a browser and perhaps choose an account, and stdin is not a terminal; run "bedrock-onboard login --profile ${PROFILE}" yourself.`,
    ]);
    assert.match(io.stdoutText(), /No fix was run\.\n$/);
    await assert.rejects(fs.access(path.join(setup.home, '.aws', 'sso', 'cache')));
  });

  it('on a terminal, signs in (in process, against the emulator) and the final report passes', async () => {
    setup = await configuredHome();
    await removeSsoTokens(setup.home);
    setup.signedIn.emulator.setDeviceFlow({ mode: 'autoApprove', userName: 'alice', afterPolls: 0, interval: 1 });
    const deps = await dependencies(setup);
    const opened: string[] = [];
    const io = capturedIo(true);
    const openBrowser = (url: string): Promise<boolean> => {
      opened.push(url);
      void playBrowser(url);
      return Promise.resolve(true);
    };
    const code = await runDoctor(['--fix'], io, { ...deps, fixCommands: fixCommandTable({ ...deps, openBrowser }) });
    assert.equal(code, 0, io.stdoutText() + io.stderrText());
    assert.match(io.stdoutText(), /→ Sign in with AWS SSO \(bedrock-onboard login --profile claude-code\)\nOpening the IAM Identity Center sign-in page in your browser\. .*\n.*\/authorize\?.*\n[\s\S]*Signed in to /);
    assert.equal(io.stdoutText().match(/→ /g)?.length, 1, 'one sign-in for the three checks that failed for it');
    assert.equal(opened.length, 1);
    assert.match(io.stdoutText().split('After the fixes:')[1] ?? '', /Claude Code on Bedrock is ready/);
  });

  it('--fix --yes without a terminal writes Claude Code\'s missing settings (configure --yes) and the final report passes', async () => {
    setup = await configuredHome();
    await fs.rm(setup.settingsPath);
    // AWS CLI v2 on PATH: configure's awsAuthRefresh becomes `aws sso login`, which the check can resolve.
    await writeExecutable(path.join(setup.bin, 'aws'), '#!/bin/sh\necho "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64"\n');
    const io = capturedIo(false);
    const code = await runDoctor(['--fix', '--yes', '--inference-profile', setup.arn], io, await dependencies(setup));
    const text = io.stdoutText();
    assert.match(text, /→ Configure Claude Code \(bedrock-onboard configure\)/);
    assert.equal(code, 0, text + io.stderrText());
    const settings = JSON.parse(await fs.readFile(setup.settingsPath, 'utf8')) as { env: Record<string, string> };
    assert.equal(settings.env['AWS_PROFILE'], PROFILE);
    assert.equal(settings.env['CLAUDE_CODE_USE_BEDROCK'], '1');
    assert.match(text.split('After the fixes:')[1] ?? '', /Claude Code on Bedrock is ready/);
  });

  it('--json --fix prints only the final JSON on stdout and the fixes on stderr', async () => {
    setup = await configuredHome();
    await fs.writeFile(path.join(setup.home, '.profile'), `export ${V}=${FAKE_TOKEN}\n`);
    const io = capturedIo(false);
    assert.equal(await runDoctor(['--json', '--fix', '--yes'], io, await dependencies(setup)), 0, io.stderrText());
    const report = JSON.parse(io.stdoutText()) as DoctorJson;
    assert.equal(report.ok, true);
    assert.equal(report.checks.find((check) => check.id === 'bearer-token')?.status, 'pass');
    assert.match(io.stderrText(), /✗ AWS_BEARER_TOKEN_BEDROCK absent[\s\S]*→ Remove AWS_BEARER_TOKEN_BEDROCK[\s\S]*Removed line 1 of .*\.profile \(backup: /);
    assertNoToken(io.stdoutText() + io.stderrText(), 'the doctor output');
  });

  it('the built CLI fixes in its own process: --json --fix --yes, stdout is the final JSON alone', async () => {
    setup = await configuredHome();
    await fs.writeFile(path.join(setup.home, '.bashrc'), `export ${V}=${FAKE_TOKEN}\n`);
    const run = await runBuiltCli(['doctor', '--json', '--fix', '--yes', '--profile', setup.signedIn.profile], { ...setup.signedIn.env, PATH: setup.bin });
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as DoctorJson;
    assert.deepEqual(report.checks.filter((check) => check.status !== 'pass'), []);
    assert.match(run.stderr, /Removed line \d+ of .*\.bashrc \(backup: /);
    assert.match(await fs.readFile(path.join(setup.home, '.bashrc'), 'utf8'), /^# Claude Code on Bedrock removed a line that set AWS_BEARER_TOKEN_BEDROCK/);
    assertNoToken(run.stdout + run.stderr, 'the CLI output');
  });

  it('--yes without --fix is a usage error', async () => {
    setup = await configuredHome();
    const io = capturedIo(false);
    assert.equal(await runDoctor(['--yes'], io, await dependencies(setup)), 2);
    assert.match(io.stderrText(), /--yes only applies to --fix/);
  });
});

describe('planFixes', () => {
  const failing = (id: SetupCheck['id'], fix: SetupCheck['fix']): SetupCheck => ({ id, title: id, status: 'fail', detail: 'x.', ...(fix ? { fix } : {}) });

  it('runs sign-in before configure before the bearer-token removal, each once, and lists the rest', () => {
    const install = { title: 'Install Claude Code', cli: 'npm install -g @anthropic-ai/claude-code' };
    const plan = planFixes([
      failing('claude-settings', configureFix()),
      failing('bearer-token', removeBearerTokenFix(V)),
      failing('sso-token', signInFix('dev')),
      failing('credentials', signInFix('dev')),
      failing('inference-profile', configureFix('Choose another inference profile')),
      failing('claude-cli', install),
      { id: 'aws-profile', title: 'p', status: 'warn', detail: 'x.', fix: signInFix('other') },
    ]);
    assert.deepEqual(
      plan.runnable.map((fix) => fix.cli),
      ['bedrock-onboard login --profile dev', 'bedrock-onboard configure', 'bedrock-onboard bearer-token --fix'],
    );
    assert.deepEqual(plan.manual, [install]);
  });

  it('derives the displayed command from the arguments, quoted for a shell', () => {
    assert.equal(signInFix("my profile's").cli, `bedrock-onboard login --profile 'my profile'\\''s'`);
    assert.deepEqual(signInFix('dev').cliArgs, ['login', '--profile', 'dev']);
  });
});
