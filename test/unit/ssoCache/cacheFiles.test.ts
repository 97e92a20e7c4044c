import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';
import { redactSecrets } from '../../../src/core/secrets/redact';
import { withFileLock } from '../../../src/core/files/fileLock';
import { cacheFileLockPath, readCacheJson, writeCacheJsonPreservingUnknown } from '../../../src/core/ssoCache/cacheJsonFile';
import { clientRegistrationPath, readClientRegistration, writeClientRegistration, type ClientRegistrationScope } from '../../../src/core/ssoCache/clientRegistrationCache';
import { cliCredentialCacheDirectory, legacyTokenCachePath, ssoCacheDirectory, tokenCachePath } from '../../../src/core/ssoCache/ssoCachePaths';
import { readCachedToken, readCachedTokenFile, writeCachedToken } from '../../../src/core/ssoCache/tokenCache';
import { makeTempHome } from '../../support/tempHome';

const START_URL = 'https://d-1234567890.awsapps.com/start';
const SCOPE: ClientRegistrationScope = { startUrl: START_URL, region: 'eu-west-1', scopes: ['sso:account:access'], sessionName: 'claude-code' };

async function writeJson(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
}

function modeOf(stats: { mode: number }): number {
  return stats.mode & 0o777;
}

describe('SSO cache files', function () {
  let home: string;
  let removeHome: () => Promise<void>;
  const env = (): { homeDir: string } => ({ homeDir: home });

  beforeEach(async function () {
    ({ home, remove: removeHome } = await makeTempHome());
  });
  afterEach(async function () {
    await removeHome();
  });

  describe('paths', function () {
    it('are where the AWS CLI looks: sha1 of the session name, of the legacy start URL, and the CLI credential cache', function () {
      assert.equal(ssoCacheDirectory(env()), path.join(home, '.aws', 'sso', 'cache'));
      assert.equal(cliCredentialCacheDirectory(env()), path.join(home, '.aws', 'cli', 'cache'));
      // hashlib.sha1(b'claude-code').hexdigest(), hashlib.sha1(START_URL.encode()).hexdigest()
      assert.equal(tokenCachePath(env(), 'claude-code'), path.join(home, '.aws', 'sso', 'cache', '2cdaeb723090aa5820edad7be914ce513ba84c2d.json'));
      assert.equal(legacyTokenCachePath(env(), START_URL), path.join(home, '.aws', 'sso', 'cache', '7487b5b67d5fa1132cf33fa93ae51ef38cc37752.json'));
    });
  });

  describe('readCacheJson', function () {
    it('gives nothing, and no problem, for a missing file', async function () {
      assert.deepEqual(await readCacheJson(path.join(home, 'missing.json')), {});
    });

    it('gives the object of a JSON file', async function () {
      const file = path.join(home, 'a.json');
      await writeJson(file, '{"a": 1, "b": [true]}');
      assert.deepEqual(await readCacheJson(file), { data: { a: 1, b: [true] } });
    });

    it('never follows a symbolic link, even to a good file', async function () {
      const target = path.join(home, 'target.json');
      await writeJson(target, '{"accessToken": "x"}');
      const link = path.join(home, 'link.json');
      await fs.symlink(target, link);
      assert.deepEqual(await readCacheJson(link), { problem: 'symlink' });
    });

    it('says a folder or a pipe is not a file (and does not block on the pipe)', async function () {
      const folder = path.join(home, 'folder.json');
      await fs.mkdir(folder);
      assert.deepEqual(await readCacheJson(folder), { problem: 'not-a-file' });
      const fifo = path.join(home, 'fifo.json');
      execFileSync('mkfifo', [fifo]);
      assert.deepEqual(await readCacheJson(fifo), { problem: 'not-a-file' });
    });

    it('says a file it cannot reach is unreadable', async function () {
      const blocker = path.join(home, 'blocker');
      await fs.writeFile(blocker, '');
      assert.deepEqual(await readCacheJson(path.join(blocker, 'a.json')), { problem: 'unreadable' });
    });

    it('says corrupt JSON is corrupt, without repeating its text', async function () {
      const file = path.join(home, 'corrupt.json');
      await writeJson(file, '{"accessToken": "secret-token-value",');
      const read = await readCacheJson(file);
      assert.deepEqual(read, { problem: 'corrupt-json' });
    });

    it('wants a JSON object, not another JSON value', async function () {
      const file = path.join(home, 'value.json');
      for (const text of ['[]', '["accessToken"]', 'null', '42', '"text"', 'true']) {
        await fs.writeFile(file, text);
        assert.deepEqual(await readCacheJson(file), { problem: 'not-an-object' }, text);
      }
    });
  });

  describe('writeCacheJsonPreservingUnknown', function () {
    it('creates a 0600 file in a 0700 folder, in the CLI byte format', async function () {
      const file = path.join(home, '.aws', 'sso', 'cache', 'x.json');
      await writeCacheJsonPreservingUnknown(file, { b: 'B', a: 1 }, ['a', 'b']);
      assert.equal(await fs.readFile(file, 'utf8'), '{"b": "B", "a": 1}');
      assert.equal(modeOf(await fs.stat(file)), 0o600);
      assert.equal(modeOf(await fs.stat(path.dirname(file))), 0o700);
    });

    it('keeps fields it does not know after its own, drops known ones it no longer sets, and works with the lock already held', async function () {
      const file = path.join(home, 'x.json');
      await writeJson(file, '{"other": {"n": 2}, "a": "old", "stale": "old", "b": "old"}');
      await writeCacheJsonPreservingUnknown(file, { a: 'new' }, ['a', 'stale', 'b'], { lockHeld: true });
      assert.equal(await fs.readFile(file, 'utf8'), '{"a": "new", "other": {"n": 2}}');
      await assert.rejects(fs.stat(`${file}.lock`), { code: 'ENOENT' });
    });
  });

  describe('the lock beside a cache file', function () {
    it('is taken by a write, which waits for another holder', async function () {
      const file = path.join(home, 'x.json');
      assert.equal(cacheFileLockPath(file), `${file}.lock`);
      let pending: Promise<void> | undefined;
      let writtenWhileHeld: boolean | undefined;
      await withFileLock(cacheFileLockPath(file), async () => {
        pending = writeCacheJsonPreservingUnknown(file, { a: '1' }, ['a']);
        // Give a write that ignored the lock every chance to finish.
        await new Promise((resolve) => setTimeout(resolve, 300));
        writtenWhileHeld = await fs.stat(file).then(() => true, () => false);
      });
      await pending;
      assert.equal(writtenWhileHeld, false);
      assert.equal(await fs.readFile(file, 'utf8'), '{"a": "1"}');
    });

    it('is not taken again by a caller that holds it already (it would wait for itself)', async function () {
      const file = path.join(home, 'x.json');
      await withFileLock(cacheFileLockPath(file), () => writeCacheJsonPreservingUnknown(file, { a: '2' }, ['a'], { lockHeld: true }));
      assert.equal(await fs.readFile(file, 'utf8'), '{"a": "2"}');
    });
  });

  it('reading closes every file it opens', async function () {
    const file = path.join(home, 'a.json');
    await writeJson(file, '{"a": 1}');
    await fs.mkdir(path.join(home, 'folder.json'));
    const openFiles = async (): Promise<number> => (await fs.readdir('/proc/self/fd')).length;
    const before = await openFiles();
    for (let index = 0; index < 5; index++) {
      await readCacheJson(file);
      await readCacheJson(path.join(home, 'folder.json'));
    }
    assert.equal(await openFiles(), before);
  });

  describe('token files', function () {
    const expiresAt = new Date('2026-12-05T10:00:00.750Z');

    it('are written with the CLI field names, order and timestamps, keeping other tools’ fields', async function () {
      const file = tokenCachePath(env(), 'claude-code');
      await writeJson(file, '{"refreshToken": "old-refresh-token", "accessToken": "old-access-token", "addedBySomeone": [1, 2]}');
      const written = await writeCachedToken(env(), 'claude-code', { startUrl: START_URL, region: 'us-east-1', accessToken: 'new-access-token', expiresAt });
      assert.equal(written, file);
      assert.equal(
        await fs.readFile(file, 'utf8'),
        `{"startUrl": "${START_URL}", "region": "us-east-1", "accessToken": "new-access-token", "expiresAt": "2026-12-05T10:00:00Z", "addedBySomeone": [1, 2]}`,
      );
      await writeCachedToken(env(), 'claude-code', {
        startUrl: START_URL,
        region: 'us-east-1',
        accessToken: 'new-access-token',
        expiresAt,
        clientId: 'client-id',
        clientSecret: 'client-secret-value',
        registrationExpiresAt: new Date('2027-01-01T00:00:00Z'),
        refreshToken: 'refresh-token-value',
      });
      assert.equal(
        await fs.readFile(file, 'utf8'),
        `{"startUrl": "${START_URL}", "region": "us-east-1", "accessToken": "new-access-token", "expiresAt": "2026-12-05T10:00:00Z", "clientId": "client-id", "clientSecret": "client-secret-value", "registrationExpiresAt": "2027-01-01T00:00:00Z", "refreshToken": "refresh-token-value", "addedBySomeone": [1, 2]}`,
      );
      assert.equal(redactSecrets('refresh-token-value new-access-token client-secret-value'), '«redacted» «redacted» «redacted»');
      const read = await readCachedToken(env(), 'claude-code');
      assert.deepEqual(read, {
        path: file,
        token: {
          accessToken: 'new-access-token',
          expiresAt: new Date('2026-12-05T10:00:00Z'),
          startUrl: START_URL,
          region: 'us-east-1',
          clientId: 'client-id',
          clientSecret: 'client-secret-value',
          registrationExpiresAt: new Date('2027-01-01T00:00:00Z'),
          refreshToken: 'refresh-token-value',
        },
      });
    });

    it('read with only the two fields the CLI needs have no other fields', async function () {
      const file = path.join(home, 'token.json');
      await writeJson(file, '{"accessToken": "minimal-access-token", "expiresAt": "2026-12-05T10:00:00Z", "region": 7}');
      assert.deepEqual(await readCachedTokenFile(file), { path: file, token: { accessToken: 'minimal-access-token', expiresAt: new Date('2026-12-05T10:00:00Z') } });
      assert.equal(redactSecrets('minimal-access-token'), '«redacted»');
    });

    it('without a usable access token or expiry give no token', async function () {
      const file = path.join(home, 'token.json');
      for (const text of ['{"expiresAt": "2026-12-05T10:00:00Z"}', '{"accessToken": "", "expiresAt": "2026-12-05T10:00:00Z"}', '{"accessToken": "a-token-value"}', '{"accessToken": "a-token-value", "expiresAt": "tomorrow"}', '{"accessToken": "a-token-value", "expiresAt": 5}']) {
        await fs.writeFile(file, text);
        assert.deepEqual(await readCachedTokenFile(file), { path: file, problem: 'invalid-fields' }, text);
      }
      await fs.writeFile(file, '{');
      assert.deepEqual(await readCachedTokenFile(file), { path: file, problem: 'corrupt-json' });
      assert.deepEqual(await readCachedTokenFile(path.join(home, 'none.json')), { path: path.join(home, 'none.json') });
    });

    it('that cannot be written give a sentence naming the file and the folder the tools need', async function () {
      await fs.mkdir(path.join(home, '.aws'));
      await fs.writeFile(path.join(home, '.aws', 'sso'), 'not a folder');
      const file = tokenCachePath(env(), 'claude-code');
      const error: unknown = await writeCachedToken(env(), 'claude-code', { startUrl: START_URL, region: 'us-east-1', accessToken: 'unwritten-token', expiresAt }).then(
        () => assert.fail('the write should fail'),
        (caught: unknown) => caught,
      );
      assert.ok(isUserFacingError(error));
      assert.equal(error.code, 'sso-cache.unwritable');
      assert.ok(error.message.startsWith(`Could not save the sign-in to the AWS SSO cache file ${file}: `), error.message);
      assert.ok(error.message.includes(`the AWS CLI and Claude Code need ${ssoCacheDirectory(env())} to be a folder you can write`), error.message);
      assert.ok(error.cause !== undefined);
    });
  });

  describe('client registrations', function () {
    const registration = { clientId: 'registered-client', clientSecret: 'registration-secret', expiresAt: new Date('2027-03-04T05:06:07.800Z') };

    it('are written where the CLI keys them, in its format, and read back', async function () {
      const file = await writeClientRegistration(env(), SCOPE, registration);
      assert.equal(file, clientRegistrationPath(env(), SCOPE));
      assert.equal(path.dirname(file), ssoCacheDirectory(env()));
      assert.match(path.basename(file), /^[0-9a-f]{40}\.json$/);
      assert.equal(await fs.readFile(file, 'utf8'), '{"clientId": "registered-client", "clientSecret": "registration-secret", "expiresAt": "2027-03-04T05:06:07Z"}');
      assert.deepEqual(await readClientRegistration(env(), SCOPE), {
        path: file,
        registration: { clientId: 'registered-client', clientSecret: 'registration-secret', expiresAt: new Date('2027-03-04T05:06:07Z') },
      });
      assert.equal(redactSecrets('registration-secret'), '«redacted»');
    });

    it('keep scopes and grant types, replace every field of an older registration and keep other fields', async function () {
      const file = clientRegistrationPath(env(), SCOPE);
      await writeJson(file, '{"clientId": "old", "clientSecret": "old-secret", "expiresAt": "2020-01-01T00:00:00Z", "scopes": ["old"], "grantTypes": ["old"], "note": "kept"}');
      await writeClientRegistration(env(), SCOPE, { ...registration, scopes: ['sso:account:access'], grantTypes: ['authorization_code', 'refresh_token'] });
      assert.equal(
        await fs.readFile(file, 'utf8'),
        '{"clientId": "registered-client", "clientSecret": "registration-secret", "expiresAt": "2027-03-04T05:06:07Z", "scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"], "note": "kept"}',
      );
      assert.deepEqual((await readClientRegistration(env(), SCOPE)).registration, {
        clientId: 'registered-client',
        clientSecret: 'registration-secret',
        expiresAt: new Date('2027-03-04T05:06:07Z'),
        scopes: ['sso:account:access'],
        grantTypes: ['authorization_code', 'refresh_token'],
      });
      await writeClientRegistration(env(), SCOPE, registration);
      assert.equal(await fs.readFile(file, 'utf8'), '{"clientId": "registered-client", "clientSecret": "registration-secret", "expiresAt": "2027-03-04T05:06:07Z", "note": "kept"}');
    });

    it('are keyed on start URL, region, scopes and session name', function () {
      const paths = new Set([
        clientRegistrationPath(env(), SCOPE),
        clientRegistrationPath(env(), { ...SCOPE, startUrl: `${START_URL}/` }),
        clientRegistrationPath(env(), { ...SCOPE, region: 'us-east-1' }),
        clientRegistrationPath(env(), { startUrl: START_URL, region: 'eu-west-1', sessionName: 'claude-code' }),
        clientRegistrationPath(env(), { startUrl: START_URL, region: 'eu-west-1', scopes: ['sso:account:access'] }),
        clientRegistrationPath(env(), { ...SCOPE, scopes: [] }),
      ]);
      assert.equal(paths.size, 6);
    });

    it('with scopes or grant types that are not lists of strings have none', async function () {
      const file = clientRegistrationPath(env(), SCOPE);
      await writeJson(file, '{"clientId": "c", "clientSecret": "s", "expiresAt": "2027-03-04T05:06:07Z", "scopes": ["a", 1], "grantTypes": "authorization_code"}');
      assert.deepEqual(await readClientRegistration(env(), SCOPE), { path: file, registration: { clientId: 'c', clientSecret: 's', expiresAt: new Date('2027-03-04T05:06:07Z') } });
    });

    it('without an id, a secret or a readable expiry are not used', async function () {
      const file = clientRegistrationPath(env(), SCOPE);
      for (const text of [
        '{"clientSecret": "s", "expiresAt": "2027-03-04T05:06:07Z"}',
        '{"clientId": "", "clientSecret": "s", "expiresAt": "2027-03-04T05:06:07Z"}',
        '{"clientId": "c", "expiresAt": "2027-03-04T05:06:07Z"}',
        '{"clientId": "c", "clientSecret": "s"}',
        '{"clientId": "c", "clientSecret": "s", "expiresAt": "later"}',
      ]) {
        await writeJson(file, text);
        assert.deepEqual(await readClientRegistration(env(), SCOPE), { path: file, problem: 'invalid-fields' }, text);
      }
      await fs.writeFile(file, '[]');
      assert.deepEqual(await readClientRegistration(env(), SCOPE), { path: file, problem: 'not-an-object' });
      await fs.rm(file);
      assert.deepEqual(await readClientRegistration(env(), SCOPE), { path: file });
    });

    it('that cannot be written give the cache sentence', async function () {
      await fs.mkdir(path.join(home, '.aws'));
      await fs.writeFile(path.join(home, '.aws', 'sso'), 'not a folder');
      await assert.rejects(writeClientRegistration(env(), SCOPE, registration), (error: unknown) => {
        assert.ok(isUserFacingError(error));
        assert.equal(error.code, 'sso-cache.unwritable');
        assert.ok(error.message.includes(clientRegistrationPath(env(), SCOPE)), error.message);
        return true;
      });
    });
  });
});
