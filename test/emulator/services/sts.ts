// STS, awsQuery protocol (form-encoded POST, XML answer): GetCallerIdentity only.
import { resolveCaller } from '../identity';
import { callerLabel } from '../identity';
import { authError, ServiceError, xmlEscape, xmlResponse } from '../wire';
import type { EmulatorRequest, EmulatorResponse } from '../wire';
import type { ServiceContext } from './context';

export function handleSts(ctx: ServiceContext, operation: string, req: EmulatorRequest): EmulatorResponse {
  if (operation !== 'GetCallerIdentity') {
    throw new ServiceError('InvalidAction', 400, `Could not find operation ${operation} for version 2011-06-15`);
  }
  const resolved = resolveCaller(ctx.state, req, false);
  if (!resolved.ok) throw authError('sts', resolved.failure);
  const { caller } = resolved;
  ctx.setCaller(callerLabel(caller));
  return xmlResponse(
    200,
    '<GetCallerIdentityResponse><GetCallerIdentityResult>' +
      `<Arn>${xmlEscape(caller.arn)}</Arn><UserId>${xmlEscape(caller.userId)}</UserId><Account>${caller.accountId}</Account>` +
      `</GetCallerIdentityResult><ResponseMetadata><RequestId>${ctx.requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  );
}
