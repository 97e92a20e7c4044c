import assert from 'node:assert/strict';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { BilledCostQuery } from '../../../src/core/cost/billedCostQuery';
import { fetchDeveloperBilledCost } from '../../../src/core/cost/developerBilledCost';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';
import { issuedCredentials, useEmulator } from '../../emulator/testSupport';
import { recordingLogger } from '../../support/recordingLogger';

const NOW = new Date('2026-03-15T12:00:00Z');

describe('cost: the developer\'s billed cost (tag value, then Cost Explorer)', function () {
  this.timeout(60_000);
  const fixture = useEmulator(undefined, { clock: () => NOW.getTime() });
  const query = (extra: Partial<BilledCostQuery> = {}): BilledCostQuery => ({ profile: 'claude-code', tagKey: 'DeveloperId', metric: 'UnblendedCost', region: 'us-east-1', ...extra });
  const credentials: AwsCredentialIdentityProvider = (identity) => issuedCredentials(fixture.emulator, 'alice')(identity);

  beforeEach(() => {
    fixture.emulator.clearFaults();
    fixture.emulator.resetRequests();
  });

  it('asks for the value the inference profile carries, says so in the log, and names it in the result', async () => {
    const aip = fixture.emulator.applicationProfiles().find((profile) => profile.tags['DeveloperId'] === 'alice');
    assert.ok(aip);
    const { logger, lines } = recordingLogger();
    const cost = await fetchDeveloperBilledCost({ query: query({ configuredTagValue: 'Alice', inferenceProfileArn: aip.arn }), now: NOW, credentials, logger });
    assert.equal(cost.tagValue, 'alice');
    assert.equal(cost.tagKey, 'DeveloperId');
    assert.ok(lines.some((line) => line.startsWith('info: ') && line.includes('tagged DeveloperId=alice, not Alice')), lines.join('\n'));
  });

  it('passes the logger on to the Cost Explorer call, which logs its failure', async () => {
    fixture.emulator.injectFault({ operation: 'GetCostAndUsage', kind: 'status', status: 500 });
    const { logger, lines } = recordingLogger();
    await assert.rejects(fetchDeveloperBilledCost({ query: query({ configuredTagValue: 'alice' }), now: NOW, credentials, logger, maxAttempts: 1 }), (error: unknown) => isUserFacingError(error) && error.code === 'cost.service-unavailable');
    assert.ok(lines.some((line) => line.startsWith('warn: Cost Explorer GetCostAndUsage failed')), lines.join('\n'));
  });

  it('makes exactly the attempts it is given (each Cost Explorer request is billed)', async () => {
    fixture.emulator.injectFault({ operation: 'GetCostAndUsage', kind: 'throttle' });
    await assert.rejects(fetchDeveloperBilledCost({ query: query({ configuredTagValue: 'alice' }), now: NOW, credentials, maxAttempts: 1 }), (error: unknown) => isUserFacingError(error) && error.code === 'cost.throttled');
    assert.equal(fixture.emulator.requestCount('GetCostAndUsage'), 1);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(fetchDeveloperBilledCost({ query: query({ configuredTagValue: 'alice' }), now: NOW, credentials, abortSignal: controller.signal }), (error: unknown) => isUserFacingError(error));
    assert.equal(fixture.emulator.requestCount('GetCostAndUsage'), 0);
  });

  it('explains a sign-in that fails while the tag value is worked out in Cost Explorer\'s words', async () => {
    const expired: AwsCredentialIdentityProvider = () => Promise.reject(Object.assign(new Error('The SSO session has expired'), { name: 'CredentialsProviderError' }));
    await assert.rejects(fetchDeveloperBilledCost({ query: query(), now: NOW, credentials: expired }), (error: unknown) => isUserFacingError(error) && error.code === 'cost.sign-in-required');
  });
});
