// Cost Explorer's cost allocation tag calls (JSON 1.1, `X-Amz-Target:
// AWSInsightsIndexService.ListCostAllocationTags / UpdateCostAllocationTagsStatus`). An account
// that never enabled Cost Explorer answers them as every Cost Explorer call:
// `AccessDeniedException: User not enabled for cost explorer access` (aws-samples/aws-cost-explorer-report#15,
// cloudgraphdev/cli#91).
import { authorizeAdmin, validation } from '../admin/adminCall';
import { jsonResponse, ServiceError, stringArray } from '../wire';
import type { EmulatorRequest, EmulatorResponse } from '../wire';
import type { ServiceContext, ServiceHandler } from './context';

export const COST_ALLOCATION_TAG_OPERATIONS: ReadonlySet<string> = new Set(['ListCostAllocationTags', 'UpdateCostAllocationTagsStatus']);

/** Wraps the Cost Explorer handler: the tag operations come here, the rest go on. */
export function withCostAllocationTags(next: ServiceHandler): ServiceHandler {
  return (ctx, operation, req) => {
    if (!COST_ALLOCATION_TAG_OPERATIONS.has(operation)) return next(ctx, operation, req);
    // The account-wide "never enabled" state (world.costExplorer.enabled) answers these calls too.
    if (ctx.state.world.costExplorer?.enabled === false) throw new ServiceError('AccessDeniedException', 400, 'User not enabled for cost explorer access');
    return handleCostAllocationTags(ctx, operation, req);
  };
}


function handleCostAllocationTags(ctx: ServiceContext, operation: string, req: EmulatorRequest): EmulatorResponse {
  const { admin, body } = authorizeAdmin(ctx, req, 'cost-explorer', `ce:${operation}`, `arn:aws:ce::<account>:/${operation}`);
  if (operation === 'ListCostAllocationTags') {
    const keys = stringArray(body['TagKeys']);
    const status = body['Status'];
    const type = body['Type'];
    const max = typeof body['MaxResults'] === 'number' ? body['MaxResults'] : 1000;
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw validation('MaxResults must be between 1 and 1000.');
    const all = [...admin.costAllocationTags]
      .filter(([key, tag]) => (keys.length === 0 || keys.includes(key)) && (status === undefined || status === tag.status) && (type === undefined || type === 'UserDefined'))
      .sort(([a], [b]) => a.localeCompare(b));
    const start = typeof body['NextToken'] === 'string' ? Number(Buffer.from(body['NextToken'], 'base64').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0) throw validation('The NextToken is invalid.');
    const items = all.slice(start, start + Math.min(max, admin.spec.pageSize ?? 1000));
    const end = start + items.length;
    return jsonResponse(
      200,
      {
        CostAllocationTags: items.map(([key, tag]) => ({ TagKey: key, Type: 'UserDefined', Status: tag.status, LastUpdatedDate: tag.lastUpdated.toISOString(), LastUsedDate: tag.lastUpdated.toISOString() })),
        ...(end < all.length ? { NextToken: Buffer.from(String(end), 'utf8').toString('base64') } : {}),
      },
      { 'content-type': 'application/x-amz-json-1.1' },
    );
  }
  const entries = body['CostAllocationTagsStatus'];
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > 20) throw validation('CostAllocationTagsStatus must list 1 to 20 tags.');
  const errors: { TagKey: string; Code: string; Message: string }[] = [];
  for (const entry of entries as { TagKey?: unknown; Status?: unknown }[]) {
    if (typeof entry.TagKey !== 'string' || (entry.Status !== 'Active' && entry.Status !== 'Inactive')) throw validation('Each entry needs a TagKey and a Status of Active or Inactive.');
    const tag = admin.costAllocationTags.get(entry.TagKey);
    if (tag === undefined) {
      // A key Billing has never seen on a resource cannot be activated yet (emulator wording).
      errors.push({ TagKey: entry.TagKey, Code: 'TagKeyNotFound', Message: `The tag key ${entry.TagKey} was not found.` });
      continue;
    }
    tag.status = entry.Status;
    tag.lastUpdated = new Date(ctx.state.now());
    admin.changes.push(`UpdateCostAllocationTagsStatus ${entry.TagKey}=${entry.Status}`);
  }
  return jsonResponse(200, { Errors: errors }, { 'content-type': 'application/x-amz-json-1.1' });
}

