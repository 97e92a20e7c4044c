import assert from 'node:assert/strict';
import { watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { CreateTokenCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { acquireFileLock } from '../../../src/core/files/fileLock';
import type { Logger } from '../../../src/core/runtime/logger';
import { refreshSharedToken, type SharedRefreshOptions } from '../../../src/core/sso/sharedRefresh';
import { cacheFileLockPath } from '../../../src/core/ssoCache/cacheJsonFile';
import { tokenCachePath } from '../../../src/core/ssoCache/ssoCachePaths';
import type { SsoTokenToCache } from '../../../src/core/ssoCache/ssoToken';
import { readCachedToken, writeCachedToken } from '../../../src/core/ssoCache/tokenCache';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { setEnv } from '../../emulator/testSupport';
import { defaultWorld } from '../../emulator/world';
import { makeTempHome, testEnvironment } from '../../support/tempHome';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SESSION = 'claude-code';

/**
 * refreshSharedToken in this process, so that the steps other processes take (holding the
 * lock, writing a newer token, using the refresh token first) happen at exact points:
 * from the lock wait's injected clock and from the emulator's request hook.
 */
describe('refreshSharedToken: one refresh shared through the cache file and its lock (in process)', function () {
  let emulator: Emulator;
  let home: string;
  let removeHome: () => Promise<void>;
  let restoreEnv: () => void;
  let now: Date;

  beforeEach(async function () {
    emulator = await startEmulator(defaultWorld());
    ({ home, remove: removeHome } = await makeTempHome('shared-refresh-in-process-'));
    restoreEnv = setEnv({ ...emulatorEndpointEnv(emulator.url), HOME: home, AWS_PROFILE: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_EC2_METADATA_DISABLED: 'true' });
    // Whole seconds, as the cache file stores them.
    now = new Date(Math.floor(Date.now() / 1000) * 1000);
  });
  afterEach(async function () {
    emulator.setRequestHook(null);
    restoreEnv();
    await emulator.close();
    await removeHome();
  });

  const env = (): ReturnType<typeof testEnvironment> => testEnvironment(home, { now: () => now });
  const cacheFile = (): string => tokenCachePath(env(), SESSION);
  const request = (): { startUrl: string; ssoRegion: string; sessionName: string } => {
    const { identityCenter } = emulator.world();
    return { startUrl: identityCenter.startUrl, ssoRegion: identityCenter.region, sessionName: SESSION };
  };

  interface Seen {
    readonly logger: Logger;
    readonly infos: string[];
    readonly warnings: string[];
  }
  function recorder(onWarn?: (message: string) => void): Seen {
    const infos: string[] = [];
    const warnings: string[] = [];
    const ignore = (): void => undefined;
    return {
      infos,
      warnings,
      logger: {
        trace: ignore,
        debug: ignore,
        error: ignore,
        info: (m) => infos.push(m),
        warn: (m) => {
          warnings.push(m);
          onWarn?.(m);
        },
      },
    };
  }
  const options = (seen: Seen, extra: Partial<SharedRefreshOptions> = {}): SharedRefreshOptions => ({ now: () => now, logger: seen.logger, reuseMarginSeconds: 15 * 60, ...extra });

  /** A token the emulator issued (registration, refresh token), cached with `minutesLeft`. */
  async function cacheIssuedToken(minutesLeft: number, overrides: Partial<SsoTokenToCache> = {}): Promise<SsoTokenToCache & { refreshToken: string; clientId: string; clientSecret: string }> {
    const issued = emulator.issueSsoToken('alice');
    assert.ok(issued.refreshToken);
    const token = {
      startUrl: issued.startUrl,
      region: issued.region,
      accessToken: issued.accessToken,
      expiresAt: new Date(now.getTime() + minutesLeft * MINUTE),
      clientId: issued.clientId,
      clientSecret: issued.clientSecret,
      registrationExpiresAt: new Date(issued.registrationExpiresAt),
      refreshToken: issued.refreshToken,
      ...overrides,
    };
    await writeCachedToken(env(), SESSION, token);
    emulator.resetRequests();
    return token;
  }

  /** What a program taking no lock of ours (Claude Code's SDK) does: refresh, write the cache back. */
  async function refreshAsAnotherProgram(seeded: { clientId: string; clientSecret: string; refreshToken: string }, minutesLeft?: number): Promise<{ accessToken: string; refreshToken: string }> {
    const oidc = new SSOOIDCClient({ region: request().ssoRegion, endpoint: emulator.url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    try {
      const out = await oidc.send(new CreateTokenCommand({ clientId: seeded.clientId, clientSecret: seeded.clientSecret, grantType: 'refresh_token', refreshToken: seeded.refreshToken }));
      assert.ok(out.accessToken && out.refreshToken);
      const current = (await readCachedToken(env(), SESSION)).token;
      assert.ok(current);
      const expiresAt = new Date(now.getTime() + (minutesLeft === undefined ? (out.expiresIn ?? 0) * 1000 : minutesLeft * MINUTE));
      await writeCachedToken(env(), SESSION, { ...current, startUrl: request().startUrl, region: request().ssoRegion, accessToken: out.accessToken, refreshToken: out.refreshToken, expiresAt }, { lockHeld: true });
      return { accessToken: out.accessToken, refreshToken: out.refreshToken };
    } finally {
      oidc.destroy();
    }
  }

  /** The lock wait's clock: each pause moves it, and `onPause` acts as the other process meanwhile. */
  function lockClock(onPause?: (pauses: number) => Promise<void>): { waitedMs: () => number; lockWait: NonNullable<SharedRefreshOptions['lockWait']> } {
    const start = Date.now();
    let clock = start;
    let pauses = 0;
    return {
      waitedMs: () => clock - start,
      lockWait: {
        now: () => clock,
        sleep: async (ms) => {
          clock += ms;
          pauses++;
          await onPause?.(pauses);
        },
      },
    };
  }

  const createTokenCalls = (): number => emulator.requestCount('CreateToken');

  it('refreshes an expiring token with one CreateToken, writes it to the cache and says so, without a warning', async function () {
    const seeded = await cacheIssuedToken(5);
    const seen = recorder();
    const result = await refreshSharedToken(env(), request(), options(seen));
    assert.ok(result);
    assert.equal(result.source, 'refreshed');
    assert.notEqual(result.accessToken, seeded.accessToken);
    assert.equal(result.cachePath, cacheFile());
    assert.equal((await readCachedToken(env(), SESSION)).token?.accessToken, result.accessToken);
    assert.equal(createTokenCalls(), 1);
    assert.deepEqual(seen.infos, [`Refreshed the SSO token for session claude-code without asking (valid until ${result.expiresAt.toISOString()}).`]);
    assert.deepEqual(seen.warnings, []);
  });

  it('uses the token another process wrote while it held the lock, without a refresh call', async function () {
    const seeded = await cacheIssuedToken(5);
    const release = await acquireFileLock(cacheFileLockPath(cacheFile()), { timeoutMs: 0 });
    assert.ok(release);
    const newer = { ...seeded, accessToken: 'token-of-the-other-window', expiresAt: new Date(now.getTime() + HOUR) };
    // The other window finishes its refresh while we wait: it writes under its lock and lets go.
    const { lockWait } = lockClock(async (pauses) => {
      if (pauses !== 1) return;
      await writeCachedToken(env(), SESSION, newer, { lockHeld: true });
      await release();
    });
    const seen = recorder();
    const result = await refreshSharedToken(env(), request(), options(seen, { lockWait }));
    assert.deepEqual(result, { accessToken: 'token-of-the-other-window', expiresAt: newer.expiresAt, source: 'cache', cachePath: cacheFile() });
    assert.equal(createTokenCalls(), 0, 'no second refresh');
    assert.deepEqual(seen.infos, ['The SSO token for session claude-code was refreshed by another process meanwhile; using it.']);
  });

  it('after 30 s of a lock held by a stuck process, warns, refreshes without it, and still writes the cache only under the lock', async function () {
    await cacheIssuedToken(5);
    const lockPath = cacheFileLockPath(cacheFile());
    const release = await acquireFileLock(lockPath, { timeoutMs: 0 });
    assert.ok(release);
    const clock = lockClock();
    let waitedWhenWarned: number | undefined;
    let watcher: FSWatcher | undefined;
    let sawWaiter: (what: string) => void = () => undefined;
    const waiterSeen = new Promise<string>((resolve) => (sawWaiter = resolve));
    const seen = recorder(() => {
      waitedWhenWarned = clock.waitedMs();
      // From now on, a lock attempt shows as the record file each attempt puts beside the lock.
      watcher = watch(path.dirname(lockPath), (_event, name) => {
        if (name?.startsWith(`${path.basename(lockPath)}.${process.pid}.`) === true) sawWaiter('waited for the lock to write');
      });
    });
    const pending = refreshSharedToken(env(), request(), options(seen, { lockWait: clock.lockWait }));
    try {
      const first = await Promise.race([pending.then(() => 'wrote while another process held the lock'), waiterSeen]);
      assert.equal(first, 'waited for the lock to write');
    } finally {
      watcher?.close();
      await release();
    }
    const result = await pending;
    assert.equal(result?.source, 'refreshed');
    assert.ok(waitedWhenWarned !== undefined && waitedWhenWarned >= 30_000 && waitedWhenWarned < 31_000, `gave up after ${waitedWhenWarned ?? '?'} ms of the lock clock`);
    assert.deepEqual(seen.warnings, [`Another process has held the lock on ${cacheFile()} for a long time; refreshing without it.`]);
    assert.equal((await readCachedToken(env(), SESSION)).token?.accessToken, result.accessToken);
  });

  it('uses the token a program taking no lock left after using the same refresh token first', async function () {
    emulator.setRotateRefreshTokens(true);
    const seeded = await cacheIssuedToken(5);
    let foreign: { accessToken: string } | undefined;
    emulator.setRequestHook(async (_service, operation) => {
      if (operation !== 'CreateToken') return;
      emulator.setRequestHook(null);
      foreign = await refreshAsAnotherProgram(seeded);
    });
    const seen = recorder();
    const result = await refreshSharedToken(env(), request(), options(seen));
    assert.ok(foreign);
    assert.equal(result?.source, 'cache');
    assert.equal(result.accessToken, foreign.accessToken);
    assert.equal(createTokenCalls(), 2, "the other program's refresh and our refused one");
    assert.deepEqual(seen.infos, [`The refresh token had just been used by another program, which left a new token in ${cacheFile()}; using it.`]);
  });

  it('refreshes again with the newer refresh token another program left when its access token is too close to expiry', async function () {
    emulator.setRotateRefreshTokens(true);
    const seeded = await cacheIssuedToken(5);
    let foreign: { accessToken: string; refreshToken: string } | undefined;
    emulator.setRequestHook(async (_service, operation) => {
      if (operation !== 'CreateToken') return;
      emulator.setRequestHook(null);
      foreign = await refreshAsAnotherProgram(seeded, 10);
    });
    const seen = recorder();
    const result = await refreshSharedToken(env(), request(), options(seen));
    assert.ok(foreign);
    assert.equal(result?.source, 'refreshed');
    assert.notEqual(result.accessToken, foreign.accessToken);
    const refusals = emulator.requests().filter((r) => r.operation === 'CreateToken' && r.errorCode === 'InvalidGrantException');
    assert.equal(refusals.length, 1);
    assert.equal(createTokenCalls(), 3, 'the other program, our refused call, our call with its refresh token');
  });

  it('gives up after one refused call when nobody left a newer refresh token, and says so', async function () {
    emulator.setRotateRefreshTokens(true);
    const seeded = await cacheIssuedToken(5);
    await refreshAsAnotherProgram(seeded);
    // The other program's new token is lost (say its write failed): the cache holds the used refresh token.
    await writeCachedToken(env(), SESSION, seeded);
    emulator.resetRequests();
    const seen = recorder();
    assert.equal(await refreshSharedToken(env(), request(), options(seen)), undefined);
    assert.equal(createTokenCalls(), 1);
    assert.deepEqual(seen.infos, ['IAM Identity Center refused the refresh token and no other program left a newer one.']);
  });

  it('follows a newer refresh token in the cache only once: two refused calls at most', async function () {
    const seeded = await cacheIssuedToken(5, { refreshToken: 'aor-used-up-already' });
    let left = 0;
    // Before each of our calls is answered, "another program" leaves yet another refresh token that is refused too.
    emulator.setRequestHook(async (_service, operation) => {
      if (operation !== 'CreateToken' || left >= 5) return;
      left++;
      await writeCachedToken(env(), SESSION, { ...seeded, refreshToken: `aor-left-by-another-program-${left}` }, { lockHeld: true });
    });
    const seen = recorder();
    assert.equal(await refreshSharedToken(env(), request(), options(seen)), undefined);
    assert.equal(createTokenCalls(), 2);
  });

  it('does not retry other refusals: logs why and gives up after one call', async function () {
    await cacheIssuedToken(5, { clientSecret: 'not-the-registered-secret' });
    const seen = recorder();
    assert.equal(await refreshSharedToken(env(), request(), options(seen)), undefined);
    assert.equal(createTokenCalls(), 1);
    assert.equal(seen.infos.length, 1, seen.infos.join('\n'));
    assert.match(seen.infos[0] ?? '', /^Refreshing the SSO token failed \(IAM Identity Center no longer accepts this tool's client registration \(.+\)\. Run Sign In again; a new registration is made automatically\.\)\.$/);
  });

  it('cancelling during the refresh call rejects as cancelled and leaves the cache as it was', async function () {
    const seeded = await cacheIssuedToken(5);
    const controller = new AbortController();
    emulator.setRequestHook((_service, operation) => {
      if (operation === 'CreateToken') controller.abort();
    });
    const seen = recorder();
    await assert.rejects(refreshSharedToken(env(), request(), options(seen, { signal: controller.signal })), { code: 'cancelled', message: 'Sign-in was cancelled. Nothing was changed.' });
    assert.equal((await readCachedToken(env(), SESSION)).token?.accessToken, seeded.accessToken);
  });

  it('ignores a cached token of another access portal or SSO region', async function () {
    await cacheIssuedToken(60, { startUrl: 'https://d-0000000000.awsapps.com/start' });
    assert.equal(await refreshSharedToken(env(), request(), options(recorder())), undefined);
    await cacheIssuedToken(60, { region: 'eu-west-3' });
    assert.equal(await refreshSharedToken(env(), request(), options(recorder())), undefined);
    assert.equal(createTokenCalls(), 0);
  });

  it('does not refresh with a client registration that lapses within a day', async function () {
    await cacheIssuedToken(5, { registrationExpiresAt: new Date(now.getTime() + 12 * HOUR) });
    assert.equal(await refreshSharedToken(env(), request(), options(recorder())), undefined);
    assert.equal(createTokenCalls(), 0);
    await cacheIssuedToken(5, { registrationExpiresAt: new Date(now.getTime() + 25 * HOUR) });
    assert.equal((await refreshSharedToken(env(), request(), options(recorder())))?.source, 'refreshed');
  });
});
