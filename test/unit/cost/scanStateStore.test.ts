import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Logger } from '../../../src/core/runtime/logger';
import { loadScanState, saveScanState } from '../../../src/core/cost/scanStateStore';
import { emptyFileScan, emptyScanState } from '../../../src/core/cost/transcriptScanState';
import { makeTempHome } from '../../support/tempHome';

const STATE_FILE = 'transcript-scan-state.json';

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const ignore = (): void => undefined;
  return { warnings, trace: ignore, debug: ignore, info: ignore, warn: (message) => warnings.push(message), error: ignore };
}

describe('cost: where the transcript scan state is kept', () => {
  let home: { home: string; remove: () => Promise<void> };
  let cacheDir: string;
  beforeEach(async () => {
    home = await makeTempHome();
    cacheDir = path.join(home.home, 'cache', 'cost');
  });
  afterEach(async () => {
    await home.remove();
  });

  it('saves a state that loads back the same, readable only by its owner', async () => {
    const state = emptyScanState('2026-03');
    state.files['p/a.jsonl'] = { ...emptyFileScan(), size: 12, offset: 12, tail: 'e30K', firstTime: 7, usageLines: 1, keyed: { 'm:r': ['2026-03-10', 'model', 0, 1, 2, 3, 4, 5] } };
    await saveScanState(cacheDir, state);
    assert.deepEqual(await loadScanState(cacheDir), state);
    if (process.platform !== 'win32') assert.equal((await fs.stat(path.join(cacheDir, STATE_FILE))).mode & 0o777, 0o600);
  });

  it('makes a state file others could read private when it saves over it', async function () {
    if (process.platform === 'win32') this.skip();
    await fs.mkdir(cacheDir, { recursive: true });
    await fs.writeFile(path.join(cacheDir, STATE_FILE), '{}', { mode: 0o644 });
    await fs.chmod(path.join(cacheDir, STATE_FILE), 0o644);
    await saveScanState(cacheDir, emptyScanState('2026-03'));
    assert.equal((await fs.stat(path.join(cacheDir, STATE_FILE))).mode & 0o777, 0o600);
  });

  it('has no state, silently, before one was ever saved', async () => {
    const logger = recordingLogger();
    assert.equal(await loadScanState(cacheDir, logger), undefined);
    assert.deepEqual(logger.warnings, []);
  });

  it('has no state, and says the transcripts will be read again, when the file is damaged', async () => {
    await fs.mkdir(cacheDir, { recursive: true });
    await fs.writeFile(path.join(cacheDir, STATE_FILE), '{"version":2,"month":');
    const logger = recordingLogger();
    assert.equal(await loadScanState(cacheDir, logger), undefined);
    assert.deepEqual(logger.warnings, [`The transcript scan state in ${cacheDir} could not be read; transcripts will be read again.`]);
  });

  it('has no state, silently, when the file holds a state of another version', async () => {
    await fs.mkdir(cacheDir, { recursive: true });
    await fs.writeFile(path.join(cacheDir, STATE_FILE), JSON.stringify({ ...emptyScanState('2026-03'), version: 1 }));
    const logger = recordingLogger();
    assert.equal(await loadScanState(cacheDir, logger), undefined);
    assert.deepEqual(logger.warnings, []);
  });
});
