// Bedrock's model access view (client-bedrock, REST-JSON,
// `GET /foundation-model-availability/{modelId}`): whether the account may use a foundation
// model in the region, as the Bedrock API reference's GetFoundationModelAvailability
// response describes it (agreement, authorization, entitlement, region availability).
import { authorizeAdmin } from '../admin/adminCall';
import { jsonResponse, ServiceError } from '../wire';
import type { EmulatorRequest, EmulatorResponse } from '../wire';
import type { ServiceContext, ServiceHandler } from './context';

export const MODEL_ACCESS_OPERATIONS: ReadonlySet<string> = new Set(['GetFoundationModelAvailability']);

export function withModelAccess(next: ServiceHandler): ServiceHandler {
  return (ctx, operation, req) => (MODEL_ACCESS_OPERATIONS.has(operation) ? handleModelAccess(ctx, req) : next(ctx, operation, req));
}

function handleModelAccess(ctx: ServiceContext, req: EmulatorRequest): EmulatorResponse {
  const modelId = req.label ?? '';
  const call = authorizeAdmin(ctx, req, 'bedrock', 'bedrock:GetFoundationModelAvailability', `arn:aws:bedrock:*::foundation-model/${modelId}`, 403);
  const region = call.region ?? ctx.state.world.regions[0] ?? 'us-east-1';
  const offered = ctx.state.world.systemProfiles.filter((p) => p.modelId === modelId);
  if (offered.length === 0) throw new ServiceError('ResourceNotFoundException', 404, `The model ${modelId} does not exist.`);
  const inRegion = offered.some((p) => p.modelRegions.includes(region) || p.regions.includes(region));
  const access = call.admin.spec.modelAccess?.[modelId] ?? {};
  const agreement = access.agreement ?? 'AVAILABLE';
  return jsonResponse(200, {
    modelId,
    agreementAvailability: { status: agreement, ...(agreement === 'ERROR' ? { errorMessage: 'The Marketplace subscription failed.' } : {}) },
    authorizationStatus: access.authorization ?? 'AUTHORIZED',
    entitlementAvailability: access.entitlement ?? 'AVAILABLE',
    regionAvailability: inRegion ? 'AVAILABLE' : 'NOT_AVAILABLE',
  });
}
