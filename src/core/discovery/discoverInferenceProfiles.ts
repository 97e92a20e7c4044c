import { setMaxListeners } from 'node:events';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { classifyAwsError, describeAwsError } from '../awsErrors/describeAwsError';
import { getCallerIdentity, type CallerIdentity } from '../identity/callerIdentity';
import { throwIfAborted, type Sleep } from '../runtime/cancellation';
import type { Logger } from '../runtime/logger';
import { UserFacingError } from '../runtime/userFacingError';
import type { ProfileMapping } from '../orgDefaults/orgDefaults';
import { isInvalid } from '../validation/invalidValue';
import { BedrockClients, listApplicationProfiles, type InferenceProfileFacts } from './bedrockProfileCalls';
import { callerIdentityCall, listProfilesCall } from './bedrockCallDescriptions';
import { examineProfile, recheckProfile, type ExamineContext } from './examineProfile';
import { identityNames, mappingEntry } from './identityMatch';
import { parseInferenceProfileArn } from './inferenceProfileArn';
import type { CandidateSource, ClaudeTier, DiscoveryProblem, InferenceProfileCandidate } from './inferenceProfileCandidate';
import type { DiscoveryMemory, RememberedProfile } from './discoveryMemory';
import { mapConcurrently } from './mapConcurrently';
import { profilesNamedFor } from './namedProfiles';
import { examineAllPaced, type ExaminationProgress } from './pacedExamination';
import { probeCandidates } from './probeCandidates';
import { ownCandidates, refusedByProbe, selectProfiles, usableCandidates, type ProfileSelection } from './selectProfiles';

export const DEFAULT_TAG_KEYS: readonly string[] = ['DeveloperId', 'Team'];
export const DEFAULT_DISCOVERY_CONCURRENCY = 8;

export interface DiscoveryOptions {
  /** The signed-in profile's credentials, from the SDK's own providers (`profileCredentials`). */
  readonly credentials: AwsCredentialIdentityProvider;
  /** Regions to search, the default Bedrock region first, then the allowed ones. */
  readonly regions: readonly string[];
  /** The AWS profile name, used only in advice sentences (`aws sso login --profile …`). */
  readonly profileName?: string;
  /** Tag keys to match, the per-developer key first. Default `DeveloperId`, `Team`. */
  readonly tagKeys?: readonly string[];
  /** Configured values per tag key (settings / org defaults), matched besides the identity. */
  readonly tagValues?: Readonly<Record<string, string>>;
  /** ARNs the user gave (flag or setting): they win, and must exist and be readable. */
  readonly explicitArns?: readonly string[];
  /** The organisation's `developerId → tier → ARN` mapping; used when it has an entry for this developer. */
  readonly orgMapping?: ProfileMapping;
  /** ARNs the organisation set as everyone's default; used when they are readable. */
  readonly orgDefaultArns?: readonly string[];
  /** Opt-in, billed: confirm invoke permission with one 1-token Converse per candidate. */
  readonly probe?: boolean;
  /** Profiles examined at once (each examination runs Get and ListTags together). Default 8. */
  readonly concurrency?: number;
  readonly primaryTierOrder?: readonly ClaudeTier[];
  /** Attempts per AWS call including the SDK's retries; default: the SDK's (3). */
  readonly maxAttempts?: number;
  readonly logger: Logger;
  readonly abortSignal?: AbortSignal;
  /** Monotonic milliseconds for call latencies; default `performance.now`. */
  readonly clock?: () => number;
  /** The org's `profileNamePattern` (how `admin create-profiles` names profiles); default `claude-code-{tier}-{developerId}`. */
  readonly nameTemplate?: string;
  /** What earlier runs found per identity; re-checked with one Get per profile before any search. */
  readonly memory?: DiscoveryMemory;
  /**
   * Search afresh: skip what earlier runs found (a profile the admin added since would never be
   * looked for while the remembered ones still pass their Get) and remember the new result instead.
   */
  readonly rediscover?: boolean;
  /** Progress of the full examination (the only slow link): "examined 1,200 of 9,000". */
  readonly onProgress?: (progress: ExaminationProgress) => void;
  /** Starting requests per second per operation of the full examination (it adapts to throttling). Default 5. */
  readonly initialRate?: number;
  /** Tests: the pacer's waits. */
  readonly sleep?: Sleep;
}

export interface RegionListing {
  readonly region: string;
  readonly outcome: 'ok' | 'denied' | 'failed';
  readonly profiles: number;
}

export interface DiscoveryResult {
  readonly identity: CallerIdentity;
  /** The names the identity was matched under (lower-case). */
  readonly identityNames: readonly string[];
  /** Which link of the chain produced the candidates. */
  readonly source: CandidateSource;
  /** Every profile examined, with its evidence (including the ones denied to the developer). */
  readonly candidates: readonly InferenceProfileCandidate[];
  readonly selection: ProfileSelection;
  /** Per region, how `ListInferenceProfiles` went (empty when an explicit or admin ARN won). */
  readonly listings: readonly RegionListing[];
  /**
   * Sentences for what went wrong on the way. When nothing was selected the first one says
   * why and what to do (e.g. the missing `bedrock:ListInferenceProfiles`).
   */
  readonly problems: readonly DiscoveryProblem[];
}

const LISTING_DENIED = 'discovery.list-denied';

/**
 * Finds the application inference profiles the signed-in developer may use, as a chain:
 * explicit ARNs → the org mapping entry → org default ARNs → listing every APPLICATION profile
 * and judging each by `GetInferenceProfile` / `ListTagsForResource` (ABAC: denied means not
 * yours) and its tags → an optional 1-token probe. When nothing is found the caller offers a
 * pasted ARN (run again with `explicitArns`).
 *
 * Throws `UserFacingError` only when it cannot work at all (no identity, a bad explicit ARN,
 * cancellation); "nothing found" is a result with a reason, so the UI can offer the paste.
 */
export async function discoverInferenceProfiles(options: DiscoveryOptions): Promise<DiscoveryResult> {
  const parent = options.abortSignal;
  if (!parent) return discover(options);
  // Every in-flight SDK call listens on the signal; a signal of our own, relayed from the
  // caller's, can be allowed that many listeners without touching the caller's signal.
  const scope = new AbortController();
  setMaxListeners(4 * (options.concurrency ?? DEFAULT_DISCOVERY_CONCURRENCY) + 16, scope.signal);
  const relay = (): void => {
    scope.abort(parent.reason);
  };
  if (parent.aborted) relay();
  else parent.addEventListener('abort', relay, { once: true });
  try {
    return await discover({ ...options, abortSignal: scope.signal });
  } finally {
    parent.removeEventListener('abort', relay);
  }
}

async function discover(options: DiscoveryOptions): Promise<DiscoveryResult> {
  const regions = [...new Set(options.regions.map((r) => r.trim()).filter((r) => r !== ''))];
  if (regions.length === 0) throw new UserFacingError('No AWS region was given to search for inference profiles; set the Bedrock region and try again.', 'discovery.no-region');
  const concurrency = options.concurrency ?? DEFAULT_DISCOVERY_CONCURRENCY;
  const tagKeys = options.tagKeys && options.tagKeys.length > 0 ? options.tagKeys : DEFAULT_TAG_KEYS;
  const clock = options.clock ?? (() => performance.now());
  const log = options.logger;
  throwIfAborted(options.abortSignal, 'Finding your inference profile');

  const identity = await getCallerIdentity({ region: regions[0] ?? 'us-east-1', credentials: options.credentials, abortSignal: options.abortSignal }).catch((error: unknown) => {
    throw describeAwsError(callerIdentityCall(options.profileName), error);
  });
  const names = identityNames(identity.arn);
  log.info(`Discovering inference profiles for ${identity.arn} in ${regions.join(', ')}`);

  const clients = new BedrockClients(options.credentials, options.maxAttempts);
  const context: ExamineContext = {
    clients,
    match: { tagKeys, identityNames: names, configuredValues: options.tagValues ?? {} },
    profileName: options.profileName,
    logger: log,
    abortSignal: options.abortSignal,
    clock,
  };
  try {
    const found = await findCandidates(options, context, regions, concurrency, identity.arn);
    let candidates = found.candidates;
    const problems = [...found.problems];
    if (options.probe) {
      const probed = await probeCandidates(candidates, usableCandidates(candidates), {
        credentials: options.credentials,
        profileName: options.profileName,
        concurrency,
        maxAttempts: options.maxAttempts,
        logger: log,
        abortSignal: options.abortSignal,
        clock,
      });
      candidates = probed.candidates;
      problems.push(...probed.problems);
    }
    const selection = selectProfiles(candidates, { regionOrder: regions, ...(options.primaryTierOrder ? { primaryTierOrder: options.primaryTierOrder } : {}) });
    if (selection.kind === 'none') problems.unshift(...nothingFound(found, candidates, problems, names, tagKeys, regions));
    log.info(`Discovery (${found.source}): ${candidates.length} examined, selection ${selection.kind}`);
    await rememberFound(options, identity.arn, found.source, selection.kind === 'none' ? [] : ownCandidates(candidates), log);
    return { identity, identityNames: names, source: found.source, candidates, selection, listings: found.listings, problems: dedupe(problems) };
  } finally {
    clients.destroy();
  }
}

interface Found {
  readonly source: CandidateSource;
  readonly candidates: InferenceProfileCandidate[];
  readonly listings: RegionListing[];
  readonly problems: DiscoveryProblem[];
  /** Profiles named for this developer by the naming convention, however they were judged. */
  readonly namedForYou: readonly InferenceProfileCandidate[];
}

/**
 * The chain, cheapest link first; each link answers only when it finds a usable profile:
 * explicit ARNs (always answer) → the org mapping → what an earlier run found, one Get per
 * profile → the org default ARNs → the listing (pages of 1,000) and only the profiles named
 * for this developer → every listed profile, paced to the account's request quota.
 */
async function findCandidates(options: DiscoveryOptions, context: ExamineContext, regions: readonly string[], concurrency: number, identityArn: string): Promise<Found> {
  const problems: DiscoveryProblem[] = [];
  if (options.explicitArns && options.explicitArns.length > 0) {
    const candidates = await examineArns(context, options.explicitArns, 'explicit', concurrency, problems, true);
    return { source: 'explicit', candidates, listings: [], problems, namedForYou: [] };
  }
  const mapped = mappingEntry(options.orgMapping, developerNames(context));
  const remembered = options.rediscover ? undefined : (await recall(options, identityArn))?.filter((p) => regions.includes(p.region));
  if (options.rediscover) context.logger.info('Searching afresh, without the inference profiles found last time.');
  // A mapping entry that names other profiles than the remembered ones is the admin's newer word.
  const mappingChanged = mapped !== undefined && !sameArns(mapped, remembered?.map((p) => p.arn) ?? []);
  if (remembered && remembered.length > 0 && !mappingChanged) {
    const examinations = await mapConcurrently(remembered, concurrency, (profile) => recheckProfile(context, profile));
    const candidates = examinations.map((e) => e.candidate);
    if (examinations.every((e) => e.getFailure === undefined) && usableCandidates(candidates).length > 0) return { source: 'remembered', candidates, listings: [], problems, namedForYou: [] };
    context.logger.info('The inference profiles found last time are no longer all readable; searching again.');
  }
  for (const [source, arns] of [['mapping', mapped], ['org-default', options.orgDefaultArns]] as const) {
    if (!arns || arns.length === 0) continue;
    const candidates = await examineArns(context, arns, source, concurrency, problems, false);
    if (usableCandidates(candidates).length > 0) return { source, candidates, listings: [], problems, namedForYou: [] };
    context.logger.warn(`The ${source === 'mapping' ? 'organisation mapping' : 'organisation default'} ARNs were not usable; listing profiles instead.`);
  }
  const listed = await listEverywhere(options, context, regions);
  problems.push(...listed.problems);

  const named = profilesNamedFor(
    listed.targets.map((t) => ({ ...t, name: t.listed.name })),
    developerNames(context),
    options.nameTemplate,
  );
  const namedExaminations = await mapConcurrently(named, concurrency, (target) => examineProfile(context, target, 'naming'));
  const namedForYou = namedExaminations.map((e) => e.candidate);
  if (usableCandidates(namedForYou).length > 0) {
    for (const e of namedExaminations) problems.push(...e.problems);
    return { source: 'naming', candidates: namedForYou, listings: listed.listings, problems, namedForYou };
  }
  if (named.length > 0) context.logger.info(`${named.length} listed profiles are named for you but none is usable; examining every listed profile.`);

  const examinedAlready = new Set(named.map((t) => t.arn));
  const rest = listed.targets.filter((t) => !examinedAlready.has(t.arn));
  const pacedClients = new BedrockClients(options.credentials, 1);
  try {
    const examinations = await examineAllPaced(context, rest, {
      clients: pacedClients,
      concurrency,
      ...(options.initialRate ? { initialRate: options.initialRate } : {}),
      // The caller's attempt budget (tests, impatient callers) bounds the throttles too.
      ...(options.maxAttempts ? { maxThrottles: options.maxAttempts } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    for (const e of examinations) problems.push(...e.problems);
    return { source: 'listing', candidates: [...namedForYou, ...examinations.map((e) => e.candidate)], listings: listed.listings, problems, namedForYou };
  } finally {
    pacedClients.destroy();
  }
}

async function recall(options: DiscoveryOptions, identityArn: string): Promise<readonly RememberedProfile[] | undefined> {
  if (!options.memory) return undefined;
  try {
    return await options.memory.recall(identityArn);
  } catch (error) {
    options.logger.warn(`The inference profiles found last time could not be read (${error instanceof Error ? error.message : String(error)}); searching again.`);
    return undefined;
  }
}

/** Keeps what a search found for the next run; explicit ARNs are the user's own memory already. */
async function rememberFound(options: DiscoveryOptions, identityArn: string, source: CandidateSource, own: readonly InferenceProfileCandidate[], log: Logger): Promise<void> {
  if (!options.memory || source === 'explicit' || source === 'remembered') return;
  try {
    await options.memory.remember(
      identityArn,
      own.map((c) => ({ arn: c.arn, region: c.region, name: c.name, tags: c.evidence.tags ?? {} })),
    );
  } catch (error) {
    log.warn(`The inference profiles found could not be remembered for next time (${error instanceof Error ? error.message : String(error)}); the next run searches again.`);
  }
}

function sameArns(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a.map((x) => x.trim()));
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

/** The names the org mapping may know this developer by: the identity's, and a configured developer tag value. */
function developerNames(context: ExamineContext): string[] {
  const developerKey = (context.match.tagKeys[0] ?? '').toLowerCase();
  const configured = Object.entries(context.match.configuredValues)
    .filter(([key]) => key.toLowerCase() === developerKey)
    .map(([, value]) => value);
  return [...context.match.identityNames, ...configured];
}

/** Explicit ARNs are checked with Get; `strict` (the user's own ARNs) turns any failure into an exception. */
async function examineArns(
  context: ExamineContext,
  arns: readonly string[],
  source: CandidateSource,
  concurrency: number,
  problems: DiscoveryProblem[],
  strict: boolean,
): Promise<InferenceProfileCandidate[]> {
  const targets: { arn: string; region: string }[] = [];
  for (const raw of new Set(arns.map((a) => a.trim()))) {
    const parsed = parseInferenceProfileArn(raw);
    if (isInvalid(parsed)) {
      if (strict) throw parsed;
      problems.push({ code: parsed.code, message: parsed.message });
      continue;
    }
    if (!targets.some((t) => t.arn === parsed.arn)) targets.push(parsed);
  }
  const examinations = await mapConcurrently(targets, concurrency, (target) => examineProfile(context, target, source));
  for (const e of examinations) {
    if (e.getFailure) {
      if (strict) throw new UserFacingError(e.getFailure.message, e.getFailure.code);
      problems.push(e.getFailure);
    } else {
      problems.push(...e.problems);
    }
  }
  return examinations.map((e) => e.candidate);
}

async function listEverywhere(
  options: DiscoveryOptions,
  context: ExamineContext,
  regions: readonly string[],
): Promise<{ targets: { arn: string; region: string; listed: InferenceProfileFacts }[]; listings: RegionListing[]; problems: DiscoveryProblem[] }> {
  const problems: DiscoveryProblem[] = [];
  const perRegion = await Promise.all(
    regions.map(async (region) => {
      try {
        const profiles = await listApplicationProfiles(context.clients.forRegion(region), options.abortSignal);
        context.logger.debug(`ListInferenceProfiles(APPLICATION) in ${region}: ${profiles.length} profiles`);
        return { listing: { region, outcome: 'ok', profiles: profiles.length } satisfies RegionListing, profiles };
      } catch (error) {
        const kind = classifyAwsError(error);
        const described = describeAwsError(listProfilesCall(options.profileName), error);
        if (kind === 'cancelled' || options.abortSignal?.aborted) throw described;
        context.logger.warn(`ListInferenceProfiles in ${region}: ${described.message}`);
        problems.push({ code: kind === 'access-denied' ? LISTING_DENIED : described.code, message: described.message });
        return { listing: { region, outcome: kind === 'access-denied' ? 'denied' : 'failed', profiles: 0 } satisfies RegionListing, profiles: [] };
      }
    }),
  );
  const seen = new Set<string>();
  const targets: { arn: string; region: string; listed: InferenceProfileFacts }[] = [];
  perRegion.forEach(({ profiles }, index) => {
    for (const listed of profiles) {
      if (seen.has(listed.arn)) continue;
      seen.add(listed.arn);
      const parsed = parseInferenceProfileArn(listed.arn);
      targets.push({ arn: listed.arn, region: isInvalid(parsed) ? (regions[index] ?? '') : parsed.region, listed });
    }
  });
  return { targets, listings: perRegion.map((r) => r.listing), problems };
}

/** The reason nothing was selected, first in `problems`, when no earlier problem already says it. */
function nothingFound(
  found: Found,
  candidates: readonly InferenceProfileCandidate[],
  problems: readonly DiscoveryProblem[],
  names: readonly string[],
  tagKeys: readonly string[],
  regions: readonly string[],
): DiscoveryProblem[] {
  const listings = found.listings;
  if (listings.length > 0 && listings.every((l) => l.outcome === 'denied')) {
    const denied = problems.find((p) => p.code === LISTING_DENIED);
    return denied ? [denied] : [];
  }
  if (listings.length > 0 && listings.every((l) => l.outcome !== 'ok')) return [];
  const refused = candidates.filter(refusedByProbe);
  if (refused.length > 0) {
    const invoke = candidates.flatMap((c) => c.evidence.calls).find((call) => call.operation === 'Converse' && call.outcome === 'denied');
    if (invoke?.message) return [{ code: invoke.code ?? 'aws.access-denied', message: invoke.message }];
  }
  const deniedCount = candidates.filter((c) => c.ownership === 'denied').length;
  const attribute = missingAttributeProblem(found.namedForYou, candidates, tagKeys[0] ?? 'DeveloperId');
  if (attribute) return [attribute];
  const unverified = candidates.filter((c) => c.ownership === 'unverified').length;
  const who = names.length > 0 ? `${tagKeys[0] ?? 'DeveloperId'}=${names.join(' or ')}` : 'you';
  const tail = unverified > 0 ? `; ${unverified} could not be checked (see the other messages), so try again,` : '';
  return [
    {
      code: 'discovery.none-found',
      message: `No usable Claude application inference profile for ${who} was found in ${regions.join(', ')} (${candidates.length} examined, ${deniedCount} belong to others)${tail}; ask your Bedrock admin to create one tagged for you, or paste its ARN.`,
    },
  ];
}

/**
 * Every profile refused, the developer's own (by name) included: ABAC compares the profile's
 * developer tag with `aws:PrincipalTag/<key>`, and a session without that principal tag matches
 * nothing. IAM Identity Center passes it only when the key is mapped under *attributes for
 * access control*, which only its administrator can set.
 */
function missingAttributeProblem(namedForYou: readonly InferenceProfileCandidate[], candidates: readonly InferenceProfileCandidate[], developerKey: string): DiscoveryProblem | undefined {
  if (namedForYou.length === 0 || candidates.length === 0) return undefined;
  if (!candidates.every((c) => c.ownership === 'denied')) return undefined;
  const names = namedForYou.map((c) => c.name).join(', ');
  return {
    code: 'discovery.abac-attribute-missing',
    message: `Every inference profile was refused, including the ones named for you (${names}), so your IAM Identity Center sign-in probably carries no ${developerKey} attribute for access control and the permission set's tag condition matches nothing; ask your IAM Identity Center administrator to map ${developerKey} under Settings → Attributes for access control, then sign in again.`,
  };
}

function dedupe(problems: readonly DiscoveryProblem[]): DiscoveryProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
