import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockClient, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { EmulatorControlClient } from './controlClient';
import { emulatorEndpointEnv } from './endpoints';
import { DEVICE_CODE_GRANT } from './services/ssoOidc';
import { spawnEmulator } from './spawn';
import { REGION, rejectionOf, roleCredentials, SANDBOX_ACCOUNT, setEnv, START_URL, useEmulator } from './testSupport';
import { defaultWorld } from './world';

async function deviceFlow(userCodeHandler: (userCode: string) => Promise<void>) {
  const oidc = new SSOOIDCClient({ region: REGION });
  const client = await oidc.send(new RegisterClientCommand({ clientName: 'control-test', clientType: 'public', scopes: ['sso:account:access'] }));
  const ids = { clientId: client.clientId ?? '', clientSecret: client.clientSecret ?? '' };
  const device = await oidc.send(new StartDeviceAuthorizationCommand({ ...ids, startUrl: START_URL }));
  await userCodeHandler(device.userCode ?? '');
  return oidc.send(new CreateTokenCommand({ ...ids, grantType: DEVICE_CODE_GRANT, deviceCode: device.deviceCode }));
}

describe('emulator: control API over HTTP', () => {
  const fixture = useEmulator();
  const control = () => new EmulatorControlClient(fixture.emulator.url);

  it('approves a pending device code, counts requests and lists secrets', async () => {
    await control().resetRequests();
    const token = await deviceFlow(async () => {
      const code = await control().waitForUserCode();
      await control().approveDeviceCode(code, 'alice');
    });
    assert.ok(token.accessToken);
    assert.equal(await control().requestCount('CreateToken'), 1);
    assert.equal(await control().requestCount(), 3);
    const secrets = await control().issuedSecrets();
    assert.ok(secrets.includes(token.accessToken));
    const log = JSON.stringify(await control().requests());
    assert.ok(!log.includes(token.accessToken));
  });

  it('injects faults, expires tokens, moves the clock and issues credentials', async () => {
    const creds = await control().issueRoleCredentials('alice');
    assert.equal(creds.accountId, SANDBOX_ACCOUNT);
    const credentials = { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken };
    await control().injectFault({ operation: 'ListInferenceProfiles', kind: 'status', status: 503, times: 1 });
    const out = await new BedrockClient({ region: REGION, credentials }).send(new ListInferenceProfilesCommand({}));
    assert.equal(out.$metadata.attempts, 2);

    const token = await control().issueSsoToken('bob');
    assert.equal(token.startUrl, START_URL);
    assert.ok(token.refreshToken);
    await control().expireAccessTokens();
    assert.equal((await rejectionOf(roleCredentials(token.accessToken, SANDBOX_ACCOUNT, 'BedrockDeveloper'))).name, 'UnauthorizedException');

    const fixed = Date.parse('2027-01-01T00:00:00Z');
    assert.equal(await control().setClock({ nowMs: fixed }), fixed);
    assert.equal(fixture.emulator.now(), fixed);
    await control().setClock({});
    assert.ok(Math.abs(fixture.emulator.now() - Date.now()) < 1000);
  });

  it('reports bad control calls as 400 with the reason, and unknown AWS paths as 404', async () => {
    await assert.rejects(control().approveDeviceCode('ZZZZ-ZZZZ', 'alice'), /No pending device authorization/);
    await assert.rejects(control().injectFault({ kind: 'explode' } as never), /kind must be one of/);
    const response = await fetch(`${fixture.emulator.url}/no/such/api`);
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('x-amzn-errortype'), 'UnknownOperationException');
  });

  it('exposes created application profiles and the world', async () => {
    const profiles = await control().applicationProfiles();
    assert.ok(profiles.some((p) => p.id === 'k3v9q2m7x1ab' && p.tags.DeveloperId === 'alice'));
    assert.equal((await control().world()).identityCenter.startUrl, START_URL);
  });
});

describe('emulator: cli.ts in its own process', function () {
  this.timeout(30_000);

  it('prints EMULATOR_URL, serves the SDK, auto-approves and stops on SIGTERM', async () => {
    const spawned = await spawnEmulator({ autoApprove: 'alice' });
    const restore = setEnv({ ...emulatorEndpointEnv(spawned.url), AWS_BEARER_TOKEN_BEDROCK: undefined });
    try {
      assert.match(spawned.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const token = await deviceFlow(() => Promise.resolve());
      const credentials = await roleCredentials(token.accessToken ?? '', SANDBOX_ACCOUNT, 'BedrockDeveloper');
      const identity = await new STSClient({ region: REGION, credentials }).send(new GetCallerIdentityCommand({}));
      assert.match(identity.Arn ?? '', /\/alice$/);
      assert.equal(await spawned.control.requestCount('GetCallerIdentity'), 1);
    } finally {
      restore();
      await spawned.stop();
    }
    assert.equal(spawned.child.exitCode, 0);
  });

  it('loads --world and exits when its stdin closes', async () => {
    const world = defaultWorld();
    world.identityCenter.startUrl = 'https://d-9999999999.awsapps.com/start';
    const dir = mkdtempSync(join(tmpdir(), 'emulator-world-'));
    try {
      const path = join(dir, 'world.json');
      writeFileSync(path, JSON.stringify(world));
      const spawned = await spawnEmulator({ worldPath: path });
      assert.equal((await spawned.control.world()).identityCenter.startUrl, 'https://d-9999999999.awsapps.com/start');
      const exited = new Promise<number | null>((resolve) => spawned.child.once('exit', resolve));
      spawned.child.stdin?.end();
      assert.equal(await exited, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
