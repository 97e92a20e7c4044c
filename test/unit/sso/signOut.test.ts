import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import type { Logger } from '../../../src/core/runtime/logger';
import { signOut } from '../../../src/core/sso/signOut';
import { tokenCachePath } from '../../../src/core/ssoCache/ssoCachePaths';
import { writeCachedToken } from '../../../src/core/ssoCache/tokenCache';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { setEnv } from '../../emulator/testSupport';
import { defaultWorld } from '../../emulator/world';
import { makeTempHome, testEnvironment } from '../../support/tempHome';

describe('sign-out (real SDK against the emulator)', function () {
  let emulator: Emulator;
  let home: string;
  let removeHome: () => Promise<void>;
  let restoreEnv: () => void;

  beforeEach(async function () {
    emulator = await startEmulator(defaultWorld());
    ({ home, remove: removeHome } = await makeTempHome());
    restoreEnv = setEnv({ ...emulatorEndpointEnv(emulator.url), HOME: home, AWS_PROFILE: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_EC2_METADATA_DISABLED: 'true' });
  });
  afterEach(async function () {
    restoreEnv();
    await emulator.close();
    await removeHome();
  });

  async function cacheToken(options: { withRegion?: boolean } = {}): Promise<Date> {
    const issued = emulator.issueSsoToken('alice');
    const expiresAt = new Date(issued.expiresAt);
    const file = await writeCachedToken(testEnvironment(home), 'claude-code', { startUrl: issued.startUrl, region: issued.region, accessToken: issued.accessToken, expiresAt });
    if (options.withRegion === false) {
      const data = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
      delete data['region'];
      await fs.writeFile(file, JSON.stringify(data));
    }
    return expiresAt;
  }

  function recordingLogger(): Logger & { warnings: string[] } {
    const warnings: string[] = [];
    const ignore = (): void => undefined;
    return { warnings, trace: ignore, debug: ignore, info: ignore, error: ignore, warn: (message) => warnings.push(message) };
  }

  const tokenFileExists = (): Promise<boolean> => fs.stat(tokenCachePath({ homeDir: home }, 'claude-code')).then(() => true, () => false);

  it('ends the portal session in the region of the cached token and removes the token file', async function () {
    await cacheToken();
    assert.deepEqual(await signOut(testEnvironment(home), 'claude-code'), { tokenFileDeleted: true, portalLogout: 'done' });
    assert.equal(emulator.requestCount('Logout'), 1);
    assert.equal(await tokenFileExists(), false);
  });

  it('uses the SSO region it is given when the token file names none, and skips Logout when neither does', async function () {
    await cacheToken({ withRegion: false });
    assert.deepEqual(await signOut(testEnvironment(home), 'claude-code', { ssoRegion: 'us-east-1' }), { tokenFileDeleted: true, portalLogout: 'done' });
    assert.equal(emulator.requestCount('Logout'), 1);
    await cacheToken({ withRegion: false });
    assert.deepEqual(await signOut(testEnvironment(home), 'claude-code'), { tokenFileDeleted: true, portalLogout: 'not-needed' });
    assert.equal(emulator.requestCount('Logout'), 1);
  });

  it('does not call Logout for an expired token or when there is none', async function () {
    const expiresAt = await cacheToken();
    assert.deepEqual(await signOut(testEnvironment(home, { now: () => expiresAt }), 'claude-code'), { tokenFileDeleted: true, portalLogout: 'not-needed' });
    assert.deepEqual(await signOut(testEnvironment(home), 'claude-code'), { tokenFileDeleted: false, portalLogout: 'not-needed' });
    assert.equal(emulator.requestCount('Logout'), 0);
  });

  it('treats a token the portal already refuses as logged out', async function () {
    await cacheToken();
    emulator.expireAccessTokens();
    assert.deepEqual(await signOut(testEnvironment(home), 'claude-code'), { tokenFileDeleted: true, portalLogout: 'done' });
  });

  it('removes the token even when Logout fails, and says why in the result and the log', async function () {
    await cacheToken();
    emulator.injectFault({ operation: 'Logout', kind: 'status', status: 500 });
    const logger = recordingLogger();
    const result = await signOut(testEnvironment(home), 'claude-code', { logger });
    assert.equal(result.portalLogout, 'failed');
    assert.equal(result.tokenFileDeleted, true);
    assert.ok(result.portalLogoutProblem !== undefined && result.portalLogoutProblem.includes('Logout'), result.portalLogoutProblem);
    assert.deepEqual(logger.warnings, [`Portal logout failed; the local token is removed anyway: ${result.portalLogoutProblem}`]);
    assert.equal(await tokenFileExists(), false);
  });

  it('passes its abort signal to Logout', async function () {
    await cacheToken();
    const controller = new AbortController();
    controller.abort();
    const result = await signOut(testEnvironment(home), 'claude-code', { signal: controller.signal });
    assert.equal(result.portalLogout, 'failed');
    assert.equal(result.tokenFileDeleted, true);
    assert.equal(emulator.requestCount('Logout'), 0);
  });
});
