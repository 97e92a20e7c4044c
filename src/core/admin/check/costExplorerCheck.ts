import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { awsErrorName } from '../../awsErrors/awsErrorFields';
import { describeAwsError } from '../../awsErrors/describeAwsError';
import type { AdminCheck } from './adminCheck';
import { manualFix } from './adminCheck';
import { adminCallDescription } from './adminCallDescription';
import type { AdminClients } from './adminClients';
import type { AdminCheckOptions } from './adminCheckOptions';

const TITLE = 'Cost Explorer';
const DAY_MS = 86_400_000;

/**
 * Cost Explorer is enabled for the account. There is no "is it enabled" call: one small
 * GetCostAndUsage (billed at $0.01) tells, because an account that never enabled it answers
 * `AccessDeniedException: User not enabled for cost explorer access`, whatever IAM allows.
 */
export async function checkCostExplorer(clients: AdminClients, options: AdminCheckOptions, now: Date): Promise<AdminCheck> {
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const day = (d: Date): string => d.toISOString().slice(0, 10);
  try {
    await clients.costExplorer().send(
      new GetCostAndUsageCommand({ TimePeriod: { Start: day(new Date(today.getTime() - DAY_MS)), End: day(today) }, Granularity: 'DAILY', Metrics: ['UnblendedCost'] }),
      { abortSignal: options.signal },
    );
    return { id: 'cost-explorer', title: TITLE, status: 'pass', detail: 'Cost Explorer is enabled and answers for this account.' };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/not enabled for cost explorer/i.test(message)) {
      return {
        id: 'cost-explorer',
        title: TITLE,
        status: 'fail',
        detail: 'Cost Explorer is not enabled for this account, so no developer\'s cost can ever appear; enable it once in the Billing and Cost Management console (Cost Explorer → Launch Cost Explorer) — in the management account when the account is part of consolidated billing. Data appears within about a day.',
        fix: manualFix('Enable Cost Explorer in the Billing and Cost Management console'),
      };
    }
    if (awsErrorName(error) === 'DataUnavailableException') {
      return { id: 'cost-explorer', title: TITLE, status: 'warn', detail: 'Cost Explorer is enabled but has no data for this account yet; the first data takes about a day.' };
    }
    return { id: 'cost-explorer', title: TITLE, status: 'fail', detail: describeAwsError(adminCallDescription('Cost Explorer', 'GetCostAndUsage', 'ce:GetCostAndUsage', options.profileName), error).message };
  }
}
