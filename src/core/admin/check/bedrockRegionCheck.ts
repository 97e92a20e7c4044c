import { GetFoundationModelAvailabilityCommand, type GetFoundationModelAvailabilityResponse } from '@aws-sdk/client-bedrock';
import { describeAwsError } from '../../awsErrors/describeAwsError';
import { listProfilesPage, type ProfileSummary } from '../bedrockAdminCalls';
import { DEFAULT_PROFILE_TIERS } from '../profileBatch';
import { selectSourceProfiles, type SourceProfile } from '../sourceProfileSelection';
import type { ProfileTier } from '../../orgDefaults/orgDefaults';
import type { AdminCheck } from './adminCheck';
import { manualFix } from './adminCheck';
import { adminCallDescription } from './adminCallDescription';
import type { AdminClients } from './adminClients';
import type { AdminCheckOptions } from './adminCheckOptions';

const BEDROCK = 'Amazon Bedrock';

/** The Claude model a tier's profiles copy in a region, as the check found it. */
export interface RegionModels {
  readonly region: string;
  readonly sources: Partial<Record<ProfileTier, SourceProfile>>;
}

/**
 * Bedrock answers in the region, it offers a Claude cross-region profile for each tier, and
 * the account may use the model behind each one (agreement, authorization, entitlement and
 * region availability as GetFoundationModelAvailability reports them).
 */
export async function checkBedrockRegion(clients: AdminClients, region: string, options: AdminCheckOptions): Promise<{ check: AdminCheck; models?: RegionModels }> {
  const title = `Bedrock and Claude models in ${region}`;
  const client = clients.bedrock(region);
  let system: ProfileSummary[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await listProfilesPage(client, 'SYSTEM_DEFINED', token, options.signal);
      system = system.concat(page.profiles);
      token = page.nextToken;
    } while (token);
  } catch (error) {
    const sentence = describeAwsError(adminCallDescription(BEDROCK, 'ListInferenceProfiles', 'bedrock:ListInferenceProfiles', options.profileName), error).message;
    return { check: { id: 'bedrock-region', title, status: 'fail', detail: `Bedrock could not be reached in ${region}: ${sentence}`, fix: manualFix(`Check that Amazon Bedrock is available in ${region} and that no SCP blocks it`) } };
  }
  const selection = selectSourceProfiles(system, { region, tiers: DEFAULT_PROFILE_TIERS });
  const problems: string[] = [...selection.problems];
  const usable: string[] = [];
  for (const tier of DEFAULT_PROFILE_TIERS) {
    const source = selection.sources[tier];
    if (!source) continue;
    const modelId = foundationModelId(source);
    try {
      const availability = await client.send(new GetFoundationModelAvailabilityCommand({ modelId }), { abortSignal: options.signal });
      const refusal = availabilityProblem(availability);
      if (refusal) problems.push(`${tier} (${modelId}) ${refusal}`);
      else usable.push(`${tier} (${modelId})`);
    } catch (error) {
      problems.push(`${tier} (${modelId}): ${describeAwsError(adminCallDescription(BEDROCK, 'GetFoundationModelAvailability', 'bedrock:GetFoundationModelAvailability', options.profileName), error).message}`);
    }
  }
  const models = { region, sources: selection.sources };
  if (problems.length > 0) {
    return {
      check: {
        id: 'bedrock-region',
        title,
        status: 'fail',
        detail: `Bedrock answers in ${region}, but ${problems.join('; ')}.${usable.length > 0 ? ` Usable: ${usable.join(', ')}.` : ''}`,
        fix: manualFix('Open Amazon Bedrock → Model access in this region and request access to the Anthropic Claude models (submit Anthropic\'s use-case form once per account); an SCP that blocks the model must be changed in the management account'),
      },
      models,
    };
  }
  return { check: { id: 'bedrock-region', title, status: 'pass', detail: `Bedrock answers in ${region} and the account may use ${usable.join(', ')}.` }, models };
}

/** The foundation model behind a system profile: `us.anthropic.claude-…` routes to `anthropic.claude-…`. */
function foundationModelId(source: SourceProfile): string {
  const arn = source.modelArns[0];
  if (arn) return arn.slice(arn.indexOf('/') + 1);
  return source.id.replace(/^[a-z-]+\.(?=anthropic\.)/, '');
}

function availabilityProblem(a: GetFoundationModelAvailabilityResponse): string | undefined {
  const agreement = a.agreementAvailability?.status;
  if (a.regionAvailability === 'NOT_AVAILABLE') return 'is not offered in this region';
  if (agreement === 'NOT_AVAILABLE') return 'has no model access agreement yet (request access to it under Model access)';
  if (agreement === 'PENDING') return 'has its model access agreement still pending (check again in a few minutes)';
  if (agreement === 'ERROR') return `has a failed model access agreement (${a.agreementAvailability?.errorMessage ?? 'no reason given'})`;
  if (a.authorizationStatus === 'NOT_AUTHORIZED') return 'is not authorized for this account (submit Anthropic\'s use-case form under Model access, or an SCP denies it)';
  if (a.entitlementAvailability === 'NOT_AVAILABLE') return 'has no Marketplace entitlement (the developers\' permission set must allow aws-marketplace:Subscribe through Bedrock, or subscribe once from the console)';
  return undefined;
}
