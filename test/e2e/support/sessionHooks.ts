import assert from 'node:assert/strict';
import type { WorkbenchSession } from './workbenchSession';

/**
 * The mocha hooks every spec needs around one workbench: start it before the tests, take a
 * screenshot named `failed-<prefix><test title>` when a test fails, stop it afterwards.
 * Returns the running session (a failed start fails each test with a pointer to the hook).
 */
export function useWorkbenchSession(start: () => Promise<WorkbenchSession>, options: { screenshotPrefix?: string } = {}): () => WorkbenchSession {
  let session: WorkbenchSession | undefined;
  before(async () => {
    session = await start();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await session.user.screenshot(`failed-${options.screenshotPrefix ?? ''}${this.currentTest.title}`).catch(() => undefined);
  });
  after(async () => {
    await session?.stop();
    session = undefined;
  });
  return () => {
    assert.ok(session, 'the workbench did not start (see the before-all hook)');
    return session;
  };
}
