// Suites 2 and 3: SIGKILL a process while it writes ~/.aws/config, the SSO token cache and
// ~/.claude/settings.json (each file must stay old-or-new complete), and two processes
// writing the same ~/.aws/config at once (neither loses the other's profile), plus a
// stale lock left by a killed holder.
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliConfigView } from '../../src/core/awsConfig/cliConfigView';
import { parseIni } from '../../src/core/awsConfig/iniDocument';
import { writeSsoProfile } from '../../src/core/awsConfig/ssoProfileWriter';
import { makeTempHome, testEnvironment } from '../support/tempHome';
import { buildWriterChild, exited, lineReader, startChild } from './support/childProcess';
import { configProblem, FOREIGN_CONFIG, homeProblems, seedHome, settingsProblem, tokenProblem } from './support/fileChecks';
import { crashState, profileRequest } from './support/writerStates';

/** A number of kills, not a time budget: a loaded machine takes longer, and still checks as much. */
const CRASH_KILLS = 100;
const CRASH_WORKERS = Math.max(2, Math.min(6, os.cpus().length));

describe('reliability: crash safety and concurrency (child processes)', function () {
  this.timeout(120_000);
  let child: { script: string; remove: () => Promise<void> };
  before(async () => {
    child = await buildWriterChild();
  });
  after(async () => {
    await child.remove();
  });

  it('SIGKILL at random moments never leaves ~/.aws/config, the token cache or settings.json truncated or mixed', async () => {
    let kills = 0;
    let checks = 0;
    const violations: string[] = [];
    /** Which state ~/.aws/config held after each kill: both must occur, or the kills missed the writes. */
    const statesSeen = new Map<string, number>();
    const worker = async (): Promise<void> => {
      const { home, remove } = await makeTempHome('reliability-crash-');
      await seedHome(home);
      try {
        while (checks < CRASH_KILLS && violations.length < 5) {
          const proc = startChild(child.script, ['crash', home]);
          const done = exited(proc);
          const nextLine = lineReader(proc);
          await nextLine(); // "ready": inside the write loop
          // Wait for 0, 1 or 2 finished ~/.aws/config writes (the child says each one), then a
          // random moment into what follows. Counting writes, not milliseconds, lands kills after
          // both states however slow a loaded machine makes each write.
          const writesToWaitFor = Math.floor(Math.random() * 3);
          for (let write = 0; write < writesToWaitFor; write++) await nextLine();
          await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() ** 2 * 40)));
          proc.kill('SIGKILL');
          const end = await done;
          if (end.signal === 'SIGKILL') kills++;
          else violations.push(`the writer ended by itself (${String(end.code)}): ${end.stderr}`);
          checks++;
          for (const problem of await homeProblems(home)) violations.push(`after kill ${String(kills)}: ${problem}`);
          const region = /^region = (.*)$/m.exec((await fs.readFile(path.join(home, '.aws', 'config'), 'utf8')).slice(FOREIGN_CONFIG.length))?.[1] ?? 'none';
          statesSeen.set(region, (statesSeen.get(region) ?? 0) + 1);
        }
      } finally {
        await remove();
      }
    };
    await Promise.all(Array.from({ length: CRASH_WORKERS }, worker));
    console.log(`\n  crash safety: ${String(kills)} SIGKILLs across ${String(CRASH_WORKERS)} homes, ${String(checks * 3)} file checks, ${String(violations.length)} violations`);
    console.log(`    config state after a kill: ${[...statesSeen].map(([k, v]) => `${k}×${String(v)}`).join(', ')}`);
    assert.deepEqual(violations, []);
    assert.ok((statesSeen.get('us-west-2') ?? 0) > 0 && (statesSeen.get('eu-central-1') ?? 0) > 0, 'kills landed in both halves of the write loop');
    assert.equal(kills, checks, 'every writer was killed while it wrote');
  });

  it('the checker itself rejects truncated and mixed files', () => {
    const full = `${FOREIGN_CONFIG}[profile claude-code]\nsso_session = claude-code\nsso_account_id = 111122223333\nsso_role_name = BedrockDeveloper\nregion = us-west-2\n[sso-session claude-code]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n`;
    assert.equal(configProblem(full), undefined);
    for (let cut = FOREIGN_CONFIG.length + 1; cut < full.length - 1; cut += 7) assert.notEqual(configProblem(full.slice(0, cut)), undefined, `accepted ${JSON.stringify(full.slice(0, cut))}`);
    assert.notEqual(configProblem(FOREIGN_CONFIG.slice(0, 20)), undefined);
    const token = JSON.stringify({ ...crashState(0).token, clientId: crashState(1).token.clientId });
    assert.notEqual(tokenProblem(token), undefined);
    assert.notEqual(tokenProblem(JSON.stringify(crashState(0).token).slice(0, -3)), undefined);
    assert.notEqual(settingsProblem('{"theme": "dark", "env": {"KEEP": "1", "AWS_REG'), undefined);
  });

  it('two processes writing different profiles into one ~/.aws/config at once both keep theirs, round after round', async () => {
    // Each round releases both writers with one line each, so their read-modify-write
    // cycles overlap, and each round writes a region the previous round did not: a write
    // lost to the other process shows as a stale region in that very round (checking
    // only the final file let a later write repair an earlier loss unseen).
    const rounds = 40;
    const regions = ['us-west-2', 'eu-central-1'];
    const { home, remove } = await makeTempHome('reliability-concurrent-');
    const names = ['alpha', 'beta'];
    const procs = names.map((name) => startChild(child.script, ['lockstep', home, name], { stdin: 'pipe' }));
    const ends = procs.map(exited);
    const nextLine = procs.map(lineReader);
    const lost: string[] = [];
    try {
      await seedHome(home);
      for (let round = 0; round < rounds; round++) {
        const region = regions[round % regions.length] ?? 'us-west-2';
        for (const proc of procs) proc.stdin?.write(`go ${region}\n`);
        assert.deepEqual(await Promise.all(nextLine.map((next) => next())), ['done', 'done']);
        const text = await fs.readFile(path.join(home, '.aws', 'config'), 'utf8');
        assert.ok(text.startsWith(FOREIGN_CONFIG), `round ${String(round)}: the user profile survived`);
        const view = cliConfigView(parseIni(text));
        assert.equal(view.readableByCli, true, text);
        for (const name of names) {
          const got = view.profiles.get(name)?.get('region');
          if (got !== region) lost.push(`round ${String(round)}: ${name} has ${got ?? 'no profile'}, not ${region}`);
        }
      }
    } finally {
      for (const proc of procs) proc.stdin?.end();
      for (const end of await Promise.all(ends)) assert.equal(end.code, 0, end.stderr);
      await remove();
    }
    console.log(`\n  concurrency: ${String(rounds)} rounds × 2 overlapping writers, each round checked, ${String(lost.length)} lost writes`);
    assert.deepEqual(lost, []);
  });

  it('a lock left by a killed process is taken over, and the write completes', async () => {
    const { home, remove } = await makeTempHome('reliability-stale-lock-');
    try {
      await seedHome(home);
      // A holder that died: a process id that no longer exists on this host.
      const dead = startChild(child.script, ['profile', home, 'ghost', '0']);
      const deadPid = dead.pid ?? 0;
      await exited(dead);
      const lockPath = `${path.join(home, '.aws', 'config')}.lock`;
      await fs.writeFile(lockPath, JSON.stringify({ pid: deadPid, host: os.hostname(), acquiredAt: Date.now() }));
      // Waiting the lock out instead would end in the lock's time-out error, not a write.
      const result = await writeSsoProfile(testEnvironment(home), profileRequest('after-crash', 'us-west-2'));
      assert.equal(result.status, 'written');
      await assert.rejects(fs.stat(lockPath), { code: 'ENOENT' });
    } finally {
      await remove();
    }
  });
});
