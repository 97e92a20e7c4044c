import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ensurePrivateDirectory, isNotFound, writeFileAtomic } from '../files/atomicWrite';
import type { Logger } from '../runtime/logger';
import { silentLogger } from '../runtime/logger';
import type { TranscriptScanState } from './transcriptScanState';
import { isScanState } from './transcriptScanState';

const STATE_FILE = 'transcript-scan-state.json';

/**
 * The incremental reader's state, kept beside the cost cache. Any process may write it:
 * it is a pure function of the transcripts, so whichever complete state lands last is
 * correct, and a lost or damaged one only costs a full re-read.
 */
export async function loadScanState(directory: string, logger: Logger = silentLogger): Promise<TranscriptScanState | undefined> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(path.join(directory, STATE_FILE), 'utf8'));
    return isScanState(parsed) ? parsed : undefined;
  } catch (error) {
    if (!isNotFound(error)) logger.warn(`The transcript scan state in ${directory} could not be read; transcripts will be read again.`);
    return undefined;
  }
}

export async function saveScanState(directory: string, state: TranscriptScanState): Promise<void> {
  await ensurePrivateDirectory(directory);
  await writeFileAtomic(path.join(directory, STATE_FILE), JSON.stringify(state), { mode: 0o600 });
}
