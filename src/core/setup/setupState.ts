import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ensurePrivateDirectory, isNotFound, writeFileAtomic } from '../files/atomicWrite';
import type { TierModelLabel } from '../claudeSettings/tierModelLabels';
import type { ClaudeTier } from '../claudeTiers/claudeTiers';
import { UserFacingError } from '../runtime/userFacingError';
import { isSetupStepId, type SetupStepId } from './setupSteps';

export const SETUP_STATE_VERSION = 1;
export const SETUP_STATE_UNREADABLE_CODE = 'setup.state-unreadable';

export type ProfileTier = ClaudeTier;

/** The inference profiles chosen for an AWS profile; kept so a resumed run need not search again. */
export interface ChosenInferenceProfiles {
  readonly awsProfile: string;
  readonly accountId: string;
  readonly region: string;
  readonly primaryArn: string;
  readonly tierArns: Readonly<Partial<Record<ProfileTier, string>>>;
  /** `/model` labels for the tiers, from the models behind the profiles (absent in records of older runs). */
  readonly tierLabels?: Readonly<Partial<Record<ProfileTier, TierModelLabel>>>;
  /** The developer's cost-allocation tag value, read from the profile's tags when known. */
  readonly developerId?: string;
}

export interface PassedConnectionTest {
  readonly awsProfile: string;
  readonly primaryArn: string;
  readonly checkedAt: string;
}

export interface SeenCost {
  readonly awsProfile: string;
  readonly amount: number;
  readonly currency: string;
  /** `billed`, `estimated` or `mixed`: which source the figure came from. */
  readonly source: string;
  readonly checkedAt: string;
}

/** The Claude Code CLI that passed the setup check's test (found, runs, new enough). */
export interface CheckedClaudeCli {
  readonly program: string;
  /** The check's sentence, e.g. "Claude Code 2.0.1 at /usr/local/bin/claude." */
  readonly detail: string;
}

/**
 * What Set Up remembers on this machine between runs: results that are not visible in
 * the user's own files (the chosen profiles before settings are written, a passed
 * connection test, the cost seen) and the step the last run was on.
 */
export interface SetupState {
  readonly version: typeof SETUP_STATE_VERSION;
  readonly inferenceProfile?: ChosenInferenceProfiles;
  readonly connection?: PassedConnectionTest;
  readonly cost?: SeenCost;
  readonly claudeCli?: CheckedClaudeCli;
  /** The step the last run started and did not finish (cancelled, failed or interrupted). */
  readonly unfinishedStep?: SetupStepId;
  readonly completedAt?: string;
}

export const EMPTY_SETUP_STATE: SetupState = { version: SETUP_STATE_VERSION };

/**
 * Reads the state file; a missing file is an empty state. A file that cannot be parsed is
 * left as it is and reported, so a newer version's state is never clobbered.
 */
export async function readSetupState(statePath: string): Promise<SetupState> {
  let text: string;
  try {
    text = await fs.readFile(statePath, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return EMPTY_SETUP_STATE;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw unreadable(statePath);
  }
  if (!isSetupState(parsed)) throw unreadable(statePath);
  return parsed;
}

export async function writeSetupState(statePath: string, state: SetupState): Promise<void> {
  await ensurePrivateDirectory(path.dirname(statePath));
  await writeFileAtomic(statePath, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

function unreadable(statePath: string): UserFacingError {
  return new UserFacingError(
    `The Set Up progress file ${statePath} could not be read, so it was left as it is. Delete it to start Set Up from the beginning.`,
    SETUP_STATE_UNREADABLE_CODE,
  );
}

function isSetupState(value: unknown): value is SetupState {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record['version'] !== SETUP_STATE_VERSION) return false;
  const step = record['unfinishedStep'];
  if (step !== undefined && !isSetupStepId(step)) return false;
  const profile = record['inferenceProfile'];
  if (profile !== undefined && !isChosenProfiles(profile)) return false;
  return true;
}

function isChosenProfiles(value: unknown): value is ChosenInferenceProfiles {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['awsProfile', 'accountId', 'region', 'primaryArn'].every((key) => typeof record[key] === 'string') && typeof record['tierArns'] === 'object' && record['tierArns'] !== null;
}
