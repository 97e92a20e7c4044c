import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';
import { deleteCachedSsoRoleCredentials, deleteCachedToken, deleteCachedTokens, type TokenBeingDeleted } from '../../../src/core/ssoCache/tokenCacheCleanup';
import { cliCredentialCacheDirectory, ssoCacheDirectory, tokenCachePath } from '../../../src/core/ssoCache/ssoCachePaths';
import { makeTempHome } from '../../support/tempHome';

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

describe('removing cached SSO sign-ins (aws sso logout)', function () {
  let home: string;
  let removeHome: () => Promise<void>;
  const env = (): { homeDir: string } => ({ homeDir: home });
  const cache = (): string => ssoCacheDirectory(env());

  beforeEach(async function () {
    ({ home, remove: removeHome } = await makeTempHome());
  });
  afterEach(async function () {
    await removeHome();
  });

  it('with no cache folder removes nothing', async function () {
    assert.deepEqual(await deleteCachedTokens(env()), { deleted: [], skipped: [] });
    assert.deepEqual(await deleteCachedSsoRoleCredentials(env()), { deleted: [], skipped: [] });
  });

  it('deletes every token file whatever its name, keeps registrations and anything it cannot read, skips links', async function () {
    await fs.mkdir(cache(), { recursive: true });
    const file = (name: string): string => path.join(cache(), name);
    await fs.writeFile(file('b-session.json'), '{"startUrl": "https://b.awsapps.com/start", "region": "eu-west-1", "accessToken": "token-b-value", "expiresAt": "2026-12-05T10:00:00Z"}');
    await fs.writeFile(file('a-legacy.json'), '{"accessToken": "token-a-value"}');
    await fs.writeFile(file('c-odd.json'), '{"accessToken": 42}');
    await fs.writeFile(file('registration.json'), '{"clientId": "c", "clientSecret": "s", "expiresAt": "2027-01-01T00:00:00Z"}');
    await fs.writeFile(file('corrupt.json'), '{"accessToken": ');
    await fs.writeFile(file('list.json'), '["accessToken"]');
    await fs.mkdir(file('folder.json'));
    const outside = path.join(home, 'outside.json');
    await fs.writeFile(outside, '{"accessToken": "outside-token"}');
    await fs.symlink(outside, file('link.json'));

    const seen: TokenBeingDeleted[] = [];
    const result = await deleteCachedTokens(env(), {
      beforeDelete: async (token) => {
        seen.push(token);
        assert.equal(await exists(token.path), true, 'called before the file goes');
        throw new Error('Logout failed');
      },
    });

    assert.deepEqual(result, { deleted: [file('a-legacy.json'), file('b-session.json'), file('c-odd.json')], skipped: [file('link.json')] });
    assert.deepEqual(seen, [
      { path: file('a-legacy.json'), accessToken: 'token-a-value' },
      { path: file('b-session.json'), accessToken: 'token-b-value', region: 'eu-west-1', startUrl: 'https://b.awsapps.com/start' },
    ]);
    assert.deepEqual((await fs.readdir(cache())).sort(), ['corrupt.json', 'folder.json', 'link.json', 'list.json', 'registration.json']);
    assert.equal(await exists(outside), true);
  });

  it('skips and reports a file it cannot read', async function () {
    // Running as root, no permission keeps us out; a path over PATH_MAX does: the folder
    // can be listed, but its entry cannot be opened by its full name.
    let homeDir = home;
    while (homeDir.length < 3850) homeDir = path.join(homeDir, 'h'.repeat(Math.min(200, 3850 - homeDir.length)));
    const folder = ssoCacheDirectory({ homeDir });
    await fs.mkdir(folder, { recursive: true });
    const name = `${'t'.repeat(240)}.json`;
    execFileSync('sh', ['-c', `printf '{"accessToken": "unreachable-token"}' > ${name}`], { cwd: folder });
    try {
      assert.deepEqual(await deleteCachedTokens({ homeDir }), { deleted: [], skipped: [path.join(folder, name)] });
    } finally {
      // fs.rm cannot reach it by its full name either.
      execFileSync('rm', ['-f', name], { cwd: folder });
    }
  });

  it('goes through the files in name order (UTF-16 order, whatever order the file system lists them in)', async function () {
    await fs.mkdir(cache(), { recursive: true });
    // U+FFFF comes first in UTF-8 byte order, U+1F600 in UTF-16 order.
    const names = ['\uffff.json', '\u{1f600}.json', 'a.json'];
    for (const name of names) await fs.writeFile(path.join(cache(), name), '{"accessToken": "ordered-token"}');
    const result = await deleteCachedTokens(env());
    assert.deepEqual(result.deleted.map((file) => path.relative(cache(), file)), ['a.json', '\u{1f600}.json', '\uffff.json']);
  });

  it('works without a Logout callback', async function () {
    const token = tokenCachePath(env(), 'claude-code');
    await fs.mkdir(cache(), { recursive: true });
    await fs.writeFile(token, '{"accessToken": "plain-token-value"}');
    assert.deepEqual(await deleteCachedTokens(env()), { deleted: [token], skipped: [] });
  });

  it('deletes only the role credentials the CLI got through SSO', async function () {
    const folder = cliCredentialCacheDirectory(env());
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(path.join(folder, 'sso.json'), '{"ProviderType": "sso", "Credentials": {}}');
    await fs.writeFile(path.join(folder, 'assume-role.json'), '{"ProviderType": "assume-role", "Credentials": {}}');
    await fs.writeFile(path.join(folder, 'none.json'), '{"Credentials": {}}');
    assert.deepEqual(await deleteCachedSsoRoleCredentials(env()), { deleted: [path.join(folder, 'sso.json')], skipped: [] });
    assert.deepEqual((await fs.readdir(folder)).sort(), ['assume-role.json', 'none.json']);
  });

  it("deletes one session's token file, and says whether there was one", async function () {
    const token = tokenCachePath(env(), 'claude-code');
    assert.equal(await deleteCachedToken(env(), 'claude-code'), false);
    await fs.mkdir(cache(), { recursive: true });
    await fs.writeFile(token, '{}');
    assert.equal(await deleteCachedToken(env(), 'claude-code'), true);
    assert.equal(await exists(token), false);
    await fs.mkdir(token);
    assert.equal(await deleteCachedToken(env(), 'claude-code'), false);
    assert.equal(await exists(token), true);
  });

  it('explains a cache it cannot change in a sentence', async function () {
    await fs.mkdir(path.dirname(cache()), { recursive: true });
    await fs.writeFile(cache(), 'not a folder');
    const expectSentence = (subject: string) => (error: unknown): boolean => {
      assert.ok(isUserFacingError(error));
      assert.equal(error.code, 'sso-cache.delete-failed');
      assert.equal(
        error.message,
        `Could not remove the cached AWS sign-in ${subject}: part of the path ${path.dirname(subject)} is a file, not a folder. Move that file out of the way (you can also delete the file by hand), then try again.`,
      );
      assert.equal((error.cause as { code?: string }).code, 'ENOTDIR');
      return true;
    };
    await assert.rejects(deleteCachedTokens(env()), expectSentence(cache()));
    await assert.rejects(deleteCachedToken(env(), 'claude-code'), expectSentence(tokenCachePath(env(), 'claude-code')));
  });
});
