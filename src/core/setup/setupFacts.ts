import { activeFindings } from '../bearerToken/bearerTokenFinding';
import { scanForBearerToken, type BearerTokenScanOptions } from '../bearerToken/bearerTokenScanner';
import { readClaudeSettings } from '../claudeSettings/settingsFile';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import { silentLogger } from '../runtime/logger';
import { findProgram } from '../runtime/programOnPath';
import { readSignInState } from '../sso/signInState';
import type { SetupFacts } from './setupPlan';

export interface ReadSetupFactsOptions {
  readonly environment: CoreEnvironment;
  readonly profileName: string;
  /** Where the bearer-token scan looks besides the home directory (workspace, VS Code settings). */
  readonly bearerTokenScan: Omit<BearerTokenScanOptions, 'environment'>;
}

/** Everything Set Up judges its steps by, from local files only: cheap, no network. */
export async function readSetupFacts(options: ReadSetupFactsOptions): Promise<SetupFacts> {
  const { env, platform } = options.environment;
  const [signIn, claudeSettings, scan, claudeProgram] = await Promise.all([
    readSignInState(options.environment, options.profileName),
    readClaudeSettings(options.environment),
    // Quiet: facts are read before every step and on every state change; the scans that
    // decide something (the status bar's, the bearer-token step's) are the ones logged.
    scanForBearerToken({ ...options.bearerTokenScan, environment: options.environment, logger: silentLogger }),
    findProgram('claude', env, platform),
  ]);
  return { profileName: options.profileName, signIn, claudeSettings, activeBearerTokenFindings: activeFindings(scan.findings).length, claudeProgram };
}
