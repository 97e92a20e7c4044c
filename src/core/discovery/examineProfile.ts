import { classifyAwsError, describeAwsError, type AwsCallDescription } from '../awsErrors/describeAwsError';
import type { Logger } from '../runtime/logger';
import { getInferenceProfile, listProfileTags, type BedrockClients, type InferenceProfileFacts } from './bedrockProfileCalls';
import { getProfileCall, listTagsCall } from './bedrockCallDescriptions';
import { matchTags, type TagMatchInput } from './identityMatch';
import type { CallEvidence, CandidateSource, DiscoveryProblem, InferenceProfileCandidate, Ownership } from './inferenceProfileCandidate';
import { tierOfProfile } from './modelTier';

export interface ExamineContext {
  readonly clients: BedrockClients;
  readonly match: TagMatchInput;
  readonly profileName: string | undefined;
  readonly logger: Logger;
  readonly abortSignal: AbortSignal | undefined;
  readonly clock: () => number;
  /** Runs one AWS call through a pacer (the full examination); absent = call directly. */
  readonly pace?: <T>(operation: string, action: () => Promise<T>) => Promise<T>;
}

export interface Examination {
  readonly candidate: InferenceProfileCandidate;
  /** The failure of GetInferenceProfile when it was anything but OK, as a sentence. */
  readonly getFailure: DiscoveryProblem | undefined;
  /** A failure that left the verdict unknown (throttling, network), worth telling the user. */
  readonly problems: readonly DiscoveryProblem[];
}

/**
 * Judges one profile: `GetInferenceProfile` (the call ABAC guards) and `ListTagsForResource`
 * at the same time, then the tag match. A denial is the expected answer for other developers'
 * profiles and is recorded as evidence; only cancellation escapes as an exception.
 */
export async function examineProfile(
  context: ExamineContext,
  target: { readonly arn: string; readonly region: string; readonly listed?: InferenceProfileFacts },
  source: CandidateSource,
): Promise<Examination> {
  const client = context.clients.forRegion(target.region);
  const getCall = getProfileCall(target.arn, context.match.tagKeys, context.profileName);
  const tagsCall = listTagsCall(target.arn, context.profileName);
  const [get, tags] = await Promise.all([
    timed(context, getCall, () => getInferenceProfile(client, target.arn, context.abortSignal)),
    timed(context, tagsCall, () => listProfileTags(client, target.arn, context.abortSignal)),
  ]);

  const facts: InferenceProfileFacts = get.value ?? target.listed ?? factsFromArn(target.arn);
  const tagMatch = matchTags(tags.value, context.match);
  const ownership = ownershipOf(get.evidence.outcome, tagMatch.owns);
  const candidate = candidateOf(facts, target.region, ownership, { source, calls: [get.evidence, tags.evidence], tags: tags.value, tagMatches: tagMatch.evidence });
  context.logger.debug(
    `${source} ${candidate.arn} (${candidate.name}, ${candidate.tier}): GetInferenceProfile ${get.evidence.outcome}, ListTagsForResource ${tags.evidence.outcome} → ${ownership}`,
  );
  const problems = [get.evidence, tags.evidence]
    .filter((e) => e.outcome === 'failed')
    .map((e) => ({ code: e.code ?? 'aws.unexpected', message: e.message ?? `${e.operation} failed.` }));
  return { candidate, getFailure: getFailureOf(get.evidence, target.arn), problems };
}

async function timed<T>(context: ExamineContext, call: AwsCallDescription, action: () => Promise<T>): Promise<{ value: T | undefined; evidence: CallEvidence }> {
  const started = context.clock();
  try {
    const value = context.pace ? await context.pace(call.operation, action) : await action();
    return { value, evidence: { operation: call.operation, outcome: 'ok', latencyMs: Math.round(context.clock() - started) } };
  } catch (error) {
    const latencyMs = Math.round(context.clock() - started);
    const kind = classifyAwsError(error);
    const described = describeAwsError(call, error);
    if (kind === 'cancelled' || context.abortSignal?.aborted) throw described;
    const outcome = kind === 'access-denied' ? 'denied' : kind === 'not-found' ? 'not-found' : 'failed';
    return { value: undefined, evidence: { operation: call.operation, outcome, code: described.code, message: described.message, latencyMs } };
  }
}

/** The candidate a judged profile becomes, whether examined afresh or re-checked from memory. */
function candidateOf(facts: InferenceProfileFacts, region: string, ownership: Ownership, evidence: InferenceProfileCandidate['evidence']): InferenceProfileCandidate {
  return { arn: facts.arn, id: facts.id, name: facts.name, region, status: facts.status, type: facts.type, tier: tierOfProfile(facts.modelArns, facts.name), modelArns: facts.modelArns, ownership, evidence };
}

function getFailureOf(evidence: CallEvidence, arn: string): DiscoveryProblem | undefined {
  return evidence.outcome === 'ok' ? undefined : { code: evidence.code ?? 'aws.unexpected', message: evidence.message ?? `GetInferenceProfile failed for ${arn}.` };
}

function ownershipOf(getOutcome: CallEvidence['outcome'], tagsMatch: boolean): Ownership {
  switch (getOutcome) {
    case 'ok':
      return tagsMatch ? 'tag-match' : 'accessible';
    case 'denied':
      return 'denied';
    case 'not-found':
      return 'missing';
    case 'failed':
      return 'unverified';
  }
}

function factsFromArn(arn: string): InferenceProfileFacts {
  const id = arn.slice(arn.lastIndexOf('/') + 1);
  return { arn, id, name: id, status: 'UNKNOWN', type: arn.includes(':application-inference-profile/') ? 'APPLICATION' : 'SYSTEM_DEFINED', modelArns: [] };
}

/**
 * Re-checks a profile remembered from an earlier discovery with `GetInferenceProfile` alone:
 * the Get is what ABAC guards (and what Claude Code calls), and the remembered tags stand in
 * for a second `ListTagsForResource`. A refusal or a missing profile ends the re-check and
 * discovery searches again.
 */
export async function recheckProfile(
  context: ExamineContext,
  remembered: { readonly arn: string; readonly region: string; readonly name: string; readonly tags: Readonly<Record<string, string>> },
): Promise<Examination> {
  const client = context.clients.forRegion(remembered.region);
  const getCall = getProfileCall(remembered.arn, context.match.tagKeys, context.profileName);
  const get = await timed(context, getCall, () => getInferenceProfile(client, remembered.arn, context.abortSignal));
  const facts: InferenceProfileFacts = get.value ?? { ...factsFromArn(remembered.arn), name: remembered.name };
  const tagMatch = matchTags(remembered.tags, context.match);
  const ownership = ownershipOf(get.evidence.outcome, tagMatch.owns);
  const candidate = candidateOf(facts, remembered.region, ownership, { source: 'remembered', calls: [get.evidence], tags: { ...remembered.tags }, tagMatches: tagMatch.evidence });
  return { candidate, getFailure: getFailureOf(get.evidence, remembered.arn), problems: [] };
}
