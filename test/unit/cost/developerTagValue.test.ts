import assert from 'node:assert/strict';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { resolveDeveloperTagValue, sessionUserName } from '../../../src/core/cost/developerTagValue';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';
import { issuedCredentials, setEnv, useEmulator } from '../../emulator/testSupport';
import { recordingLogger } from '../../support/recordingLogger';
import { startCannedEndpoint, type CannedEndpoint } from './support/cannedEndpoint';

const ACCOUNT = '111122223333';
const SONNET = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0`;
const aipArn = (id: string): string => `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/${id}`;
/** alice's, with a CostCenter tag an admin pasted with spaces around its value. */
const PADDED_VALUE = aipArn('padded0value');

describe('cost: the developer tag value Cost Explorer is asked for (inference profile tag, setting, sign-in)', function () {
  this.timeout(60_000);
  const fixture = useEmulator((world) => {
    const profile = (id: string, tags: Record<string, string>) => ({ name: `claude-${id}`, id, accountId: ACCOUNT, region: 'us-east-1', copyFrom: SONNET, tags });
    world.applicationProfiles = [
      ...(world.applicationProfiles ?? []),
      profile('padded0value', { Team: 'platform', DeveloperId: 'alice', CostCenter: ' cc-42 ' }),
    ];
    // Identity Center would never issue this name; it stands for a sign-in whose ARN names no user.
    world.users.push({ userName: ' ', email: 'nobody@example.com', attributes: { Team: 'platform' }, assignments: [{ accountId: ACCOUNT, roleName: 'BedrockDeveloper' }] });
  });
  const credentialsOf = (user: string): AwsCredentialIdentityProvider => (identity) => issuedCredentials(fixture.emulator, user)(identity);
  const alice = credentialsOf('alice');
  const alicesProfile = (): string => {
    const aip = fixture.emulator.applicationProfiles().find((profile) => profile.tags['DeveloperId'] === 'alice' && profile.region === 'us-east-1');
    assert.ok(aip);
    return aip.arn;
  };

  beforeEach(() => {
    fixture.emulator.clearFaults();
    fixture.emulator.resetRequests();
  });

  it('uses the setting without its surrounding spaces when there is no inference profile, asking AWS nothing', async () => {
    const resolved = await resolveDeveloperTagValue({ credentials: alice, tagKey: 'DeveloperId', configured: '  Alice ', region: 'us-east-1' });
    assert.deepEqual(resolved, { value: 'Alice', source: 'setting' });
    assert.equal(fixture.emulator.requestCount(), 0);
  });

  it('does not read tags of a system inference profile (only application profiles carry the developer\'s tag)', async () => {
    const resolved = await resolveDeveloperTagValue({ credentials: alice, tagKey: 'DeveloperId', configured: 'Alice', inferenceProfileArn: SONNET, region: 'us-east-1' });
    assert.deepEqual(resolved, { value: 'Alice', source: 'setting' });
    assert.equal(fixture.emulator.requestCount('ListTagsForResource'), 0);
  });

  it('finds the tag whatever the case of its key, but keeps the value as tagged', async () => {
    const resolved = await resolveDeveloperTagValue({ credentials: alice, tagKey: 'developerid', inferenceProfileArn: alicesProfile(), region: 'us-east-1' });
    assert.deepEqual(resolved, { value: 'alice', source: 'inference-profile' });
  });

  it('drops the spaces around a tag value (Cost Explorer would not match them)', async () => {
    const resolved = await resolveDeveloperTagValue({ credentials: alice, tagKey: 'CostCenter', configured: 'cc-42', inferenceProfileArn: PADDED_VALUE, region: 'us-east-1' });
    assert.deepEqual(resolved, { value: 'cc-42', source: 'inference-profile' });
  });

  it('says nothing about the setting when it agrees with the tag, or when there is none', async () => {
    for (const configured of ['alice', undefined]) {
      const { logger, lines } = recordingLogger();
      const resolved = await resolveDeveloperTagValue({ credentials: alice, tagKey: 'DeveloperId', configured, inferenceProfileArn: alicesProfile(), region: 'us-east-1', logger });
      assert.deepEqual(resolved, { value: 'alice', source: 'inference-profile' });
      assert.deepEqual(lines, [], `configured ${String(configured)}`);
    }
  });

  it('falls back to the setting when the profile has no such tag, and says so', async () => {
    const { logger, lines } = recordingLogger();
    const resolved = await resolveDeveloperTagValue({ credentials: alice, tagKey: 'CostCenter', configured: 'cc-7', inferenceProfileArn: alicesProfile(), region: 'us-east-1', logger });
    assert.deepEqual(resolved, { value: 'cc-7', source: 'setting' });
    assert.deepEqual(lines, [`info: The inference profile ${alicesProfile()} has no CostCenter tag; using the configured value for cost.`]);
  });

  it('falls back to the signed-in user name when the profile has no such tag and nothing is configured', async () => {
    const { logger, lines } = recordingLogger();
    const resolved = await resolveDeveloperTagValue({ credentials: alice, tagKey: 'CostCenter', inferenceProfileArn: alicesProfile(), region: 'us-east-1', logger });
    assert.deepEqual(resolved, { value: 'alice', source: 'identity' });
    assert.deepEqual(lines, [`info: The inference profile ${alicesProfile()} has no CostCenter tag; using the signed-in identity for cost.`]);
    assert.equal(fixture.emulator.requestCount('GetCallerIdentity'), 1);
  });

  it('warns with the error\'s name and carries on when the tags cannot be read', async () => {
    fixture.emulator.injectFault({ operation: 'ListTagsForResource', kind: 'status', status: 500 });
    for (const [configured, expected, using] of [['Alice', { value: 'Alice', source: 'setting' }, 'the configured value'], [undefined, { value: 'alice', source: 'identity' }, 'the signed-in identity']] as const) {
      const { logger, lines } = recordingLogger();
      const resolved = await resolveDeveloperTagValue({ credentials: alice, tagKey: 'DeveloperId', configured, inferenceProfileArn: alicesProfile(), region: 'us-east-1', logger });
      assert.deepEqual(resolved, expected);
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0] ?? '', new RegExp(`^warn: Could not read the tags of ${alicesProfile()} \\(InternalServer\\w*\\); using ${using} for cost\\.$`));
    }
  });

  it('gives up with a sentence to act on when the sign-in names no user', async () => {
    await assert.rejects(resolveDeveloperTagValue({ credentials: credentialsOf(' '), tagKey: 'DeveloperId', region: 'us-east-1' }), (error: unknown) => {
      assert.ok(isUserFacingError(error));
      assert.equal(error.code, 'cost.no-tag-value');
      assert.equal(error.message, 'Your DeveloperId could not be worked out from your sign-in, so Cost Explorer cannot be asked for your cost: set bedrockOnboarding.developerId (or pick your inference profile); showing a local estimate.');
      return true;
    });
  });

  it('asks STS nothing once the caller has aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(resolveDeveloperTagValue({ credentials: alice, tagKey: 'DeveloperId', region: 'us-east-1', abortSignal: controller.signal }));
    assert.equal(fixture.emulator.requestCount('GetCallerIdentity'), 0);
  });

  describe('against a Bedrock endpoint that keeps idle connections open', () => {
    let endpoint: CannedEndpoint;
    let restore: () => void;
    before(async () => {
      endpoint = await startCannedEndpoint({ tags: [{ key: 'DeveloperId', value: 'alice' }] });
      restore = setEnv({ AWS_ENDPOINT_URL_BEDROCK: endpoint.url });
    });
    after(async () => {
      restore();
      await endpoint.close();
    });

    it('closes its Bedrock connection once the tags are read, so a CLI run can exit', async () => {
      const fake: AwsCredentialIdentityProvider = () => Promise.resolve({ accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret' });
      const resolved = await resolveDeveloperTagValue({ credentials: fake, tagKey: 'DeveloperId', inferenceProfileArn: PADDED_VALUE, region: 'us-east-1' });
      assert.deepEqual(resolved, { value: 'alice', source: 'inference-profile' });
      assert.ok(endpoint.connections() > 0);
      // A connection kept alive would never close and time the test out.
      await endpoint.allClosed();
    });
  });

  describe('the user name in a caller ARN', () => {
    it('is the last part of an assumed-role ARN, exactly as spelt', () => {
      assert.equal(sessionUserName('arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Dev_0123456789abcdef/Erin.Doe'), 'Erin.Doe');
      assert.equal(sessionUserName('arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Dev_0123456789abcdef/alice '), 'alice');
      // Colons inside the resource part belong to it (an ARN has only five before it).
      assert.equal(sessionUserName('arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Dev_0123456789abcdef/team:alice'), 'team:alice');
    });

    it('is missing from an ARN whose resource has no path, or ends in a slash, or from text that is no ARN', () => {
      assert.equal(sessionUserName('arn:aws:iam::111122223333:root'), undefined);
      assert.equal(sessionUserName('arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Dev_0123456789abcdef/'), undefined);
      assert.equal(sessionUserName('assumed-role/alice'), undefined);
    });
  });
});
