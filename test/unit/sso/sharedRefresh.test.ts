import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateTokenCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { build } from 'esbuild';
import { tokenCachePath } from '../../../src/core/ssoCache/ssoCachePaths';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../emulator/server';
import { defaultWorld } from '../../emulator/world';
import { makeTempHome } from '../../support/tempHome';

const SESSION = 'claude-code';

interface ChildResult {
  readonly code: number | null;
  readonly source: string | undefined;
  readonly accessToken: string | undefined;
  readonly stderr: string;
}

/**
 * Several processes refresh one session's expired token at once, against an emulator
 * whose refresh tokens rotate (a used one is refused), as IAM Identity Center may do.
 */
describe('refresh shared by several processes (real processes, rotating refresh tokens)', function () {
  this.timeout(60_000);
  let script: string;
  let scriptDir: string;
  let emulator: Emulator;
  let home: string;
  let removeHome: () => Promise<void>;

  before(async () => {
    scriptDir = await fs.mkdtemp(path.join(os.tmpdir(), 'refresh-child-'));
    script = path.join(scriptDir, 'refreshChild.cjs');
    await build({ entryPoints: [path.join(__dirname, 'support', 'refreshChild.ts')], bundle: true, platform: 'node', format: 'cjs', mainFields: ['module', 'main'], outfile: script, logLevel: 'silent' });
  });
  after(async () => {
    await fs.rm(scriptDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    const world = defaultWorld();
    world.sso = { ...world.sso, rotateRefreshTokens: true };
    emulator = await startEmulator(world);
    ({ home, remove: removeHome } = await makeTempHome('shared-refresh-'));
  });
  afterEach(async () => {
    emulator.setRequestHook(null);
    await emulator.close();
    await removeHome();
  });

  /** An expired access token with a valid refresh token and registration, as after a night. */
  async function seedExpiredToken(): Promise<{ startUrl: string; region: string; refreshToken: string; clientId: string; clientSecret: string }> {
    const issued = emulator.issueSsoToken('alice');
    const file = tokenCachePath({ homeDir: home }, SESSION);
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await fs.writeFile(file, JSON.stringify({ ...issued, expiresAt: '2020-01-01T00:00:00Z' }), { mode: 0o600 });
    assert.ok(issued.refreshToken);
    return { startUrl: issued.startUrl, region: issued.region, refreshToken: issued.refreshToken, clientId: issued.clientId, clientSecret: issued.clientSecret };
  }

  function startChildren(count: number, seeded: { startUrl: string; region: string }): { children: ChildProcess[]; results: Promise<ChildResult[]> } {
    const children = Array.from({ length: count }, () =>
      spawn(process.execPath, [script, home, seeded.startUrl, seeded.region], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { PATH: process.env['PATH'], HOME: home, AWS_CONFIG_FILE: path.join(home, 'no-config'), AWS_EC2_METADATA_DISABLED: 'true', ...emulatorEndpointEnv(emulator.url) },
      }),
    );
    const results = Promise.all(
      children.map(
        (child) =>
          new Promise<ChildResult>((resolve) => {
            let out = '';
            let stderr = '';
            child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
            child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
            child.on('close', (code) => {
              const parsed = out.trim() === '' ? {} : (JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { source?: string; accessToken?: string });
              resolve({ code, source: parsed.source, accessToken: parsed.accessToken, stderr });
            });
          }),
      ),
    );
    return { children, results };
  }

  it('four processes refreshing at once make one refresh call and all get its token', async () => {
    const seeded = await seedExpiredToken();
    const { children, results } = startChildren(4, seeded);
    // Released together, so all four read the expired token before any refresh is made.
    for (const child of children) child.stdin?.end('go\n');
    const ends = await results;
    for (const end of ends) assert.equal(end.code, 0, `${end.source ?? ''} ${end.stderr}`);
    const tokens = new Set(ends.map((end) => end.accessToken));
    assert.equal(tokens.size, 1, 'every process ends with the same token');
    assert.deepEqual(ends.map((end) => end.source).sort(), ['cache', 'cache', 'cache', 'refreshed']);
    assert.equal(emulator.requestCount('CreateToken'), 1, 'one refresh for all four');
    assert.equal(emulator.requestCount('StartDeviceAuthorization'), 0, 'nobody was asked to sign in again');
    const cached = JSON.parse(await fs.readFile(tokenCachePath({ homeDir: home }, SESSION), 'utf8')) as { accessToken: string; refreshToken: string };
    assert.equal(cached.accessToken, [...tokens][0]);
    assert.notEqual(cached.refreshToken, seeded.refreshToken, 'the rotated refresh token was kept');
  });

  it('a refresh token used meanwhile by a program that takes no lock (Claude Code\'s SDK) is followed, not answered with a new sign-in', async () => {
    const seeded = await seedExpiredToken();
    const cacheFile = tokenCachePath({ homeDir: home }, SESSION);
    let foreignToken: string | undefined;
    // When our process's CreateToken reaches the emulator, "Claude Code" refreshes first with
    // the same refresh token and writes the result back (as the JS SDK does: no lock, its
    // own timestamp format); our call is then refused because the refresh token rotated.
    emulator.setRequestHook(async (_service, operation) => {
      if (operation !== 'CreateToken') return;
      emulator.setRequestHook(null);
      const oidc = new SSOOIDCClient({ region: seeded.region, endpoint: emulator.url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
      try {
        const out = await oidc.send(new CreateTokenCommand({ clientId: seeded.clientId, clientSecret: seeded.clientSecret, grantType: 'refresh_token', refreshToken: seeded.refreshToken }));
        foreignToken = out.accessToken;
        const current = JSON.parse(await fs.readFile(cacheFile, 'utf8')) as Record<string, unknown>;
        await fs.writeFile(cacheFile, JSON.stringify({ ...current, accessToken: out.accessToken, refreshToken: out.refreshToken, expiresAt: new Date(Date.now() + (out.expiresIn ?? 0) * 1000).toISOString() }));
      } finally {
        oidc.destroy();
      }
    });
    const { children, results } = startChildren(1, seeded);
    children[0]?.stdin?.end('go\n');
    const [end] = await results;
    assert.ok(foreignToken, 'the other program refreshed');
    assert.equal(end?.code, 0, `${end?.source ?? ''} ${end?.stderr ?? ''}`);
    assert.equal(end.source, 'cache');
    assert.equal(end.accessToken, foreignToken, 'the token the other program left is used');
    const refusals = emulator.requests().filter((record) => record.operation === 'CreateToken' && record.errorCode === 'InvalidGrantException');
    assert.equal(refusals.length, 1, 'our refresh was refused once (rotation), then the cache was re-read');
    assert.equal(emulator.requestCount('StartDeviceAuthorization'), 0);
  });

  it('without a newer token anywhere, a refused refresh token leads to a new sign-in', async () => {
    const seeded = await seedExpiredToken();
    // The refresh token is used up elsewhere and nothing new is written to the cache.
    const oidc = new SSOOIDCClient({ region: seeded.region, endpoint: emulator.url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    await oidc.send(new CreateTokenCommand({ clientId: seeded.clientId, clientSecret: seeded.clientSecret, grantType: 'refresh_token', refreshToken: seeded.refreshToken }));
    oidc.destroy();
    const { children, results } = startChildren(1, seeded);
    children[0]?.stdin?.end('go\n');
    const [end] = await results;
    assert.equal(end?.code, 3, 'asked to sign in again');
    assert.equal(end.source, 'asked-to-sign-in');
  });
});
