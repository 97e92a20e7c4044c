// A temporary home whose AWS SDK endpoints point at a fresh emulator, and Set Up's step
// handlers over the real core operations with scripted answers, as the extension wires them.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as aws from '../../../src/core/awsOperations';
import { BUILT_IN_SETTINGS } from '../../../src/core/orgDefaults/builtInSettings';
import { resolveEffectiveSettings } from '../../../src/core/orgDefaults/effectiveSettings';
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
  /** Runs Set Up; `cancelAt` aborts the run as that step starts. */
  run(options?: { cancelAt?: SetupStepId; bearerToken?: 'fix' | 'leave' }): Promise<SetupRunResult & { events: StepEvent[] }>;
  close(): Promise<void>;
}

export function quietLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  return { lines, trace: push('trace'), debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

/** The built-in settings, as a developer without an organisation file or settings of their own has them. */
export const costSettings = { effective: resolveEffectiveSettings({ builtIn: BUILT_IN_SETTINGS, org: {}, user: {} }) };

export async function setupHome(): Promise<SetupHome> {
  const emulator = await startEmulator(defaultWorld(), { deviceFlow: { mode: 'autoApprove', userName: 'alice', afterPolls: 1, interval: 1 } });
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'bedrock-setup-'));
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) if (AMBIENT.test(name)) Reflect.deleteProperty(process.env, name);
  Object.assign(process.env, { HOME: home, AWS_EC2_METADATA_DISABLED: 'true', ...emulatorEndpointEnv(emulator.url) });
  const environment = testEnvironment(home);
  const statePath = path.join(home, 'vscode-global-storage', 'setup-state.json');
  // Beside the state file, as in the extension's global storage.
  const costCacheDir = path.dirname(statePath);
  const asked: string[] = [];

  const run: SetupHome['run'] = async (options = {}) => {
    const controller = new AbortController();
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
    };
    const bearerTokenScan = { processOrigin: 'terminal' as const, managedSettingsDirectory: path.join(home, 'managed') };
    const events: StepEvent[] = [];
    const result = await runSetup({
      statePath,
      readFacts: () => readSetupFacts({ environment, profileName: PROFILE, bearerTokenScan }),
      handlers: createSetupStepHandlers({
        environment,
        aws,
        profileName: PROFILE,
        signInRequest: () => Promise.resolve({ startUrl: START_URL, ssoRegion: 'us-east-1', sessionName: 'claude-code', profileName: PROFILE, region: 'us-east-1' }),
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
