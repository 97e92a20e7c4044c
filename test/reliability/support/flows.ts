// The user-level core flows the reliability suites drive against the emulator, each
// reduced to an outcome: succeeded, refused with a sentence (UserFacingError or a reported
// failure step), or failed in a way the user would never get a sentence for.
import { profileCredentials } from '../../../src/core/identity/profileCredentials';
import { discoverInferenceProfiles } from '../../../src/core/discovery/discoverInferenceProfiles';
import { testConnection } from '../../../src/core/connection/testConnection';
import { fetchBilledCost } from '../../../src/core/cost/costExplorer';
import { signIn } from '../../../src/core/sso/signIn';
import type { SignInInteraction } from '../../../src/core/sso/signInTypes';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';
import type { Logger } from '../../../src/core/runtime/logger';
import { testEnvironment } from '../../support/tempHome';

export const PROFILE = 'claude-code';
export const START_URL = 'https://d-1234567890.awsapps.com/start';
export const ALICE_SONNET = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/k3v9q2m7x1ab';

export type Outcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  | { readonly kind: 'crashed'; readonly message: string };

/** A logger that keeps every line, for the secret scan. */
export function recordingLogger(lines: string[]): Logger {
  const keep = (level: string) => (message: string) => {
    lines.push(`${level} ${message}`);
  };
  return { trace: keep('trace'), debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}

export const autoInteraction: SignInInteraction = {
  showCode: () => undefined,
  chooseAccount: (accounts, preselected) => Promise.resolve(accounts.find((a) => a.accountId === preselected) ?? accounts[0]!),
  chooseRole: (roles, preselected) => Promise.resolve(roles.find((r) => r.roleName === preselected) ?? roles[0]!),
  confirmProfileOverwrite: () => Promise.resolve(true),
};

const noSleep = (): Promise<void> => Promise.resolve();

export function outcomeOfError(error: unknown): Outcome {
  if (isUserFacingError(error)) return { kind: 'refused', code: error.code, message: error.message };
  return { kind: 'crashed', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

export async function runSignIn(home: string, logger: Logger): Promise<Outcome> {
  try {
    await signIn(
      testEnvironment(home),
      { startUrl: START_URL, ssoRegion: 'us-east-1', sessionName: PROFILE, profileName: PROFILE, accountId: '111122223333', roleName: 'BedrockDeveloper', region: 'us-east-1' },
      autoInteraction,
      { sleep: noSleep, logger },
    );
    return { kind: 'ok' };
  } catch (error) {
    return outcomeOfError(error);
  }
}

export async function runDiscovery(logger: Logger): Promise<Outcome> {
  try {
    const result = await discoverInferenceProfiles({ credentials: profileCredentials(PROFILE), regions: ['us-east-1'], profileName: PROFILE, maxAttempts: 3, logger });
    const problem = result.problems[0];
    return problem === undefined ? { kind: 'ok' } : { kind: 'refused', code: problem.code, message: problem.message };
  } catch (error) {
    return outcomeOfError(error);
  }
}

export async function runTestConnection(logger: Logger): Promise<Outcome> {
  try {
    const report = await testConnection({ credentials: profileCredentials(PROFILE), region: 'us-east-1', inferenceProfileArn: ALICE_SONNET, profileName: PROFILE, probe: true, maxAttempts: 3, logger });
    const failed = report.steps.find((step) => step.status === 'failed');
    return failed === undefined ? { kind: 'ok' } : { kind: 'refused', code: failed.code ?? failed.operation, message: failed.message ?? '' };
  } catch (error) {
    return outcomeOfError(error);
  }
}

export async function runCost(logger: Logger): Promise<Outcome> {
  try {
    await fetchBilledCost({ credentials: profileCredentials(PROFILE), tagKey: 'DeveloperId', tagValue: 'alice', now: new Date(), maxAttempts: 3, logger });
    return { kind: 'ok' };
  } catch (error) {
    return outcomeOfError(error);
  }
}

/** Bounds a flow so a hang is an outcome, not a stuck suite. */
export async function bounded(flow: Promise<Outcome>, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => {
      resolve({ kind: 'crashed', message: `no answer within ${String(ms)} ms` });
    }, ms);
  });
  try {
    return await Promise.race([flow, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
