import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { classifyAwsError, describeAwsError, type AwsCallDescription } from '../awsErrors/describeAwsError';
import { BedrockClients, getInferenceProfile, type InferenceProfileFacts } from '../discovery/bedrockProfileCalls';
import { callerIdentityCall, converseCall, getProfileCall } from '../discovery/bedrockCallDescriptions';
import { converseProbe } from '../discovery/converseProbe';
import { DEFAULT_TAG_KEYS } from '../discovery/discoverInferenceProfiles';
import { parseInferenceProfileArn } from '../discovery/inferenceProfileArn';
import type { ModelTier } from '../discovery/inferenceProfileCandidate';
import { tierOfProfile } from '../discovery/modelTier';
import { getCallerIdentity, type CallerIdentity } from '../identity/callerIdentity';
import { throwIfAborted } from '../runtime/cancellation';
import type { Logger } from '../runtime/logger';
import { isInvalid } from '../validation/invalidValue';

export type ConnectionStepName = 'identity' | 'region' | 'inference-profile' | 'invoke';

export interface ConnectionStep {
  readonly name: ConnectionStepName;
  /** The AWS operation behind the step (`GetCallerIdentity`, `GetInferenceProfile`, `Converse`), or a local check. */
  readonly operation: string;
  readonly status: 'ok' | 'failed' | 'skipped';
  /** Wall time of the call, when one was made. */
  readonly latencyMs?: number;
  /** Stable code of the failure (or of why the step was skipped). */
  readonly code?: string;
  /** What happened and what to do, when not OK; never contains a secret. */
  readonly message?: string;
}

export interface ConnectionReport {
  /** True when every step that ran succeeded (a skipped probe does not count against it). */
  readonly ok: boolean;
  readonly identity?: CallerIdentity;
  readonly profile?: InferenceProfileFacts & { readonly region: string; readonly tier: ModelTier };
  readonly steps: readonly ConnectionStep[];
}

export interface TestConnectionOptions {
  readonly credentials: AwsCredentialIdentityProvider;
  /** The region Claude Code will call (its `AWS_REGION`). */
  readonly region: string;
  readonly inferenceProfileArn: string;
  readonly profileName?: string;
  /** Opt-in, billed: a 1-token `Converse` through the profile. */
  readonly probe?: boolean;
  readonly tagKeys?: readonly string[];
  readonly maxAttempts?: number;
  readonly logger: Logger;
  readonly abortSignal?: AbortSignal;
  /** Monotonic milliseconds for latencies; default `performance.now`. */
  readonly clock?: () => number;
}

/**
 * Walks the calls Claude Code makes, in its order, and reports each: who the credentials
 * are (`GetCallerIdentity`), whether the region fits the profile, whether the profile can be
 * read (`GetInferenceProfile` — Claude Code calls it at start-up and stops when it fails,
 * even when invoking would be allowed), and, when asked, a 1-token `Converse` through it.
 * Failures are reported, not thrown; only cancellation throws.
 */
export async function testConnection(options: TestConnectionOptions): Promise<ConnectionReport> {
  const clock = options.clock ?? (() => performance.now());
  const steps: ConnectionStep[] = [];
  throwIfAborted(options.abortSignal, 'Test Connection');
  const log = options.logger;

  const identityStep = await timedStep(clock, options, callerIdentityCall(options.profileName), () =>
    getCallerIdentity({ region: options.region, credentials: options.credentials, abortSignal: options.abortSignal }),
  );
  steps.push({ name: 'identity', ...identityStep.step });
  const identity = identityStep.value;
  if (!identity) {
    const reason = `Skipped because the AWS credentials could not be used (${identityStep.step.code ?? 'unknown'}).`;
    steps.push({ name: 'inference-profile', operation: 'GetInferenceProfile', status: 'skipped', code: 'connection.no-identity', message: reason });
    if (options.probe) steps.push({ name: 'invoke', operation: 'Converse', status: 'skipped', code: 'connection.no-identity', message: reason });
    log.warn(`Test Connection: identity failed: ${identityStep.step.message ?? ''}`);
    return { ok: false, steps };
  }
  log.info(`Test Connection: signed in as ${identity.arn}`);

  const parsedArn = parseInferenceProfileArn(options.inferenceProfileArn);
  if (isInvalid(parsedArn)) {
    steps.push({ name: 'inference-profile', operation: 'GetInferenceProfile', status: 'failed', code: parsedArn.code, message: parsedArn.message });
    if (options.probe) steps.push({ name: 'invoke', operation: 'Converse', status: 'skipped', code: parsedArn.code, message: 'Skipped because the inference profile ARN is not valid.' });
    return { ok: false, identity, steps };
  }
  const arnRegion = parsedArn.region;
  if (arnRegion !== options.region) {
    steps.push({
      name: 'region',
      operation: 'AWS_REGION',
      status: 'failed',
      code: 'connection.region-mismatch',
      message: `The inference profile is in ${arnRegion} but the region is ${options.region}; Claude Code sends every call to AWS_REGION, so set it to ${arnRegion} (run Configure Claude Code again).`,
    });
  } else {
    steps.push({ name: 'region', operation: 'AWS_REGION', status: 'ok' });
  }

  const clients = new BedrockClients(options.credentials, options.maxAttempts);
  let profile: ConnectionReport['profile'];
  try {
    const profileStep = await timedStep(clock, options, getProfileCall(options.inferenceProfileArn, options.tagKeys ?? DEFAULT_TAG_KEYS, options.profileName), () =>
      getInferenceProfile(clients.forRegion(options.region), options.inferenceProfileArn, options.abortSignal),
    );
    steps.push({ name: 'inference-profile', ...profileStep.step });
    if (profileStep.value) {
      const facts = profileStep.value;
      profile = { ...facts, region: options.region, tier: tierOfProfile(facts.modelArns, facts.name) };
      if (facts.status !== 'ACTIVE') log.warn(`Test Connection: inference profile status is ${facts.status}`);
    }
  } finally {
    clients.destroy();
  }

  if (options.probe) {
    const invokeStep = await timedStep(clock, options, converseCall(options.inferenceProfileArn, options.profileName), () =>
      converseProbe({
        region: options.region,
        credentials: options.credentials,
        inferenceProfileArn: options.inferenceProfileArn,
        abortSignal: options.abortSignal,
        maxAttempts: options.maxAttempts,
      }),
    );
    steps.push({ name: 'invoke', ...invokeStep.step });
  }
  const ok = steps.every((s) => s.status !== 'failed');
  log.info(`Test Connection: ${steps.map((s) => `${s.name} ${s.status}${s.latencyMs !== undefined ? ` ${s.latencyMs} ms` : ''}`).join(', ')}`);
  return { ok, identity, ...(profile ? { profile } : {}), steps };
}

async function timedStep<T>(
  clock: () => number,
  options: TestConnectionOptions,
  call: AwsCallDescription,
  action: () => Promise<T>,
): Promise<{ value: T | undefined; step: Omit<ConnectionStep, 'name'> }> {
  const started = clock();
  try {
    const value = await action();
    return { value, step: { operation: call.operation, status: 'ok', latencyMs: Math.round(clock() - started) } };
  } catch (error) {
    const latencyMs = Math.round(clock() - started);
    const described = describeAwsError(call, error);
    if (classifyAwsError(error) === 'cancelled' || options.abortSignal?.aborted) throw described;
    return { value: undefined, step: { operation: call.operation, status: 'failed', latencyMs, code: described.code, message: described.message } };
  }
}
