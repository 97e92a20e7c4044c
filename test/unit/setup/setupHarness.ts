// A temporary home whose AWS SDK endpoints point at a fresh emulator, and Set Up's step
// handlers over the real core operations with scripted answers, as the extension wires them.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as aws from '../../../src/core/awsOperations';
import { BUILT_IN_SETTINGS } from '../../../src/core/orgDefaults/builtInSettings';
import { resolveEffectiveSettings } from '../../../src/core/orgDefaults/effectiveSettings';
import { BackRequestedError } from '../../../src/core/runtime/backRequested';
import type { Logger } from '../../../src/core/runtime/logger';
import { runSetup, type SetupRunResult, type StepEvent } from '../../../src/core/setup/runSetup';
import { readSetupFacts } from '../../../src/core/setup/setupFacts';
import type { SetupInteraction } from '../../../src/core/setup/setupInteraction';
import { createSetupStepHandlers } from '../../../src/core/setup/setupStepHandlers';
import type { SetupStepId } from '../../../src/core/setup/setupSteps';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { defaultWorld } from '../../emulator/world';
import { testEnvironment } from '../../support/tempHome';

export const PROFILE = 'claude-code';
export const START_URL = 'https://d-1234567890.awsapps.com/start';
export const SANDBOX = '111122223333';

/** Variables that would let the SDK reach the real machine's credentials instead of the temp home. */
const AMBIENT = /^AWS_(?!ENDPOINT_URL_)|^HOME$|^USERPROFILE$/;

export interface SetupHome {
  readonly emulator: Emulator;
  readonly home: string;
  readonly statePath: string;
  /** The shared Cost Explorer cache (the extension's global storage). */
  readonly costCacheDir: string;
  readonly asked: string[];
  /** What sign-in was asked to use, one entry per request (askAgain shows as `again: <error code or back>`). */
  readonly requests: string[];
  /**
   * Runs Set Up; `cancelAt` aborts the run as that step starts; `backAtProfile` presses
   * Back on the first profile question; `startUrls` are the portal URLs typed in turn.
   */
  run(options?: { cancelAt?: SetupStepId; bearerToken?: 'fix' | 'leave'; backAtProfile?: boolean; startUrls?: readonly string[] }): Promise<SetupRunResult & { events: StepEvent[] }>;
  close(): Promise<void>;
}

export function quietLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  return { lines, trace: push('trace'), debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

/** The built-in settings, as a developer without an organisation file or settings of their own has them. */
export const costSettings = { effective: resolveEffectiveSettings({ builtIn: BUILT_IN_SETTINGS, org: {}, user: {} }) };

/** A `claude` that answers `--version` as Claude Code does, in its own PATH folder. */
async function fakeClaudeOnPath(home: string): Promise<string> {
  const bin = path.join(home, 'bin');
  await fs.mkdir(bin, { recursive: true });
  await fs.writeFile(path.join(bin, 'claude'), '#!/bin/sh\necho "2.1.332 (Claude Code)"\n', { mode: 0o755 });
  return bin;
}

/** `claudeOnPath: false` leaves the Claude Code CLI out of PATH. */
export async function setupHome(options: { claudeOnPath?: boolean } = {}): Promise<SetupHome> {
  const emulator = await startEmulator(defaultWorld(), { deviceFlow: { mode: 'autoApprove', userName: 'alice', afterPolls: 1, interval: 1 } });
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'bedrock-setup-'));
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) if (AMBIENT.test(name)) Reflect.deleteProperty(process.env, name);
  Object.assign(process.env, { HOME: home, AWS_EC2_METADATA_DISABLED: 'true', ...emulatorEndpointEnv(emulator.url) });
  const environment = testEnvironment(home, { env: { PATH: options.claudeOnPath === false ? path.join(home, 'empty-bin') : await fakeClaudeOnPath(home) } });
  const requests: string[] = [];
  const statePath = path.join(home, 'vscode-global-storage', 'setup-state.json');
  // Beside the state file, as in the extension's global storage.
  const costCacheDir = path.dirname(statePath);
  const asked: string[] = [];

  const run: SetupHome['run'] = async (options = {}) => {
    const controller = new AbortController();
    let backPressed = false;
    const startUrls = [...(options.startUrls ?? [START_URL])];
    const interaction: SetupInteraction = {
      showCode: () => {
        asked.push('code');
      },
      chooseAccount: (accounts) => {
        asked.push('account');
        const account = accounts.find((a) => a.accountId === SANDBOX);
        if (!account) throw new Error('the sandbox account is not listed');
        return Promise.resolve(account);
      },
      chooseRole: (roles) => {
        asked.push('role');
        const role = roles.find((r) => r.roleName === 'BedrockDeveloper');
        if (!role) throw new Error('BedrockDeveloper is not listed');
        return Promise.resolve(role);
      },
      confirmProfileOverwrite: () => Promise.resolve(false),
      chooseDefaultProfile: (_candidates, recommended) => {
        asked.push('profile');
        if (options.backAtProfile && !backPressed) {
          backPressed = true;
          return Promise.reject(new BackRequestedError());
        }
        return Promise.resolve(recommended);
      },
      chooseTierProfile: (_tier, choices) => {
        asked.push('tier');
        const first = choices[0];
        if (!first) throw new Error('no choices');
        return Promise.resolve(first);
      },
      askForProfileArn: (reason) => Promise.reject(new Error(`asked for an ARN: ${reason}`)),
      confirmClaudeSettings: () => {
        asked.push('settings');
        return Promise.resolve(true);
      },
      decideBearerToken: () => {
        asked.push('bearer');
        return Promise.resolve(options.bearerToken ?? 'leave');
      },
      offerClaudeInstall: () => {
        asked.push('claude-install');
        return Promise.resolve('later');
      },
    };
    const bearerTokenScan = { processOrigin: 'terminal' as const, managedSettingsDirectory: path.join(home, 'managed') };
    const events: StepEvent[] = [];
    const result = await runSetup({
      statePath,
      readFacts: () => readSetupFacts({ environment, profileName: PROFILE, bearerTokenScan }),
      handlers: createSetupStepHandlers({
        environment,
        loadAws: () => aws,
        profileName: PROFILE,
        signInRequest: (requestOptions = {}) => {
          const again = requestOptions.askAgain;
          requests.push(again ? `again: ${again.error?.code ?? 'back'}` : requestOptions.choose ? 'choose' : 'first');
          const startUrl = startUrls.length > 1 ? (startUrls.shift() ?? START_URL) : (startUrls[0] ?? START_URL);
          return Promise.resolve({ startUrl, ssoRegion: 'us-east-1', sessionName: 'claude-code', profileName: PROFILE, region: 'us-east-1' });
        },
        search: { regions: ['us-east-1'], tagKeys: ['DeveloperId', 'Team'] },
        awsAuthRefresh: `aws sso login --profile ${PROFILE}`,
        bearerTokenScan,
        cost: { cacheDir: costCacheDir, settings: costSettings },
        interaction,
        logger: quietLogger(),
        sleep: () => Promise.resolve(),
      }),
      signal: controller.signal,
      now: () => new Date(),
      logger: quietLogger(),
      onStep: (event) => {
        events.push(event);
        if (event.kind === 'start' && event.step === options.cancelAt) controller.abort();
      },
    });
    return { ...result, events };
  };

  return {
    emulator,
    home,
    statePath,
    costCacheDir,
    asked,
    requests,
    run,
    close: async () => {
      await emulator.close();
      for (const name of Object.keys(process.env)) if (!(name in saved)) Reflect.deleteProperty(process.env, name);
      Object.assign(process.env, saved);
      await fs.rm(home, { recursive: true, force: true });
    },
  };
}

/** Requests the emulator served, by operation, for the log and for "nothing asked twice". */
export function requestsByOperation(emulator: Emulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of emulator.requests()) counts[request.operation] = (counts[request.operation] ?? 0) + 1;
  return counts;
}
