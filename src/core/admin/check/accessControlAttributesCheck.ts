import {
  CreateInstanceAccessControlAttributeConfigurationCommand,
  DescribeInstanceAccessControlAttributeConfigurationCommand,
  UpdateInstanceAccessControlAttributeConfigurationCommand,
} from '@aws-sdk/client-sso-admin';
import { awsErrorName } from '../../awsErrors/awsErrorFields';
import { describeAwsError } from '../../awsErrors/describeAwsError';
import type { AdminCheck, AdminRepair } from './adminCheck';
import { adminCallDescription } from './adminCallDescription';
import type { AdminClients } from './adminClients';
import { DEFAULT_ATTRIBUTE_SOURCES, type AdminCheckOptions } from './adminCheckOptions';
import type { IdentityCenterInstance } from './identityCenterCheck';

const TITLE = 'Attributes for access control (ABAC)';
const SERVICE = 'IAM Identity Center';

/** Tag key → the identity store attribute IAM Identity Center passes as that principal tag. */
export type AttributeMapping = ReadonlyMap<string, string>;

/** Reads the instance's attributes for access control; undefined when ABAC is not enabled on it. */
export async function readAttributeMapping(clients: AdminClients, instance: IdentityCenterInstance, signal?: AbortSignal): Promise<AttributeMapping | undefined> {
  try {
    const output = await clients.ssoAdmin().send(new DescribeInstanceAccessControlAttributeConfigurationCommand({ InstanceArn: instance.instanceArn }), { abortSignal: signal });
    const attributes = output.InstanceAccessControlAttributeConfiguration?.AccessControlAttributes ?? [];
    return new Map(attributes.flatMap((a) => (a.Key && a.Value?.Source?.[0] ? [[a.Key, a.Value.Source[0]]] : [])));
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/**
 * Each developer's principal tags come from the instance's attributes for access control:
 * without a `DeveloperId` (and `Team`) entry there, the permission set's ABAC condition never
 * matches and every developer is refused their own profile. `--fix` creates the configuration,
 * or adds the missing keys to it, keeping the keys already there.
 */
export async function checkAccessControlAttributes(clients: AdminClients, instance: IdentityCenterInstance, options: AdminCheckOptions): Promise<{ check: AdminCheck; mapping?: AttributeMapping }> {
  let mapping: AttributeMapping | undefined;
  try {
    mapping = await readAttributeMapping(clients, instance, options.signal);
  } catch (error) {
    return { check: { id: 'access-control-attributes', title: TITLE, status: 'fail', detail: describeAwsError(adminCallDescription(SERVICE, 'DescribeInstanceAccessControlAttributeConfiguration', 'sso:DescribeInstanceAccessControlAttributeConfiguration', options.profileName), error).message } };
  }
  const wanted = new Map([
    [options.tagKeys.developer, options.attributeSources?.developer ?? DEFAULT_ATTRIBUTE_SOURCES.developer],
    [options.tagKeys.team, options.attributeSources?.team ?? DEFAULT_ATTRIBUTE_SOURCES.team],
  ]);
  const missing = [...wanted].filter(([key]) => !mapping?.has(key));
  if (mapping && missing.length === 0) {
    const shown = [...wanted.keys()].map((key) => `${key} ← ${mapping.get(key) ?? ''}`).join(', ');
    return { check: { id: 'access-control-attributes', title: TITLE, status: 'pass', detail: `IAM Identity Center passes ${shown} as principal tags.` }, mapping };
  }
  const after = new Map([...(mapping ?? new Map<string, string>()), ...missing]);
  const detail = mapping
    ? `The attributes for access control lack ${missing.map(([k]) => `"${k}"`).join(' and ')}, so the permission set's ABAC condition refuses every developer their own profiles.`
    : 'Attributes for access control are not enabled on the IAM Identity Center instance, so developers\' sessions carry no DeveloperId or Team and ABAC refuses them their own profiles.';
  return {
    check: { id: 'access-control-attributes', title: TITLE, status: 'fail', detail, fix: { title: 'Map the attributes (admin check --fix), or in IAM Identity Center → Settings → Attributes for access control' }, repair: attributeRepair(clients, instance, mapping === undefined, missing, after, options) },
    ...(mapping ? { mapping } : {}),
  };
}

function attributeRepair(clients: AdminClients, instance: IdentityCenterInstance, create: boolean, added: readonly (readonly [string, string])[], after: ReadonlyMap<string, string>, options: AdminCheckOptions): AdminRepair {
  const configuration = { AccessControlAttributes: [...after].map(([Key, source]) => ({ Key, Value: { Source: [source] } })) };
  const operation = create ? 'CreateInstanceAccessControlAttributeConfiguration' : 'UpdateInstanceAccessControlAttributeConfiguration';
  return {
    title: create ? 'Enable attributes for access control on the IAM Identity Center instance' : 'Add the missing attributes for access control',
    changes: [...after].map(([key, source]) => `${added.some(([k]) => k === key) ? '+ ' : '  '}${key} ← ${source}`),
    apply: async (signal?: AbortSignal): Promise<string[]> => {
      const input = { InstanceArn: instance.instanceArn, InstanceAccessControlAttributeConfiguration: configuration };
      try {
        await clients.ssoAdmin().send(create ? new CreateInstanceAccessControlAttributeConfigurationCommand(input) : new UpdateInstanceAccessControlAttributeConfigurationCommand(input), { abortSignal: signal ?? options.signal });
      } catch (error) {
        throw describeAwsError(adminCallDescription(SERVICE, operation, `sso:${operation}`, options.profileName), error);
      }
      return [`IAM Identity Center now passes ${added.map(([k, s]) => `${k} ← ${s}`).join(', ')} as principal tags; developers get them at their next sign-in.`];
    },
  };
}
