import { sleep as defaultSleep } from '../../runtime/cancellation';
import type { AdminCheckOptions } from './adminCheckOptions';

/** An IAM Identity Center admin request as its status call reports it. */
export interface RequestStatus {
  readonly status: string | undefined;
  readonly reason?: string | undefined;
}

/** About three minutes at the default pace: provisioning usually takes seconds. */
const MAX_POLLS = 90;

/**
 * IAM Identity Center's writes (provisioning a permission set, creating an account
 * assignment) are asynchronous: they answer a request id and IN_PROGRESS, and a Describe
 * call tells when the request has SUCCEEDED or FAILED. Polls at the check's pace until the
 * status leaves IN_PROGRESS or the polls run out; the caller words the outcome.
 */
export async function waitWhileInProgress(
  first: RequestStatus & { readonly requestId: string | undefined },
  describe: (requestId: string) => Promise<RequestStatus>,
  options: Pick<AdminCheckOptions, 'sleep' | 'provisioningPollMs'>,
  signal: AbortSignal | undefined,
  waitingFor: string,
): Promise<RequestStatus> {
  let current: RequestStatus = first;
  const pause = options.sleep ?? defaultSleep;
  for (let poll = 0; current.status === 'IN_PROGRESS' && first.requestId && poll < MAX_POLLS; poll++) {
    await pause(options.provisioningPollMs ?? 2000, signal, waitingFor);
    current = await describe(first.requestId);
  }
  return current;
}
