import assert from 'node:assert/strict';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { credentialsFor, REGION, rejectionOf, SANDBOX_ACCOUNT, useEmulator } from './testSupport';

describe('emulator: STS GetCallerIdentity', () => {
  const fixture = useEmulator();

  it('names the federated identity as an AWSReservedSSO assumed role with the user name', async () => {
    const credentials = await credentialsFor(fixture.emulator, 'alice');
    const identity = await new STSClient({ region: REGION, credentials }).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, SANDBOX_ACCOUNT);
    assert.match(identity.Arn ?? '', /^arn:aws:sts::111122223333:assumed-role\/AWSReservedSSO_BedrockDeveloper_[0-9a-f]{16}\/alice$/);
    assert.match(identity.UserId ?? '', /^AROA[A-Z2-7]{17}:alice$/);
  });

  it('keeps the reserved role suffix stable per account and role', async () => {
    const a = fixture.emulator.issueRoleCredentials('alice', SANDBOX_ACCOUNT, 'BedrockDeveloper');
    const b = fixture.emulator.issueRoleCredentials('bob', SANDBOX_ACCOUNT, 'BedrockDeveloper');
    const sts = (c: typeof a) => new STSClient({ region: REGION, credentials: c });
    const arnA = (await sts(a).send(new GetCallerIdentityCommand({}))).Arn ?? '';
    const arnB = (await sts(b).send(new GetCallerIdentityCommand({}))).Arn ?? '';
    assert.equal(arnA.replace(/\/alice$/, ''), arnB.replace(/\/bob$/, ''));
  });

  it('rejects expired and unknown credentials with the STS error codes', async () => {
    const credentials = fixture.emulator.issueRoleCredentials('bob');
    fixture.emulator.expireRoleCredentials();
    const expired = await rejectionOf(new STSClient({ region: REGION, credentials }).send(new GetCallerIdentityCommand({})));
    assert.equal(expired.name, 'ExpiredToken');
    assert.match(expired.message, /expired/);

    const unknown = await rejectionOf(
      new STSClient({ region: REGION, credentials: { accessKeyId: 'ASIAUNKNOWNUNKNOWN00', secretAccessKey: 'x', sessionToken: 'y' } }).send(new GetCallerIdentityCommand({})),
    );
    assert.equal(unknown.name, 'InvalidClientTokenId');
    assert.equal(unknown.$metadata?.httpStatusCode, 403);
  });
});
