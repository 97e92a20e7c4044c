// Bedrock control plane (client-bedrock, REST-JSON): inference profiles and their tags.
import { applicationProfilesIn, findProfile, SYSTEM_PROFILE_DATE, systemModelArns, systemProfilesIn } from '../catalog';
import { callerLabel, resolveCaller } from '../identity';
import type { Caller } from '../identity';
import { newProfileId } from '../ids';
import { accessDenied, allows, effectivePolicy } from '../policy';
import { authorizeWithDocuments, usesPolicyDocuments, type AuthorizationQuestion } from '../policyDocuments';
import type { AbacSwitch, Switch } from '../world';
import { applicationProfileArn, systemProfileArn } from '../state';
import type { ApplicationProfile, EmulatorState } from '../state';
import { authError, jsonResponse, optionalString, parseJsonBody, ServiceError } from '../wire';
import type { EmulatorRequest, EmulatorResponse } from '../wire';
import type { ServiceContext } from './context';

/** Policy documents when the world gives them (policyDocuments.ts), else the role's switches. */
async function permit(state: EmulatorState, call: SignedCall, question: AuthorizationQuestion, value: AbacSwitch | Switch, tags?: Record<string, string>): Promise<void> {
  if (usesPolicyDocuments(state.world, call.caller)) {
    await authorizeWithDocuments(state.world, call.caller, question);
    return;
  }
  if (!allows(state.world, call.caller, value, tags)) throw accessDenied(call.caller, question.action, question.shownResource ?? question.resource);
}

const validation = (message: string) => new ServiceError('ValidationException', 400, message);
const notFound = (message: string) => new ServiceError('ResourceNotFoundException', 404, message);

export interface SignedCall {
  caller: Caller;
  region: string;
  policy: ReturnType<typeof effectivePolicy>;
}

/** Shared by the control plane and the runtime: both accept SigV4 and Bedrock API keys. */
export function authenticateBedrock(ctx: ServiceContext, req: EmulatorRequest, service: 'bedrock' | 'bedrock-runtime'): SignedCall {
  const resolved = resolveCaller(ctx.state, req, true);
  if (!resolved.ok) throw authError(service, resolved.failure);
  ctx.setCaller(callerLabel(resolved.caller));
  // API-key calls carry no credential scope; they are served as the world's first region.
  const region = resolved.region ?? ctx.state.world.regions[0] ?? 'us-east-1';
  return { caller: resolved.caller, region, policy: effectivePolicy(resolved.caller.policy) };
}

export async function handleBedrock(ctx: ServiceContext, operation: string, req: EmulatorRequest): Promise<EmulatorResponse> {
  const call = authenticateBedrock(ctx, req, 'bedrock');
  switch (operation) {
    case 'ListInferenceProfiles':
      return await listInferenceProfiles(ctx.state, call, req);
    case 'GetInferenceProfile':
      return await getInferenceProfile(ctx.state, call, req.label ?? '');
    case 'CreateInferenceProfile':
      return await createInferenceProfile(ctx.state, call, req);
    case 'DeleteInferenceProfile':
      return await deleteInferenceProfile(ctx.state, call, req.label ?? '');
    case 'ListTagsForResource':
      return await listTagsForResource(ctx.state, call, req);
    default:
      throw new ServiceError('UnknownOperationException', 404, `Unsupported operation ${operation}`);
  }
}

interface ProfileView {
  inferenceProfileName: string;
  description?: string;
  createdAt: string;
  updatedAt: string;
  inferenceProfileArn: string;
  models: { modelArn: string }[];
  inferenceProfileId: string;
  status: 'ACTIVE';
  type: 'SYSTEM_DEFINED' | 'APPLICATION';
}

function applicationView(p: ApplicationProfile): ProfileView {
  return {
    inferenceProfileName: p.name,
    ...(p.description === undefined ? {} : { description: p.description }),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    inferenceProfileArn: p.arn,
    models: p.modelArns.map((modelArn) => ({ modelArn })),
    inferenceProfileId: p.id,
    status: 'ACTIVE',
    type: 'APPLICATION',
  };
}

function systemView(state: EmulatorState, call: SignedCall, id: string): ProfileView | undefined {
  const p = state.systemProfile(id);
  if (p === undefined) return undefined;
  return {
    inferenceProfileName: p.name,
    ...(p.description === undefined ? {} : { description: p.description }),
    createdAt: SYSTEM_PROFILE_DATE.toISOString(),
    updatedAt: SYSTEM_PROFILE_DATE.toISOString(),
    inferenceProfileArn: systemProfileArn(call.region, call.caller.accountId, p.id),
    models: systemModelArns(p).map((modelArn) => ({ modelArn })),
    inferenceProfileId: p.id,
    status: 'ACTIVE',
    type: 'SYSTEM_DEFINED',
  };
}

function pageOf<T>(items: T[], maxRaw: string | null, token: string | null): { items: T[]; nextToken?: string } {
  const max = maxRaw === null ? 1000 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 1 || max > 1000) throw validation('maxResults must be between 1 and 1000');
  const start = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^offset:/, ''));
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw validation('The pagination token is invalid.');
  const end = start + max;
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: Buffer.from(`offset:${end}`).toString('base64url') } : {}) };
}

async function listInferenceProfiles(state: EmulatorState, call: SignedCall, req: EmulatorRequest): Promise<EmulatorResponse> {
  const { caller, region, policy } = call;
  // ListInferenceProfiles has no resource type, so IAM evaluates it against `*`.
  await permit(state, call, { action: 'bedrock:ListInferenceProfiles', resource: '*', shownResource: `arn:aws:bedrock:${region}:${caller.accountId}:inference-profile/*`, region }, policy.listInferenceProfiles);
  const type = req.query.get('type') ?? 'SYSTEM_DEFINED';
  let views: ProfileView[];
  let nextToken: string | undefined;
  // Page first, then render: an organisation-sized account has tens of thousands of profiles.
  if (type === 'SYSTEM_DEFINED') {
    const page = pageOf(systemProfilesIn(state, region), req.query.get('maxResults'), req.query.get('nextToken'));
    views = page.items.flatMap((p) => systemView(state, call, p.id) ?? []);
    nextToken = page.nextToken;
  } else if (type === 'APPLICATION') {
    const page = pageOf(applicationProfilesIn(state, caller.accountId, region), req.query.get('maxResults'), req.query.get('nextToken'));
    views = page.items.map(applicationView);
    nextToken = page.nextToken;
  } else {
    throw validation(`1 validation error detected: Value '${type}' at 'typeEquals' failed to satisfy constraint: Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]`);
  }
  return jsonResponse(200, { inferenceProfileSummaries: views, ...(nextToken === undefined ? {} : { nextToken }) });
}

async function getInferenceProfile(state: EmulatorState, call: SignedCall, identifier: string): Promise<EmulatorResponse> {
  const { caller, region, policy } = call;
  const match = findProfile(state, caller, region, identifier);
  const tags = match.kind === 'application' ? match.profile.tags : undefined;
  const resource = match.kind === 'application' ? match.profile.arn : match.kind === 'none' ? match.resourceArn : match.arn;
  await permit(state, call, { action: 'bedrock:GetInferenceProfile', resource, region, ...(tags ? { resourceTags: tags } : {}) }, policy.getInferenceProfile, tags);
  if (match.kind === 'application') return jsonResponse(200, applicationView(match.profile));
  if (match.kind === 'system') return jsonResponse(200, systemView(state, call, match.profile.id));
  throw notFound(`Inference profile ${identifier} not found`);
}

const NAME_PATTERN = /^([0-9a-zA-Z][ _-]?)+$/;

async function createInferenceProfile(state: EmulatorState, call: SignedCall, req: EmulatorRequest): Promise<EmulatorResponse> {
  const { caller, region, policy } = call;
  const documents = usesPolicyDocuments(state.world, caller);
  if (!documents && !allows(state.world, caller, policy.createInferenceProfile)) {
    throw accessDenied(caller, 'bedrock:CreateInferenceProfile', `arn:aws:bedrock:${region}:${caller.accountId}:application-inference-profile/*`);
  }
  const body = parseJsonBody(req, () => validation('Request body is not valid JSON'));
  const name = optionalString(body.inferenceProfileName) ?? '';
  if (name.length < 1 || name.length > 64 || !NAME_PATTERN.test(name)) {
    throw validation(`1 validation error detected: Value '${name}' at 'inferenceProfileName' failed to satisfy constraint: Member must satisfy regular expression pattern: ([0-9a-zA-Z][ _-]?)+`);
  }
  const source = body.modelSource as { copyFrom?: unknown } | undefined;
  const copyFrom = optionalString(source?.copyFrom) ?? '';
  const copyRegion = /^arn:aws:bedrock:([a-z0-9-]+):(\d{12})?:/.exec(copyFrom);
  const copyAccount = copyRegion?.[2];
  const modelArns = state.modelArnsFor(copyFrom);
  if (
    copyRegion === null ||
    copyRegion[1] !== region ||
    (copyAccount !== undefined && copyAccount !== caller.accountId) ||
    modelArns === undefined ||
    (copyFrom.includes(':inference-profile/') && !systemProfilesIn(state, region).some((p) => copyFrom.endsWith(`/${p.id}`)))
  ) {
    throw validation(`The copyFrom value ${copyFrom} is not a valid foundation model or system-defined inference profile ARN in ${region}.`);
  }
  const tags = parseTags(body.tags);
  const token = optionalString(body.clientRequestToken);
  const existing = applicationProfilesIn(state, caller.accountId, region);
  const replay = token === undefined ? undefined : existing.find((p) => p.clientRequestToken === token);
  if (replay !== undefined) return jsonResponse(201, { inferenceProfileArn: replay.arn, status: 'ACTIVE' });
  if (existing.some((p) => p.name === name)) throw new ServiceError('ConflictException', 400, `An inference profile with the name ${name} already exists.`);
  const id = newProfileId();
  if (documents) {
    const arn = applicationProfileArn(region, caller.accountId, id);
    await authorizeWithDocuments(state.world, caller, { action: 'bedrock:CreateInferenceProfile', resource: arn, region, requestTags: tags });
    // Creating a tagged resource is also authorised as the service's TagResource (AWS_FACTS "Field behaviour").
    if (Object.keys(tags).length > 0) await authorizeWithDocuments(state.world, caller, { action: 'bedrock:TagResource', resource: arn, region, requestTags: tags });
  }
  const now = new Date(state.now());
  const description = optionalString(body.description);
  const profile: ApplicationProfile = {
    name,
    id,
    arn: applicationProfileArn(region, caller.accountId, id),
    accountId: caller.accountId,
    region,
    copyFrom,
    modelArns,
    tags,
    ...(description === undefined ? {} : { description }),
    createdAt: now,
    updatedAt: now,
    ...(token === undefined ? {} : { clientRequestToken: token }),
  };
  state.applicationProfiles.push(profile);
  return jsonResponse(201, { inferenceProfileArn: profile.arn, status: 'ACTIVE' });
}

function parseTags(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!Array.isArray(value)) throw validation('tags must be a list');
  const tags: Record<string, string> = {};
  for (const tag of value as { key?: unknown; value?: unknown }[]) {
    if (typeof tag.key !== 'string' || typeof tag.value !== 'string' || tag.key === '') throw validation('Each tag needs a key and a value');
    tags[tag.key] = tag.value;
  }
  return tags;
}

async function deleteInferenceProfile(state: EmulatorState, call: SignedCall, identifier: string): Promise<EmulatorResponse> {
  const { caller, region, policy } = call;
  const match = findProfile(state, caller, region, identifier);
  const resource = match.kind === 'application' ? match.profile.arn : match.kind === 'none' ? match.resourceArn : match.arn;
  const tags = match.kind === 'application' ? match.profile.tags : undefined;
  await permit(state, call, { action: 'bedrock:DeleteInferenceProfile', resource, region, ...(tags ? { resourceTags: tags } : {}) }, policy.deleteInferenceProfile);
  if (match.kind === 'system' || match.kind === 'foundation-model') throw validation('Only application inference profiles can be deleted.');
  if (match.kind === 'none') throw notFound(`Inference profile ${identifier} not found`);
  state.applicationProfiles.splice(state.applicationProfiles.indexOf(match.profile), 1);
  return jsonResponse(200, {});
}

async function listTagsForResource(state: EmulatorState, call: SignedCall, req: EmulatorRequest): Promise<EmulatorResponse> {
  const { caller, region, policy } = call;
  const body = parseJsonBody(req, () => validation('Request body is not valid JSON'));
  const arn = optionalString(body.resourceARN) ?? '';
  const match = findProfile(state, caller, region, arn);
  const tags = match.kind === 'application' ? match.profile.tags : undefined;
  await permit(state, call, { action: 'bedrock:ListTagsForResource', resource: arn, region, ...(tags ? { resourceTags: tags } : {}) }, policy.listTagsForResource, tags);
  if (match.kind === 'none') throw notFound(`Resource ${arn} not found`);
  return jsonResponse(200, { tags: Object.entries(tags ?? {}).map(([key, value]) => ({ key, value })) });
}
