// bench/setupFirstQuestion: the time from invoking Set Up to its first question, over the
// same core path the extension runs (runSetup reading its state and the local facts, then
// the sign-in step asking for the portal URL), in a fresh temporary home, with the `aws`
// of this machine's PATH (the v1 CLI starts Python on `aws --version`).
// Baseline, in the same run: the step dependencies built as before, with the awsAuthRefresh
// command (which runs `aws --version` synchronously) worked out on the click.
// Goal: the extension's part of "invoke to first question" well under 500 ms.
//   node --import tsx bench/setupFirstQuestion.ts
//   BENCH_RUNS=9
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { awsAuthRefreshCommand } from '../src/core/claudeSettings/awsAuthRefreshCommand';
import { CancelledError } from '../src/core/runtime/cancellation';
import { silentLogger } from '../src/core/runtime/logger';
import { findProgramSync } from '../src/core/runtime/programOnPath';
import { processEnvironment } from '../src/core/runtime/coreEnvironment';
import { runSetup } from '../src/core/setup/runSetup';
import { readSetupFacts } from '../src/core/setup/setupFacts';
import type { SetupInteraction } from '../src/core/setup/setupInteraction';
import { createSetupStepHandlers, type SetupStepDependencies } from '../src/core/setup/setupStepHandlers';

const runs = Number(process.env['BENCH_RUNS'] ?? 9);
const PROFILE = 'claude-code';

const unused = (): Promise<never> => Promise.reject(new Error('not reached before the first question'));
const interaction: SetupInteraction = new Proxy({} as SetupInteraction, { get: () => unused });

/** Milliseconds from the start of the command's work to the first question, in a new temp home. */
async function firstQuestion(eagerRefreshCommand: boolean): Promise<number> {
  const home = await mkdtemp(path.join(tmpdir(), 'bench-setup-first-question-'));
  try {
    const environment = processEnvironment({ homeDir: home, env: { ...process.env, HOME: home } });
    const started = performance.now();
    let asked = Number.NaN;
    const refresh = (): string => awsAuthRefreshCommand(PROFILE, environment.env, environment.platform, { execPath: process.execPath });
    // Before: setupStepDependencies evaluated the command while building the dependencies.
    const eager = eagerRefreshCommand ? refresh() : undefined;
    const deps: SetupStepDependencies = {
      environment,
      loadAws: () => {
        throw new Error('the AWS SDK is not needed before the first question');
      },
      profileName: PROFILE,
      signInRequest: () => {
        asked = performance.now() - started;
        return Promise.reject(new CancelledError('Set Up'));
      },
      search: { regions: ['us-east-1'], tagKeys: ['DeveloperId', 'Team'] },
      awsAuthRefresh: () => eager ?? refresh(),
      bearerTokenScan: { processOrigin: 'vscode-extension-host', workspaceFolders: [], vscodeSettingsFiles: [] },
      cost: { cacheDir: home, settings: { effective: {} } as never },
      interaction,
      logger: silentLogger,
      minimumClaudeCodeVersion: undefined,
    };
    const result = await runSetup({
      statePath: path.join(home, 'setup-state.json'),
      readFacts: () => readSetupFacts({ environment, profileName: PROFILE, bearerTokenScan: deps.bearerTokenScan }),
      handlers: createSetupStepHandlers(deps),
      now: () => new Date(),
      logger: silentLogger,
    });
    if (result.outcome !== 'cancelled' || Number.isNaN(asked)) throw new Error(`Set Up did not reach its first question: ${JSON.stringify(result)}`);
    return asked;
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const before: number[] = [];
  const after: number[] = [];
  await firstQuestion(false); // warm the module cache and the file system
  for (let i = 0; i < runs; i++) {
    before.push(await firstQuestion(true));
    after.push(await firstQuestion(false));
  }
  const aws = findProgramSync('aws', process.env, process.platform);
  console.log('bench/setupFirstQuestion');
  console.log(`  runs                                  ${String(runs)} (alternating, fresh temp home each)`);
  console.log(`  aws on PATH                           ${aws ?? 'none (the baseline then runs no aws --version)'}`);
  console.log(`  before: refresh command on the click  ${median(before).toFixed(1)} ms (median; min ${Math.min(...before).toFixed(1)}, max ${Math.max(...before).toFixed(1)})`);
  console.log(`  now: refresh command in its step      ${median(after).toFixed(1)} ms (median; min ${Math.min(...after).toFixed(1)}, max ${Math.max(...after).toFixed(1)})`);
  console.log(`  goal                                  < 500 ms: ${median(after) < 500 ? 'met' : 'NOT met'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
