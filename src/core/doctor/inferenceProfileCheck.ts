import { describeAwsError, classifyAwsError } from '../awsErrors/describeAwsError';
import { getProfileCall } from '../discovery/bedrockCallDescriptions';
import { BedrockClients, getInferenceProfile } from '../discovery/bedrockProfileCalls';
import { DEFAULT_TAG_KEYS } from '../discovery/discoverInferenceProfiles';
import { parseInferenceProfileArn } from '../discovery/inferenceProfileArn';
import { tierOfProfile } from '../discovery/modelTier';
import { isInvalid } from '../validation/invalidValue';
import type { CheckContext } from './checkContext';
import type { CheckDefinition, CheckResult } from './checkGraph';
import { fixedCredentials, type AwsSession } from './credentialsCheck';
import { configureFix } from './setupCheck';

/** One retry for a 5xx; the check's own time limit bounds the rest. */
const MAX_ATTEMPTS = 2;

/** `GetInferenceProfile` on the chosen profile: Claude Code makes this call at start-up and stops when it fails. */
export function inferenceProfileCheck(context: CheckContext, session: AwsSession): CheckDefinition {
  return {
    id: 'inference-profile',
    title: 'Inference profile reachable',
    needs: ['credentials'],
    timeoutMs: context.timeouts.networkMs,
    timeoutAdvice: 'Amazon Bedrock did not answer; check your network, VPN or proxy',
    run: (signal) => checkInferenceProfile(context, session, signal),
  };
}

async function checkInferenceProfile(context: CheckContext, session: AwsSession, signal: AbortSignal): Promise<CheckResult> {
  const arn = context.target.inferenceProfileArn;
  if (arn === undefined) {
    return { status: 'fail', detail: 'No inference profile is chosen (ANTHROPIC_MODEL in Claude Code settings); configure Claude Code to find yours.', fix: configureFix() };
  }
  const parsed = parseInferenceProfileArn(arn);
  if (isInvalid(parsed)) return { status: 'fail', detail: `${parsed.message} Configure Claude Code to choose one.`, fix: configureFix() };

  const clients = new BedrockClients(fixedCredentials(session), MAX_ATTEMPTS);
  const call = getProfileCall(parsed.arn, context.options.tagKeys ?? DEFAULT_TAG_KEYS, context.target.profileName);
  try {
    const facts = await getInferenceProfile(clients.forRegion(parsed.region), parsed.arn, signal);
    const described = `${facts.name || facts.id} (${tierOfProfile(facts.modelArns, facts.name)}, ${parsed.region})`;
    if (facts.status !== 'ACTIVE') {
      return { status: 'warn', detail: `${described} can be read, but its status is ${facts.status}; ask your administrator whether it is still in use.` };
    }
    if (!parsed.arn.includes(':application-inference-profile/')) {
      return {
        status: 'warn',
        detail: `${described} is reachable, but it is a shared system-defined profile, so your usage is not tagged as yours; configure Claude Code with your own application inference profile.`,
        fix: configureFix('Choose your own inference profile'),
      };
    }
    return { status: 'pass', detail: `${described} is reachable and ACTIVE.` };
  } catch (error) {
    const described = describeAwsError(call, error);
    const kind = classifyAwsError(error);
    const fix = kind === 'not-found' || kind === 'access-denied' ? configureFix('Choose another inference profile') : undefined;
    return { status: 'fail', detail: described.message, ...(fix ? { fix } : {}) };
  } finally {
    clients.destroy();
  }
}
