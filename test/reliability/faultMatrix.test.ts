// Suite 1: every AWS operation the product calls × every fault the emulator injects, run
// through the user-level core flow. Prints operation × fault → outcome.
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseIni } from '../../src/core/awsConfig/iniDocument';
import { emulatorEndpointEnv, startEmulator, type Emulator, type FaultSpec } from '../emulator/server';
import { setEnv } from '../emulator/testSupport';
import { defaultWorld } from '../emulator/world';
import { runCli } from '../../src/cli/runCli';
import { makeTempHome } from '../support/tempHome';
import { bounded, recordingLogger, runCost, runDiscovery, runSignIn, runTestConnection, type Outcome } from './support/flows';

type Flow = 'signIn' | 'discovery' | 'testConnection' | 'cost';

const OPERATIONS: readonly { op: string; flow: Flow }[] = [
  { op: 'RegisterClient', flow: 'signIn' },
  { op: 'StartDeviceAuthorization', flow: 'signIn' },
  { op: 'CreateToken', flow: 'signIn' },
  { op: 'ListAccounts', flow: 'signIn' },
  { op: 'ListAccountRoles', flow: 'signIn' },
  { op: 'GetRoleCredentials', flow: 'testConnection' },
  { op: 'GetCallerIdentity', flow: 'testConnection' },
  { op: 'ListInferenceProfiles', flow: 'discovery' },
  { op: 'GetInferenceProfile', flow: 'discovery' },
  { op: 'ListTagsForResource', flow: 'discovery' },
  { op: 'Converse', flow: 'testConnection' },
  { op: 'GetCostAndUsage', flow: 'cost' },
];

interface FaultCase {
  readonly name: string;
  /** Cleared after one occurrence: the SDK's retry must make the flow succeed. */
  readonly transient: boolean;
  readonly spec?: Omit<FaultSpec, 'operation'>;
  readonly expiredToken?: true;
}

const FAULTS: readonly FaultCase[] = [
  { name: '500 once', transient: true, spec: { kind: 'status', status: 500, times: 1 } },
  { name: '503 once', transient: true, spec: { kind: 'status', status: 503, times: 1 } },
  { name: 'throttle once', transient: true, spec: { kind: 'throttle', times: 1 } },
  { name: 'latency 2s', transient: true, spec: { kind: 'latency', ms: 2000, times: 1 } },
  { name: 'reset once', transient: true, spec: { kind: 'reset', times: 1 } },
  { name: 'malformed once', transient: false, spec: { kind: 'malformed', times: 1 } },
  { name: '503 always', transient: false, spec: { kind: 'status', status: 503 } },
  { name: 'expired token', transient: false, expiredToken: true },
];

/** Sign-in recovers from a revoked cached session by signing in afresh. */
const RECOVERS_FROM_EXPIRED: readonly Flow[] = ['signIn'];

const SERVICE_WORDS = /IAM Identity Center|access portal|AWS STS|Bedrock|inference profile|Cost Explorer|credentials|sign-in/;

/** What a user reads must name the operation (or the step that runs it) and say what to do. */
function sentenceProblem(outcome: Outcome, op: string): string | undefined {
  if (outcome.kind === 'crashed') return `not a sentence: ${outcome.message}`;
  if (outcome.kind === 'ok') return undefined;
  if (!/[.!?)]$/.test(outcome.message.trim())) return `not a complete sentence: ${outcome.message}`;
  if (!/\b(try again|run|sign in|ask|check|retry|later|grant|wait|tried again|the log)\b/i.test(outcome.message)) return `says nothing to do: ${outcome.message}`;
  if (!outcome.message.includes(op) && !SERVICE_WORDS.test(outcome.message)) return `names neither ${op} nor its service: ${outcome.message}`;
  return undefined;
}

describe('reliability: fault matrix (operation × fault → outcome)', function () {
  this.timeout(240_000);
  let emulator: Emulator;
  let restoreEnv: () => void;
  let signedHome: { home: string; remove: () => Promise<void> };
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => {
    unhandled.push(reason);
  };
  /** Every log line and user-visible message the flows produced, for the secret scan. */
  const seen: string[] = [];
  const rows: { op: string; fault: string; outcome: string; attempts: number; verdict: string }[] = [];

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    emulator = await startEmulator(defaultWorld(), { deviceFlow: { mode: 'autoApprove', userName: 'alice', afterPolls: 1, interval: 1 } });
    signedHome = await makeTempHome('reliability-faults-');
    restoreEnv = setEnv({
      ...emulatorEndpointEnv(emulator.url),
      HOME: signedHome.home,
      AWS_CONFIG_FILE: undefined,
      AWS_SHARED_CREDENTIALS_FILE: undefined,
      AWS_PROFILE: undefined,
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_BEARER_TOKEN_BEDROCK: undefined,
      AWS_REGION: undefined,
      CLAUDE_CONFIG_DIR: undefined,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    const first = await runSignIn(signedHome.home, recordingLogger([]));
    assert.equal(first.kind, 'ok', JSON.stringify(first));
  });

  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    restoreEnv();
    await emulator.close();
    await signedHome.remove();
    const width = Math.max(...rows.map((r) => r.op.length));
    console.log(`\n  fault matrix: ${String(rows.length)} cases, ${String(rows.filter((r) => r.verdict !== 'ok').length)} violations, ${String(unhandled.length)} unhandled rejections`);
    for (const r of rows) console.log(`    ${r.op.padEnd(width)}  ${r.fault.padEnd(15)} → ${r.outcome} (requests: ${String(r.attempts)})${r.verdict === 'ok' ? '' : `  VIOLATION ${r.verdict}`}`);
  });

  for (const { op, flow } of OPERATIONS) {
    it(`${op}: every fault ends in success after a retry or in one clear sentence`, async () => {
      const violations: string[] = [];
      for (const fault of FAULTS) {
        emulator.clearFaults();
        emulator.resetRequests();
        // An expired token hits sign-in through the cached session; other faults a fresh home.
        const fresh = flow === 'signIn' && fault.expiredToken !== true ? await makeTempHome('reliability-signin-') : undefined;
        const home = fresh?.home ?? signedHome.home;
        if (fault.spec) emulator.injectFault({ ...fault.spec, operation: op });
        if (fault.expiredToken === true) {
          emulator.expireAccessTokens();
          emulator.expireRoleCredentials();
        }
        const logger = recordingLogger(seen);
        const run = flow === 'signIn' ? runSignIn(home, logger) : flow === 'discovery' ? runDiscovery(logger) : flow === 'testConnection' ? runTestConnection(logger) : runCost(logger);
        const outcome = await bounded(run, 30_000);
        emulator.clearFaults();
        const attempts = emulator.requestCount(op);
        let verdict = 'ok';
        if (fault.expiredToken === true && RECOVERS_FROM_EXPIRED.includes(flow) && outcome.kind !== 'ok') verdict = `expected a fresh sign-in, got: ${outcome.message}`;
        else if (fault.transient && outcome.kind !== 'ok') verdict = `expected a retried success, got: ${outcome.message}`;
        else verdict = sentenceProblem(outcome, op) ?? 'ok';
        if (fault.transient && attempts < 2 && fault.spec?.kind !== 'latency') verdict = `expected the SDK to retry ${op}, saw ${String(attempts)} request(s)`;
        if (fresh) {
          seen.push(await fs.readFile(path.join(fresh.home, '.aws', 'config'), 'utf8').catch(() => ''));
          verdict = (await halfWritten(fresh.home)) ?? verdict;
          await fresh.remove();
        }
        if (fault.expiredToken === true) {
          // Sign in again so the next operation starts from a valid session.
          const again = await runSignIn(signedHome.home, recordingLogger([]));
          assert.equal(again.kind, 'ok', JSON.stringify(again));
        }
        if (outcome.kind !== 'ok') seen.push(outcome.message);
        if (fresh === undefined) seen.push(await fs.readFile(path.join(home, '.aws', 'config'), 'utf8'));
        const shown = outcome.kind === 'ok' ? 'ok' : `${outcome.kind} [${outcome.kind === 'refused' ? outcome.code : ''}] ${outcome.message.slice(0, 160)}`;
        rows.push({ op, fault: fault.name, outcome: shown, attempts, verdict });
        if (verdict !== 'ok') violations.push(`${fault.name}: ${verdict}`);
      }
      assert.deepEqual(violations, []);
      assert.deepEqual(unhandled, []);
    });
  }

  it('the CLI commands run against the signed-in home (their output joins the secret scan)', async () => {
    emulator.clearFaults();
    const commands = [['configure', '--profile', 'claude-code', '--yes'], ['test-connection', '--profile', 'claude-code'], ['cost', '--profile', 'claude-code'], ['doctor', '--profile', 'claude-code'], ['login', '--profile', 'claude-code']];
    const codes: string[] = [];
    for (const argv of commands) {
      let out = '';
      const code = await Promise.race([
        runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (out += t), stdinIsTTY: false }),
        new Promise<number>((resolve) => setTimeout(() => { resolve(-1); }, 30_000)),
      ]);
      codes.push(`${argv[0] ?? ''}=${String(code)}`);
      assert.ok(out.trim().length > 0, `${argv.join(' ')} printed nothing`);
      seen.push(out);
    }
    for (const file of [path.join(signedHome.home, '.claude', 'settings.json'), path.join(signedHome.home, '.aws', 'config')]) seen.push(await fs.readFile(file, 'utf8').catch(() => ''));
    console.log(`\n  CLI runs for the secret scan: ${codes.join(', ')}`);
  });

  it('secrets: no token, client secret or key the emulator issued appears in any log line, message or config file', () => {
    const secrets = emulator.issuedSecrets().filter((secret) => secret.length >= 8);
    assert.ok(secrets.length > 50, `only ${String(secrets.length)} secrets were issued`);
    assert.ok(seen.length > 100, `only ${String(seen.length)} strings were captured`);
    const leaks = seen.flatMap((text, index) => secrets.filter((secret) => text.includes(secret)).map((secret) => `string ${String(index)} contains ${secret.slice(0, 4)}…`));
    console.log(`\n  secrets (fault matrix flows): ${String(seen.length)} strings scanned for ${String(secrets.length)} issued secrets, ${String(leaks.length)} leaks`);
    assert.deepEqual(leaks, []);
  });
});

/** Files sign-in writes must be absent or complete: the config parses with its sections, the cache is JSON. */
async function halfWritten(home: string): Promise<string | undefined> {
  const config = await fs.readFile(path.join(home, '.aws', 'config'), 'utf8').catch(() => undefined);
  if (config !== undefined) {
    const doc = parseIni(config);
    const headers = doc.sections.map((s) => s.header);
    if (!headers.includes('profile claude-code') || !headers.includes('sso-session claude-code')) return `~/.aws/config is incomplete: ${JSON.stringify(config)}`;
  }
  const cacheDir = path.join(home, '.aws', 'sso', 'cache');
  const names = await fs.readdir(cacheDir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const text = await fs.readFile(path.join(cacheDir, name), 'utf8');
    try {
      JSON.parse(text);
    } catch {
      return `token cache ${name} is not complete JSON`;
    }
  }
  return undefined;
}
