import { ListInstancesCommand } from '@aws-sdk/client-sso-admin';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { describeAwsError } from '../../awsErrors/describeAwsError';
import { PROFILE_TIERS } from '../../orgDefaults/orgDefaults';
import type { Sleep } from '../../runtime/cancellation';
import type { Logger } from '../../runtime/logger';
import { UserFacingError } from '../../runtime/userFacingError';
import { AdaptiveRateLimiter } from '../adaptiveRateLimiter';
import { deleteApplicationProfile, unretriedBedrockClient } from '../bedrockAdminCalls';
import { createDeveloperProfiles } from '../createDeveloperProfiles';
import { developerRequestProblems, type DeveloperRequest } from '../developerRequest';
import { pacedCall } from '../pacedCall';
import type { ProfileBatchProgress, ProfileBatchResult, ProfileTagKeys } from '../profileBatch';
import { applicationProfileName } from '../profileNaming';
import { readAttributeMapping } from '../check/accessControlAttributesCheck';
import { adminCallDescription } from '../check/adminCallDescription';
import { AdminClients } from '../check/adminClients';
import { listApplicationProfiles, tierOfProfileName } from '../check/applicationProfilesCheck';
import { groupIdByName } from '../check/groupAssignmentCheck';
import { groupMembers } from './groupMembers';
import { attributeValue, isSupportedAttributeSource, needsEnterpriseExtension } from './identityAttributePath';

export interface SyncOptions {
  /** Where the profiles live (Claude Code's AWS_REGION). */
  readonly region: string;
  readonly identityCenterRegion: string;
  readonly groupName: string;
  readonly tagKeys: ProfileTagKeys;
  /** Attribute source of the developer id; default: what the instance maps to the developer tag key. */
  readonly developerIdSource?: string;
  /** Attribute source of the team; default: what the instance maps to the team tag key. */
  readonly teamSource?: string;
  /** One team for every member, instead of an attribute. */
  readonly team?: string;
  readonly dryRun?: boolean;
  /** Delete the profiles of people no longer in the group, after `confirmPrune` says yes. */
  readonly prune?: boolean;
  readonly confirmPrune?: (leavers: readonly LeaverProfile[]) => Promise<boolean>;
  readonly credentials?: AwsCredentialIdentityProvider;
  readonly profileName?: string;
  readonly initialRatePerSecond?: number;
  readonly maxConcurrency?: number;
  readonly logger?: Logger;
  readonly onProgress?: (progress: ProfileBatchProgress) => void;
  readonly signal?: AbortSignal;
  readonly sleep?: Sleep;
}

export interface LeaverProfile {
  readonly name: string;
  readonly arn: string;
}

export interface SyncResult {
  readonly groupName: string;
  readonly members: number;
  readonly developers: number;
  /** Members who got no profile, and why (no value for the attribute, an unusable value, a duplicate). */
  readonly skipped: readonly { readonly userName: string; readonly reason: string }[];
  readonly batch: ProfileBatchResult;
  /** Developer profiles (claude-code-<tier>-…) whose developer is not a member any more. */
  readonly leavers: readonly LeaverProfile[];
  readonly deleted: readonly string[];
  readonly deleteFailures: readonly string[];
  /** Why --prune deleted nothing, when it did not. */
  readonly pruneNote?: string;
  readonly identityStoreRequests: number;
}

/**
 * Makes the profiles follow the group: reads the group's members from the Identity Store,
 * takes each one's developer id (and team) from the attribute IAM Identity Center passes as
 * that principal tag, creates the missing profiles through the existing batch (its adaptive
 * pace and idempotence), lists the profiles of people who left, and with `prune` deletes
 * them once confirmed. Nothing is deleted while any member could not be mapped, since their
 * profiles would look like leavers'.
 */
export async function syncDeveloperProfiles(options: SyncOptions): Promise<SyncResult> {
  const clients = new AdminClients(options.identityCenterRegion, options.credentials);
  try {
    const call = (service: string, operation: string, action: string) => adminCallDescription(service, operation, action, options.profileName);
    let step = call('IAM Identity Center', 'ListInstances', 'sso:ListInstances');
    let identityStoreRequests = 0;
    let members: Awaited<ReturnType<typeof groupMembers>>['users'];
    let developerSource: string;
    let teamSource: string | undefined;
    try {
      const instances = await clients.ssoAdmin().send(new ListInstancesCommand({}), { abortSignal: options.signal });
      const instance = (instances.Instances ?? []).find((i) => i.InstanceArn && i.IdentityStoreId);
      if (!instance?.InstanceArn || !instance.IdentityStoreId) {
        throw new UserFacingError(`No IAM Identity Center instance is visible in ${options.identityCenterRegion}; pass the region it is in with --sso-region. Nothing was changed.`, 'admin.no-identity-center');
      }
      const ref = { instanceArn: instance.InstanceArn, identityStoreId: instance.IdentityStoreId };
      step = call('IAM Identity Center', 'DescribeInstanceAccessControlAttributeConfiguration', 'sso:DescribeInstanceAccessControlAttributeConfiguration');
      const mapping = options.developerIdSource && (options.teamSource || options.team) ? undefined : await readAttributeMapping(clients, ref, options.signal);
      const source = options.developerIdSource ?? mapping?.get(options.tagKeys.developer);
      if (!source) {
        throw new UserFacingError(`IAM Identity Center maps no attribute to "${options.tagKeys.developer}", so the developers' ids are unknown; run bedrock-onboard admin check --fix (or pass --developer-attribute). Nothing was changed.`, 'admin.no-developer-attribute');
      }
      developerSource = source;
      teamSource = options.team === undefined ? (options.teamSource ?? mapping?.get(options.tagKeys.team)) : undefined;
      if (options.team === undefined && !teamSource) {
        throw new UserFacingError(`IAM Identity Center maps no attribute to "${options.tagKeys.team}"; pass --team-attribute or --team. Nothing was changed.`, 'admin.no-team-attribute');
      }
      for (const s of [developerSource, teamSource]) {
        if (s !== undefined && !isSupportedAttributeSource(s)) throw new UserFacingError(`The attribute source ${s} cannot be read from the Identity Store by this tool; pass --developer-attribute/--team-attribute with a \${path:…} of the user. Nothing was changed.`, 'admin.attribute-unsupported');
      }
      step = call('Identity Store', 'GetGroupId', 'identitystore:GetGroupId');
      const groupId = await groupIdByName(clients, ref.identityStoreId, options.groupName, options.signal);
      identityStoreRequests++;
      if (!groupId) throw new UserFacingError(`The identity store has no group named "${options.groupName}"; check the name (as IAM Identity Center → Groups shows it). Nothing was changed.`, 'admin.group-not-found');
      step = call('Identity Store', 'ListGroupMemberships', 'identitystore:ListGroupMemberships');
      const read = await groupMembers(clients, ref.identityStoreId, groupId, { enterprise: needsEnterpriseExtension(developerSource) || needsEnterpriseExtension(teamSource), ...(options.signal ? { signal: options.signal } : {}) });
      members = read.users;
      identityStoreRequests += read.requests;
    } catch (error) {
      throw describeAwsError(step, error);
    }

    const skipped: { userName: string; reason: string }[] = [];
    const developers: DeveloperRequest[] = [];
    const seen = new Map<string, string>();
    for (const user of members) {
      const userName = user.UserName ?? user.UserId ?? '?';
      const developerId = attributeValue(user, developerSource);
      const team = options.team ?? (teamSource ? attributeValue(user, teamSource) : undefined);
      if (!developerId || !team) {
        skipped.push({ userName, reason: `no value for ${!developerId ? `${options.tagKeys.developer} (${developerSource})` : `${options.tagKeys.team} (${teamSource ?? ''})`}` });
        continue;
      }
      const request: DeveloperRequest = { developerId, team, extraTags: {}, origin: `member ${userName}` };
      const problems = developerRequestProblems(request);
      const twin = seen.get(developerId);
      if (problems.length > 0) skipped.push({ userName, reason: problems.join('; ') });
      else if (twin !== undefined) skipped.push({ userName, reason: `${options.tagKeys.developer} "${developerId}" is also ${twin}'s` });
      else {
        seen.set(developerId, userName);
        developers.push(request);
      }
    }

    const batch = await createDeveloperProfiles({
      region: options.region,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(options.profileName ? { profileName: options.profileName } : {}),
      developers,
      tagKeys: options.tagKeys,
      dryRun: options.dryRun === true,
      // The sync runs often; the tag audit of every existing profile is admin check's job.
      checkExistingTags: false,
      ...(options.initialRatePerSecond ? { initialRatePerSecond: options.initialRatePerSecond } : {}),
      ...(options.maxConcurrency ? { maxConcurrency: options.maxConcurrency } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });

    const expected = new Set(developers.flatMap((d) => PROFILE_TIERS.map((tier) => applicationProfileName(tier, d.developerId))));
    let existing;
    try {
      existing = await listApplicationProfiles(clients, options.region, options.signal);
    } catch (error) {
      throw describeAwsError(call('Amazon Bedrock', 'ListInferenceProfiles', 'bedrock:ListInferenceProfiles'), error);
    }
    const leavers = existing.filter((p) => tierOfProfileName(p.name) !== undefined && !expected.has(p.name)).map((p) => ({ name: p.name, arn: p.arn }));

    const deleted: string[] = [];
    const deleteFailures: string[] = [];
    let pruneNote: string | undefined;
    if (options.prune && leavers.length > 0) {
      if (options.dryRun) pruneNote = 'dry run: nothing was deleted';
      else if (skipped.length > 0) pruneNote = `${skipped.length} member(s) could not be mapped to a developer id, and their profiles would look like leavers'; fix them and run again — nothing was deleted`;
      else if (!(await (options.confirmPrune ?? (() => Promise.resolve(false)))(leavers))) pruneNote = 'not confirmed: nothing was deleted';
      else await deleteLeavers(leavers, options, deleted, deleteFailures);
    }
    return { groupName: options.groupName, members: members.length, developers: developers.length, skipped, batch, leavers, deleted, deleteFailures, ...(pruneNote ? { pruneNote } : {}), identityStoreRequests };
  } finally {
    clients.destroy();
  }
}

async function deleteLeavers(leavers: readonly LeaverProfile[], options: SyncOptions, deleted: string[], failures: string[]): Promise<void> {
  const client = unretriedBedrockClient(options.region, options.credentials);
  const limiter = new AdaptiveRateLimiter({ initialRate: options.initialRatePerSecond ?? 10, ...(options.sleep ? { sleep: options.sleep } : {}) });
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < leavers.length) {
        const leaver = leavers[next++] as LeaverProfile;
        try {
          await pacedCall(() => deleteApplicationProfile(client, leaver.arn, options.signal), { limiter, maxAttempts: 5, maxThrottles: 50, what: 'Deleting inference profiles', ...(options.signal ? { signal: options.signal } : {}), ...(options.sleep ? { sleep: options.sleep } : {}) });
          deleted.push(leaver.name);
        } catch (error) {
          failures.push(describeAwsError({ ...adminCallDescription('Amazon Bedrock', 'DeleteInferenceProfile', 'bedrock:DeleteInferenceProfile', options.profileName), resource: leaver.name }, error).message);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.maxConcurrency ?? 16, leavers.length) }, worker));
  } finally {
    client.destroy();
  }
}
