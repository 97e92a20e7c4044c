import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Logger } from '../../../src/core/runtime/logger';
import { obtainSessionToken, type SessionTokenOptions } from '../../../src/core/sso/sessionToken';
import { DEFAULT_REGISTRATION_SCOPES } from '../../../src/core/sso/ssoToken';
import { readClientRegistration, writeClientRegistration } from '../../../src/core/ssoCache/clientRegistrationCache';
import { tokenCachePath } from '../../../src/core/ssoCache/ssoCachePaths';
import { readCachedToken, writeCachedToken } from '../../../src/core/ssoCache/tokenCache';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { setEnv } from '../../emulator/testSupport';
import { defaultWorld } from '../../emulator/world';
import { playBrowser } from '../../support/browserPlayer';
import { makeTempHome, testEnvironment } from '../../support/tempHome';

const MINUTE = 60_000;

describe('obtainSessionToken: reuse, refresh or sign in (real SDK against the emulator)', function () {
  let emulator: Emulator;
  let home: string;
  let removeHome: () => Promise<void>;
  let restoreEnv: () => void;
  let now: Date;

  beforeEach(async function () {
    emulator = await startEmulator(defaultWorld(), { deviceFlow: { mode: 'autoApprove', userName: 'alice', afterPolls: 1, interval: 1 } });
    ({ home, remove: removeHome } = await makeTempHome());
    restoreEnv = setEnv({ ...emulatorEndpointEnv(emulator.url), HOME: home, AWS_PROFILE: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_EC2_METADATA_DISABLED: 'true' });
    now = new Date();
  });
  afterEach(async function () {
    restoreEnv();
    await emulator.close();
    await removeHome();
  });

  const env = (): ReturnType<typeof testEnvironment> => testEnvironment(home, { now: () => now });
  const request = (): { startUrl: string; ssoRegion: string; sessionName: string } => {
    const { identityCenter } = emulator.world();
    return { startUrl: identityCenter.startUrl, ssoRegion: identityCenter.region, sessionName: 'claude-code' };
  };

  function recorder(): { options: SessionTokenOptions; infos: string[]; warnings: string[]; stages: string[]; codes: number } {
    const infos: string[] = [];
    const warnings: string[] = [];
    const stages: string[] = [];
    const ignore = (): void => undefined;
    const logger: Logger = { trace: ignore, debug: ignore, error: ignore, info: (m) => infos.push(m), warn: (m) => warnings.push(m) };
    const result = {
      infos,
      warnings,
      stages,
      codes: 0,
      options: {
        logger,
        sleep: () => Promise.resolve(),
        progress: (stage: string) => stages.push(stage),
        showCode: () => {
          result.codes++;
        },
      } as SessionTokenOptions,
    };
    return result;
  }

  /** A token the emulator issued (with its registration and refresh token), cached with `minutesLeft`. */
  async function cacheIssuedToken(minutesLeft: number, overrides: { startUrl?: string; region?: string } = {}): Promise<string> {
    const issued = emulator.issueSsoToken('alice');
    await writeCachedToken(env(), 'claude-code', {
      startUrl: overrides.startUrl ?? issued.startUrl,
      region: overrides.region ?? issued.region,
      accessToken: issued.accessToken,
      expiresAt: new Date(now.getTime() + minutesLeft * MINUTE),
      clientId: issued.clientId,
      clientSecret: issued.clientSecret,
      registrationExpiresAt: new Date(issued.registrationExpiresAt),
      ...(issued.refreshToken === undefined ? {} : { refreshToken: issued.refreshToken }),
    });
    emulator.resetRequests();
    return issued.accessToken;
  }

  it('reuses a cached token with more than 15 minutes left, without a network call', async function () {
    const accessToken = await cacheIssuedToken(16);
    const seen = recorder();
    const token = await obtainSessionToken(env(), request(), seen.options);
    assert.deepEqual(token, { accessToken, expiresAt: new Date(Math.floor((now.getTime() + 16 * MINUTE) / 1000) * 1000), source: 'cache', cachePath: tokenCachePath(env(), 'claude-code') });
    assert.equal(emulator.requestCount(), 0);
    assert.deepEqual(seen.stages, ['checking-token']);
    assert.deepEqual(seen.infos, [`Reusing the cached SSO token for session claude-code (valid until ${token.expiresAt.toISOString()}).`]);
  });

  it('refreshes a token with 15 minutes or less left, and one the user wants replaced, without a code', async function () {
    const old = await cacheIssuedToken(15);
    const seen = recorder();
    const token = await obtainSessionToken(env(), request(), seen.options);
    assert.equal(token.source, 'refreshed');
    assert.notEqual(token.accessToken, old);
    assert.equal(seen.codes, 0);
    assert.deepEqual(seen.stages, ['checking-token', 'refreshing-token']);

    const forced = recorder();
    const again = await obtainSessionToken(env(), request(), { ...forced.options, forceNewLogin: true });
    assert.equal(again.source, 'refreshed');
    assert.notEqual(again.accessToken, token.accessToken);
    assert.equal(forced.codes, 0);
  });

  it('signs in with a device code, reusing the cached registration, when the refresh token is refused', async function () {
    await cacheIssuedToken(1);
    emulator.setRotateRefreshTokens(true);
    // Refresh once, then put the old file back: its refresh token has been used and is refused now.
    const file = tokenCachePath(env(), 'claude-code');
    const before = await fs.readFile(file, 'utf8');
    assert.equal((await obtainSessionToken(env(), request(), recorder().options)).source, 'refreshed');
    await fs.writeFile(file, before);
    emulator.resetRequests();
    const seen = recorder();
    const token = await obtainSessionToken(env(), request(), seen.options);
    assert.equal(token.source, 'device-authorization');
    assert.equal(seen.codes, 1);
    assert.equal(emulator.requestCount('RegisterClient'), 0, 'the registration in the token file is still valid');
    assert.ok(seen.infos.includes('The SSO token could not be refreshed; signing in again.'), seen.infos.join('\n'));
    assert.equal((await readCachedToken(env(), 'claude-code')).token?.accessToken, token.accessToken);
  });

  it('does not use a cached token of another portal or region, and says when the cache file is unusable', async function () {
    await cacheIssuedToken(60, { startUrl: 'https://d-0000000000.awsapps.com/start' });
    const seen = recorder();
    assert.equal((await obtainSessionToken(env(), request(), seen.options)).source, 'device-authorization');
    assert.deepEqual(seen.stages, ['checking-token', 'registering-client']);
    assert.equal(emulator.requestCount('RegisterClient'), 1);

    await cacheIssuedToken(60, { region: 'eu-west-3' });
    assert.equal((await obtainSessionToken(env(), request(), recorder().options)).source, 'device-authorization');

    const file = tokenCachePath(env(), 'claude-code');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '{"accessToken": ');
    const corrupt = recorder();
    assert.equal((await obtainSessionToken(env(), request(), corrupt.options)).source, 'device-authorization');
    assert.deepEqual(corrupt.warnings, [`The cached SSO token ${file} could not be used (corrupt-json); it will be replaced.`]);
  });

  describe('in the browser (authorization code with PKCE)', function () {
    const browser = (openUrl: (url: string) => Promise<boolean>): Pick<SessionTokenOptions, 'authorization'> => ({ authorization: { mode: 'browser', openUrl } });
    const signIn = async (url: string): Promise<boolean> => {
      await playBrowser(url);
      return true;
    };
    const registrationScope = (): Parameters<typeof readClientRegistration>[1] => ({ startUrl: request().startUrl, region: request().ssoRegion, scopes: DEFAULT_REGISTRATION_SCOPES, sessionName: 'claude-code' });

    /** Makes the cached token unusable and unrefreshable, so the next call must sign in again. */
    async function expireWithoutRefresh(): Promise<void> {
      const cached = (await readCachedToken(env(), 'claude-code')).token;
      assert.ok(cached);
      const { refreshToken: _dropped, ...rest } = cached;
      await writeCachedToken(env(), 'claude-code', { ...rest, startUrl: request().startUrl, region: request().ssoRegion, expiresAt: new Date(now.getTime() - MINUTE) });
      emulator.resetRequests();
    }

    it('signs in in the browser and caches the token with the browser registration, quietly', async function () {
      const seen = recorder();
      const token = await obtainSessionToken(env(), request(), { ...seen.options, ...browser(signIn) });
      assert.equal(token.source, 'browser-authorization');
      assert.deepEqual(seen.stages, ['checking-token', 'registering-client', 'waiting-for-browser']);
      assert.deepEqual(seen.warnings, []);
      assert.equal(seen.codes, 0);
      const cached = (await readCachedToken(env(), 'claude-code')).token;
      assert.equal(cached?.accessToken, token.accessToken);
      assert.equal(cached.clientId, (await readClientRegistration(env(), registrationScope())).registration?.clientId);
      assert.ok(cached.refreshToken !== undefined);
    });

    it('does not start a device code with the browser registration, but does with a device registration the AWS CLI cached', async function () {
      await obtainSessionToken(env(), request(), { ...recorder().options, ...browser(signIn) });
      await expireWithoutRefresh();
      assert.equal((await obtainSessionToken(env(), request(), recorder().options)).source, 'device-authorization');
      assert.equal(emulator.requestCount('RegisterClient'), 1, 'a registration for the device code grant is made');

      // The AWS CLI caches its device-code registrations at the same key, without grant types.
      const issued = emulator.issueSsoToken('alice');
      await writeClientRegistration(env(), registrationScope(), { clientId: issued.clientId, clientSecret: issued.clientSecret, expiresAt: new Date(issued.registrationExpiresAt), scopes: DEFAULT_REGISTRATION_SCOPES });
      await writeCachedToken(env(), 'claude-code', { startUrl: issued.startUrl, region: issued.region, accessToken: issued.accessToken, expiresAt: new Date(now.getTime() - MINUTE), clientId: issued.clientId, clientSecret: issued.clientSecret, registrationExpiresAt: new Date(issued.registrationExpiresAt) });
      emulator.resetRequests();
      assert.equal((await obtainSessionToken(env(), request(), recorder().options)).source, 'device-authorization');
      assert.equal(emulator.requestCount('RegisterClient'), 0, 'the device registration is reused');
    });

    it('shows a device code when no browser opens, but not when the sign-in was denied in the browser', async function () {
      const seen = recorder();
      const token = await obtainSessionToken(env(), request(), { ...seen.options, ...browser(() => Promise.resolve(false)) });
      assert.equal(token.source, 'device-authorization');
      assert.equal(seen.codes, 1);
      assert.ok(seen.infos.includes('No browser could be opened for sign-in; showing a device code instead.'), seen.infos.join('\n'));

      await expireWithoutRefresh();
      emulator.setDeviceFlow({ mode: 'deny', userName: 'alice' });
      const denied = recorder();
      await assert.rejects(obtainSessionToken(env(), request(), { ...denied.options, ...browser(signIn) }), { code: 'sso.access-denied' });
      assert.equal(denied.codes, 0);
      assert.equal(emulator.requestCount('StartDeviceAuthorization'), 0);
    });

    it('is cancelled while refreshing, while registering and while waiting for the browser', async function () {
      await cacheIssuedToken(1);
      const refreshing = new AbortController();
      emulator.setRequestHook((_service, operation) => {
        if (operation === 'CreateToken') refreshing.abort();
      });
      await assert.rejects(obtainSessionToken(env(), request(), { ...recorder().options, signal: refreshing.signal }), { code: 'cancelled' });

      await expireWithoutRefresh();
      const registering = new AbortController();
      emulator.setRequestHook((_service, operation) => {
        if (operation === 'RegisterClient') registering.abort();
      });
      let opened = 0;
      const seen = recorder();
      const openUrl = (): Promise<boolean> => {
        opened++;
        return Promise.resolve(true);
      };
      await assert.rejects(obtainSessionToken(env(), request(), { ...seen.options, ...browser(openUrl), signal: registering.signal }), { code: 'cancelled' });
      assert.deepEqual(seen.stages, ['checking-token', 'registering-client']);
      assert.equal(opened, 0, 'no browser is opened after a cancel');
      emulator.setRequestHook(null);

      const waiting = new AbortController();
      const stopInBrowser = (): Promise<boolean> => {
        waiting.abort();
        return new Promise<boolean>(() => undefined);
      };
      await assert.rejects(obtainSessionToken(env(), request(), { ...recorder().options, ...browser(stopInBrowser), signal: waiting.signal }), { code: 'cancelled' });
    });
  });
});
