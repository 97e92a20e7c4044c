import assert from 'node:assert/strict';
import { CostExplorerClient, GetCostAndUsageCommand, InvalidNextTokenException, UpdateCostAllocationTagsStatusCommand } from '@aws-sdk/client-cost-explorer';
import type { GetCostAndUsageCommandInput, ResultByTime } from '@aws-sdk/client-cost-explorer';
import { formatAmount } from './services/costExplorer';
import type { Credentials } from './testSupport';
import { credentialsFor, REGION, rejectionOf, useEmulator } from './testSupport';

// Today on the emulator clock is 2026-03-15; the default world's cost records use daysAgo.
const NOW = Date.parse('2026-03-15T12:00:00Z');
const MONTH_TO_DATE = { Start: '2026-03-01', End: '2026-03-16' };
const aliceFilter = { Tags: { Key: 'DeveloperId', Values: ['alice'] } };

const total = (results: ResultByTime[]) => results.reduce((sum, r) => sum + Number(r.Total?.UnblendedCost?.Amount ?? '0'), 0);

describe('emulator: Cost Explorer GetCostAndUsage', () => {
  const fixture = useEmulator(undefined, { clock: () => NOW });
  let alice: Credentials;
  const ce = (credentials: Credentials) => new CostExplorerClient({ region: REGION, credentials });
  const daily = (extra: Partial<GetCostAndUsageCommandInput> = {}): GetCostAndUsageCommandInput => ({
    TimePeriod: MONTH_TO_DATE,
    Granularity: 'DAILY',
    Metrics: ['UnblendedCost'],
    Filter: aliceFilter,
    ...extra,
  });

  before(async () => {
    alice = await credentialsFor(fixture.emulator, 'alice');
  });

  it('returns one DAILY result per day (End exclusive) filtered by the developer tag', async () => {
    const out = await ce(alice).send(new GetCostAndUsageCommand(daily()));
    const results = out.ResultsByTime ?? [];
    assert.equal(results.length, 15);
    assert.deepEqual(results[0]?.TimePeriod, { Start: '2026-03-01', End: '2026-03-02' });
    assert.deepEqual(results.at(-1)?.TimePeriod, { Start: '2026-03-15', End: '2026-03-16' });
    assert.deepEqual(results.at(-1)?.Total, { UnblendedCost: { Amount: '1.25', Unit: 'USD' } });
    assert.equal(results[0].Total?.UnblendedCost?.Amount, '0');
    assert.equal(total(results).toFixed(2), '17.60');
    assert.equal(out.NextPageToken, undefined);
  });

  it('marks the most recent days as Estimated', async () => {
    const results = (await ce(alice).send(new GetCostAndUsageCommand(daily()))).ResultsByTime ?? [];
    assert.deepEqual(
      results.filter((r) => r.Estimated === true).map((r) => r.TimePeriod?.Start),
      ['2026-03-14', '2026-03-15'],
    );
  });

  it('groups MONTHLY results by calendar month, clipped to the period', async () => {
    const out = await ce(alice).send(new GetCostAndUsageCommand(daily({ TimePeriod: { Start: '2026-02-01', End: '2026-03-16' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost', 'BlendedCost'] })));
    const results = out.ResultsByTime ?? [];
    assert.deepEqual(
      results.map((r) => [r.TimePeriod?.Start, r.TimePeriod?.End, r.Total?.BlendedCost?.Amount, r.Estimated]),
      [
        ['2026-02-01', '2026-03-01', '9.99', false],
        ['2026-03-01', '2026-03-16', '17.6', true],
      ],
    );
  });

  it('accepts And of tag filters and groups by tag', async () => {
    const both = await ce(alice).send(
      new GetCostAndUsageCommand(daily({ Filter: { And: [aliceFilter, { Tags: { Key: 'Team', Values: ['platform'] } }] } })),
    );
    assert.equal(total(both.ResultsByTime ?? []).toFixed(2), '17.60');
    const grouped = await ce(alice).send(
      new GetCostAndUsageCommand(
        daily({ Granularity: 'MONTHLY', Filter: { Tags: { Key: 'Team', Values: ['platform'] } }, GroupBy: [{ Type: 'TAG', Key: 'DeveloperId' }] }),
      ),
    );
    const groups = grouped.ResultsByTime?.[0]?.Groups ?? [];
    assert.deepEqual(
      groups.map((g) => [g.Keys?.[0], g.Metrics?.UnblendedCost?.Amount]),
      [
        ['DeveloperId$alice', '17.6'],
        ['DeveloperId$shared', '0.33'],
      ],
    );
  });

  it('rejects a token from another request with InvalidNextTokenException', async () => {
    const forged = Buffer.from('0000000000000000:1').toString('base64url');
    const error = await rejectionOf(ce(alice).send(new GetCostAndUsageCommand(daily({ NextPageToken: forged }))));
    assert.ok(error instanceof InvalidNextTokenException);
  });

  it('denies ce:GetCostAndUsage to a user without it, in IAM wording', async () => {
    const carol = await credentialsFor(fixture.emulator, 'carol');
    const denied = await rejectionOf(ce(carol).send(new GetCostAndUsageCommand(daily())));
    assert.equal(denied.name, 'AccessDeniedException');
    assert.match(
      denied.message,
      /^User: arn:aws:sts::111122223333:assumed-role\/AWSReservedSSO_BedrockDeveloper_[0-9a-f]{16}\/carol is not authorized to perform: ce:GetCostAndUsage on resource: arn:aws:ce:us-east-1:111122223333:\/GetCostAndUsage because no identity-based policy allows the ce:GetCostAndUsage action$/,
    );
  });

  it('formats amounts as plain decimal strings', () => {
    assert.equal(formatAmount(0), '0');
    assert.equal(formatAmount(1.5), '1.5');
    assert.equal(formatAmount(0.0000001), '0.0000001');
    assert.equal(formatAmount(0.1 + 0.2), '0.3');
  });
});

describe('emulator: Cost Explorer pagination', () => {
  const fixture = useEmulator(
    (world) => {
      world.costExplorer = { estimatedDays: 1, pageSize: 4 };
    },
    { clock: () => NOW },
  );

  it('splits ResultsByTime over several pages chained by NextPageToken', async () => {
    const credentials = await credentialsFor(fixture.emulator, 'alice');
    const client = new CostExplorerClient({ region: REGION, credentials });
    fixture.emulator.resetRequests();
    const sizes: number[] = [];
    const starts: string[] = [];
    // The SDK has no paginator for GetCostAndUsage: callers loop on NextPageToken themselves.
    let token: string | undefined;
    do {
      const page = await client.send(
        new GetCostAndUsageCommand({ TimePeriod: MONTH_TO_DATE, Granularity: 'DAILY', Metrics: ['UnblendedCost'], Filter: aliceFilter, NextPageToken: token }),
      );
      sizes.push(page.ResultsByTime?.length ?? 0);
      starts.push(...(page.ResultsByTime ?? []).map((r) => r.TimePeriod?.Start ?? ''));
      token = page.NextPageToken;
    } while (token !== undefined);
    assert.deepEqual(sizes, [4, 4, 4, 3]);
    assert.equal(new Set(starts).size, 15);
    assert.equal(fixture.emulator.requestCount('GetCostAndUsage'), 4);
  });
});

describe('emulator: Cost Explorer lag, partial days and refusals', () => {
  // Refreshes at 00:00, 08:00, 16:00 UTC and sees usage up to 4 hours before each refresh.
  let clock = NOW;
  const fixture = useEmulator(
    (world) => {
      world.costExplorer = { estimatedDays: 1, lagHours: 4, refreshEveryHours: 8 };
      world.costRecords = [
        { date: '2026-03-14', amount: 2.4, tags: { DeveloperId: 'alice' } },
        { date: '2026-03-15', amount: 2.4, tags: { DeveloperId: 'alice' } },
      ];
    },
    { clock: () => clock },
  );
  const HOUR = 3_600_000;
  const ask = async (): Promise<ResultByTime[]> => {
    const credentials = await credentialsFor(fixture.emulator, 'alice');
    const out = await new CostExplorerClient({ region: REGION, credentials }).send(
      new GetCostAndUsageCommand({ TimePeriod: { Start: '2026-03-14', End: '2026-03-17' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'], Filter: aliceFilter }),
    );
    return out.ResultsByTime ?? [];
  };
  const view = (results: ResultByTime[]) => results.map((r) => [r.TimePeriod?.Start, r.Total?.UnblendedCost?.Amount, r.Estimated]);

  afterEach(() => {
    clock = NOW;
    fixture.emulator.setCostExplorer({ estimatedDays: 1, lagHours: 4, refreshEveryHours: 8 });
  });

  it('bills the newest day only up to its data cut-off, growing at each refresh, and marks it Estimated until it is whole', async () => {
    // 12:00 on the 15th: last refresh 08:00, data through 04:00 → 4/24 of the day.
    assert.deepEqual(view(await ask()), [
      ['2026-03-14', '2.4', false],
      ['2026-03-15', '0.4', true],
      ['2026-03-16', '0', true],
    ]);
    clock = NOW + 3 * HOUR; // 15:00: no refresh since 08:00, nothing new
    assert.equal((await ask())[1]?.Total?.UnblendedCost?.Amount, '0.4');
    clock = NOW + 5 * HOUR; // 17:00: refreshed at 16:00, data through 12:00
    assert.equal((await ask())[1]?.Total?.UnblendedCost?.Amount, '1.2');
    clock = NOW + 20 * HOUR; // 08:00 on the 16th: data through 04:00 on the 16th → the 15th is whole and final
    assert.deepEqual(view(await ask()).slice(0, 2), [
      ['2026-03-14', '2.4', false],
      ['2026-03-15', '2.4', false],
    ]);
  });

  it('answers AccessDeniedException "User not enabled for cost explorer access" for an account that never enabled it', async () => {
    fixture.emulator.setCostExplorer({ enabled: false });
    const error = await rejectionOf(ask());
    assert.equal(error.name, 'AccessDeniedException');
    assert.equal(error.message, 'User not enabled for cost explorer access');
  });

  it('answers DataUnavailableException while the account has no data', async () => {
    fixture.emulator.setCostExplorer({ dataUnavailable: true });
    assert.equal((await rejectionOf(ask())).name, 'DataUnavailableException');
  });

  it('sees no cost for a tag key that is not an active cost allocation tag', async () => {
    fixture.emulator.setCostExplorer({ inactiveTagKeys: ['DeveloperId'] });
    assert.ok((await ask()).every((r) => r.Total?.UnblendedCost?.Amount === '0'));
  });
});

describe('emulator: Cost Explorer and the cost allocation tag status', () => {
  const fixture = useEmulator(
    (world) => {
      world.admin = { costAllocationTags: { DeveloperId: 'Inactive', Team: 'Active' } };
    },
    { clock: () => NOW },
  );

  it('bills a tag key once UpdateCostAllocationTagsStatus activates it, and none before', async () => {
    const alice = await credentialsFor(fixture.emulator, 'alice');
    const ask = async () =>
      total(
        (await new CostExplorerClient({ region: REGION, credentials: alice }).send(new GetCostAndUsageCommand({ TimePeriod: MONTH_TO_DATE, Granularity: 'DAILY', Metrics: ['UnblendedCost'], Filter: aliceFilter })))
          .ResultsByTime ?? [],
      );
    assert.equal(await ask(), 0);
    const issued = fixture.emulator.issueRoleCredentials('dana');
    const dana = { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken };
    await new CostExplorerClient({ region: REGION, credentials: dana }).send(new UpdateCostAllocationTagsStatusCommand({ CostAllocationTagsStatus: [{ TagKey: 'DeveloperId', Status: 'Active' }] }));
    assert.equal((await ask()).toFixed(2), '17.60');
  });
});
