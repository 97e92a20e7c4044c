import assert from 'node:assert/strict';
import { BedrockClient, GetInferenceProfileCommand, ListInferenceProfilesCommand, ThrottlingException } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient, ConverseCommand, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Credentials } from './testSupport';
import { REGION, rejectionOf, SANDBOX_ACCOUNT, useEmulator } from './testSupport';

const ALICE_SONNET = `arn:aws:bedrock:us-east-1:${SANDBOX_ACCOUNT}:application-inference-profile/k3v9q2m7x1ab`;

describe('emulator: faults, rate limits and request counting', () => {
  const fixture = useEmulator();
  let alice: Credentials;
  const bedrock = (maxAttempts = 3) => new BedrockClient({ region: REGION, credentials: alice, maxAttempts });

  before(() => {
    alice = fixture.emulator.issueRoleCredentials('alice', SANDBOX_ACCOUNT, 'BedrockDeveloper');
  });
  beforeEach(() => {
    fixture.emulator.resetRequests();
  });
  afterEach(() => {
    fixture.emulator.clearFaults();
    fixture.emulator.setRateLimit('GetInferenceProfile', null);
  });

  it('a one-off 503 is retried by the SDK, which then succeeds; both attempts are counted', async () => {
    fixture.emulator.injectFault({ operation: 'ListInferenceProfiles', kind: 'status', status: 503, times: 1 });
    const out = await bedrock().send(new ListInferenceProfilesCommand({}));
    assert.equal(out.$metadata.attempts, 2);
    assert.equal(fixture.emulator.requestCount('ListInferenceProfiles'), 2);
    const [first, second] = fixture.emulator.requests();
    assert.deepEqual([first?.status, first?.fault, first?.errorCode], [503, 'status', 'ServiceUnavailableException']);
    assert.equal(second?.status, 200);
  });

  it('a one-off 500 in the awsQuery (XML) shape is retried too', async () => {
    fixture.emulator.injectFault({ service: 'sts', kind: 'status', times: 1 });
    const out = await new STSClient({ region: REGION, credentials: alice }).send(new GetCallerIdentityCommand({}));
    assert.equal(out.$metadata.attempts, 2);
    assert.equal(fixture.emulator.requests()[0]?.errorCode, 'InternalFailure');
  });

  it('one-off throttling is retried, for Bedrock (429) and Cost Explorer (LimitExceeded)', async () => {
    fixture.emulator.injectFault({ operation: 'GetInferenceProfile', kind: 'throttle', times: 1 });
    const out = await bedrock().send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: ALICE_SONNET }));
    assert.equal(out.$metadata.attempts, 2);
    fixture.emulator.injectFault({ service: 'cost-explorer', kind: 'throttle', times: 1 });
    const ce = await new CostExplorerClient({ region: REGION, credentials: alice }).send(
      new GetCostAndUsageCommand({ TimePeriod: { Start: '2026-01-01', End: '2026-01-02' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'] }),
    );
    assert.equal(ce.$metadata.attempts, 2);
    assert.equal(fixture.emulator.requestCount('GetCostAndUsage'), 2);
  });

  it('persistent throttling surfaces as a typed ThrottlingException after the retries', async () => {
    fixture.emulator.injectFault({ operation: 'GetInferenceProfile', kind: 'throttle' });
    const error = await rejectionOf(bedrock(2).send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: ALICE_SONNET })));
    assert.ok(error instanceof ThrottlingException);
    assert.equal(error.$metadata.httpStatusCode, 429);
    assert.equal(fixture.emulator.requestCount('GetInferenceProfile'), 2);
  });

  it('a rate limit lets the bucket through and throttles the excess', async () => {
    fixture.emulator.setRateLimit('GetInferenceProfile', 2);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => bedrock(1).send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: ALICE_SONNET }))),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 2);
    const throttled = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(throttled.length, 3);
    assert.ok(throttled.every((r) => r.reason instanceof ThrottlingException));
    assert.equal(fixture.emulator.requests().filter((r) => r.fault === 'rate-limit').length, 3);
  });

  it('latency delays the answer', async () => {
    fixture.emulator.injectFault({ operation: 'ListInferenceProfiles', kind: 'latency', ms: 2_000, times: 1 });
    // Order, not a stopwatch: the delayed call, sent first, is answered after a later call that is not delayed.
    const answered: string[] = [];
    const delayed = bedrock().send(new ListInferenceProfilesCommand({})).then(() => answered.push('delayed'));
    await new STSClient({ region: REGION, credentials: alice }).send(new GetCallerIdentityCommand({})).then(() => answered.push('prompt'));
    await delayed;
    assert.deepEqual(answered, ['prompt', 'delayed']);
  });

  it('a reset connection is retried by the SDK', async () => {
    fixture.emulator.injectFault({ operation: 'GetCallerIdentity', kind: 'reset', times: 1 });
    const out = await new STSClient({ region: REGION, credentials: alice }).send(new GetCallerIdentityCommand({}));
    assert.equal(out.$metadata.attempts, 2);
    assert.equal(fixture.emulator.requests()[0]?.status, 0);
  });

  it('a malformed body fails deserialization instead of yielding data', async () => {
    fixture.emulator.injectFault({ operation: 'ListInferenceProfiles', kind: 'malformed', times: 1 });
    const error = await rejectionOf(bedrock().send(new ListInferenceProfilesCommand({})));
    assert.notEqual(error.name, 'AccessDeniedException');
    assert.match(`${error.name} ${error.message}`, /JSON|Unexpected|Deserializ|SyntaxError/i);
  });

  it('faults reach the HTTP/2 runtime too: a one-off 503 on Converse is retried; a corrupt stream frame fails', async () => {
    const runtime = new BedrockRuntimeClient({ region: REGION, credentials: alice });
    fixture.emulator.injectFault({ service: 'bedrock-runtime', kind: 'status', status: 503, times: 1 });
    const out = await runtime.send(new ConverseCommand({ modelId: ALICE_SONNET, messages: [{ role: 'user', content: [{ text: 'hi' }] }] }));
    assert.equal(out.$metadata.attempts, 2);

    fixture.emulator.injectFault({ operation: 'InvokeModelWithResponseStream', kind: 'malformed', times: 1 });
    // The SDK reads the first event while resolving send(), so the failure can surface there.
    const failure = await rejectionOf(
      (async () => {
        const stream = await runtime.send(
          new InvokeModelWithResponseStreamCommand({
            modelId: ALICE_SONNET,
            body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
          }),
        );
        for await (const _part of stream.body ?? []) {
          // draining the stream is the point
        }
      })(),
    );
    assert.match(failure.message, /checksum|crc/i);
  });

  it('faults match only their service/operation, and clearFaults removes them', async () => {
    fixture.emulator.injectFault({ service: 'sts', kind: 'status' });
    const out = await bedrock().send(new ListInferenceProfilesCommand({}));
    assert.equal(out.$metadata.attempts, 1);
    fixture.emulator.clearFaults();
    const sts = await new STSClient({ region: REGION, credentials: alice }).send(new GetCallerIdentityCommand({}));
    assert.equal(sts.$metadata.attempts, 1);
  });
});
