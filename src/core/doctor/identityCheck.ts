import { describeAwsError } from '../awsErrors/describeAwsError';
import { callerIdentityCall } from '../discovery/bedrockCallDescriptions';
import { getCallerIdentity } from '../identity/callerIdentity';
import { isInvalid } from '../validation/invalidValue';
import { validateRegion } from '../validation/awsRegion';
import type { CheckContext } from './checkContext';
import type { CheckDefinition, CheckResult } from './checkGraph';
import { fixedCredentials, type AwsSession } from './credentialsCheck';
import { signInFix } from './setupCheck';

/** STS answers in every region; this one is used when Claude Code's region is missing or malformed. */
const FALLBACK_REGION = 'us-east-1';

/** `GetCallerIdentity` with the profile's credentials: who Claude Code will be. */
export function identityCheck(context: CheckContext, session: AwsSession): CheckDefinition {
  return {
    id: 'identity',
    title: 'AWS identity',
    needs: ['credentials'],
    timeoutMs: context.timeouts.networkMs,
    timeoutAdvice: 'AWS STS did not answer; check your network, VPN or proxy',
    run: (signal) => checkIdentity(context, session, signal),
  };
}

async function checkIdentity(context: CheckContext, session: AwsSession, signal: AbortSignal): Promise<CheckResult> {
  const profileName = context.target.profileName;
  const wanted = context.target.region === undefined ? undefined : validateRegion(context.target.region);
  const region = wanted === undefined || isInvalid(wanted) ? FALLBACK_REGION : wanted;
  try {
    const identity = await getCallerIdentity({ region, credentials: fixedCredentials(session), abortSignal: signal });
    return { status: 'pass', detail: `Signed in as ${identity.arn} (account ${identity.account}).` };
  } catch (error) {
    const described = describeAwsError(callerIdentityCall(profileName), error);
    return { status: 'fail', detail: described.message, fix: signInFix(profileName) };
  }
}
