// One base URL serves every service: their REST paths do not overlap, and the two that
// POST to `/` differ by protocol (JSON 1.1 with X-Amz-Target vs. a form-encoded awsQuery body).
import type { EmulatorRequest, ServiceName } from './wire';

export interface Route {
  service: ServiceName;
  operation: string;
  /** The decoded `{inferenceProfileIdentifier}` / `{modelId}` path label, when the operation has one. */
  label?: string;
}

const RUNTIME_ACTIONS: Record<string, string> = {
  converse: 'Converse',
  'converse-stream': 'ConverseStream',
  invoke: 'InvokeModel',
  'invoke-with-response-stream': 'InvokeModelWithResponseStream',
};

export function route(req: EmulatorRequest): Route | undefined {
  const { method, segments } = req;
  const path = segments.slice(1);
  const first = path[0] ?? '';

  if (method === 'POST' && path.length === 2 && first === 'client' && path[1] === 'register') return { service: 'sso-oidc', operation: 'RegisterClient' };
  if (method === 'POST' && path.length === 1 && first === 'device_authorization') return { service: 'sso-oidc', operation: 'StartDeviceAuthorization' };
  if (method === 'POST' && path.length === 1 && first === 'token') return { service: 'sso-oidc', operation: 'CreateToken' };
  // The browser's authorize page (not an SDK operation): GET with the OAuth query.
  if (method === 'GET' && path.length === 1 && first === 'authorize') return { service: 'sso-oidc', operation: 'Authorize' };

  if (method === 'GET' && first === 'assignment' && path[1] === 'accounts') return { service: 'sso', operation: 'ListAccounts' };
  if (method === 'GET' && first === 'assignment' && path[1] === 'roles') return { service: 'sso', operation: 'ListAccountRoles' };
  if (method === 'GET' && first === 'federation' && path[1] === 'credentials') return { service: 'sso', operation: 'GetRoleCredentials' };
  if (method === 'POST' && path.length === 1 && first === 'logout') return { service: 'sso', operation: 'Logout' };

  // The SDK percent-encodes ARNs in labels; a hand-rolled client (or Claude Code's base-URL
  // mode) may not, so an unencoded ARN's extra '/' segments are joined back together.
  if (first === 'inference-profiles') {
    if (path.length === 1) return { service: 'bedrock', operation: method === 'POST' ? 'CreateInferenceProfile' : 'ListInferenceProfiles' };
    return { service: 'bedrock', operation: method === 'DELETE' ? 'DeleteInferenceProfile' : 'GetInferenceProfile', label: path.slice(1).join('/') };
  }
  if (method === 'POST' && first === 'listTagsForResource') return { service: 'bedrock', operation: 'ListTagsForResource' };
  if (method === 'GET' && first === 'foundation-model-availability' && path.length >= 2) return { service: 'bedrock', operation: 'GetFoundationModelAvailability', label: path.slice(1).join('/') };

  if (method === 'POST' && first === 'model' && path.length >= 3) {
    const operation = RUNTIME_ACTIONS[path.at(-1) ?? ''];
    if (operation !== undefined) return { service: 'bedrock-runtime', operation, label: path.slice(1, -1).join('/') };
  }

  if (method === 'POST' && (first === '' || path.length === 0)) {
    const target = req.headers['x-amz-target'];
    if (target?.startsWith('AWSInsightsIndexService.') === true) {
      return { service: 'cost-explorer', operation: target.slice('AWSInsightsIndexService.'.length) };
    }
    if (target?.startsWith('AWSIdentityStore.') === true) return { service: 'identitystore', operation: target.slice('AWSIdentityStore.'.length) };
    if (target?.startsWith('SWBExternalService.') === true) return { service: 'sso-admin', operation: target.slice('SWBExternalService.'.length) };
    if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      const action = new URLSearchParams(req.body.toString('utf8')).get('Action');
      if (action !== null) return { service: 'sts', operation: action };
    }
  }
  return undefined;
}
