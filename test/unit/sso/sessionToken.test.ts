import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Logger } from '../../../src/core/runtime/logger';
import { obtainSessionToken, type SessionTokenOptions } from '../../../src/core/sso/sessionToken';
import { tokenCachePath } from '../../../src/core/ssoCache/ssoCachePaths';
import { readCachedToken, writeCachedToken } from '../../../src/core/ssoCache/tokenCache';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { setEnv } from '../../emulator/testSupport';
import { defaultWorld } from '../../emulator/world';
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
});
