import * as vscode from 'vscode';
import { validateDeveloperId, validateTeam } from '../../core/admin/developerFields';
import type { ProfileBatchResult } from '../../core/admin/profileBatch';
import { formatMappingJson } from '../../core/admin/profileBatchOutput';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { PROFILE_TIERS, type ProfileTier } from '../../core/orgDefaults/orgDefaults';
import { CancelledError } from '../../core/runtime/cancellation';
import { UserFacingError } from '../../core/runtime/userFacingError';
import { validateRegion } from '../../core/validation/awsRegion';
import { isInvalid } from '../../core/validation/invalidValue';
import type { ExtensionServices } from '../extensionServices';
import { askForAdminProfile } from './adminProfileQuestion';
import { withCancellableProgress } from '../ui/cancellableProgress';
import { askForValue } from '../ui/askForValue';

const TITLE = (): string => vscode.l10n.t('Create Inference Profile for a Developer');

/**
 * The one-developer version of `bedrock-onboard admin create-profiles`: asks for the
 * developer, team, tiers, region and the admin's AWS profile, then creates (or finds) the
 * developer's application inference profiles and offers the mapping to paste into the
 * org defaults.
 */
export async function createProfileForDeveloperCommand(services: ExtensionServices): Promise<void> {
  const { effective } = await services.readSettings();
  const tagKeys = { developer: effective.developerTagKey.value ?? 'DeveloperId', team: effective.teamTagKey.value ?? 'Team' };
  const developerId = await askForValue({
    title: TITLE(),
    prompt: vscode.l10n.t('The developer ID: the value of their {0} attribute in IAM Identity Center', tagKeys.developer),
    placeHolder: 'jane.doe',
    validate: validateDeveloperId,
  });
  const team = await askForValue({ title: TITLE(), prompt: vscode.l10n.t('The developer’s team (the {0} tag)', tagKeys.team), placeHolder: 'payments', validate: validateTeam });
  const tiers = await pickTiers();
  const allowed = effective.allowedRegions.value;
  const region = await askForValue({
    title: TITLE(),
    prompt: vscode.l10n.t('The Bedrock region to create the profiles in (Claude Code’s AWS_REGION)'),
    ...(effective.defaultRegion.value !== undefined ? { value: effective.defaultRegion.value } : {}),
    validate: (input) => {
      const checked = validateRegion(input, 'Bedrock region');
      if (isInvalid(checked) || !allowed || allowed.includes(checked)) return checked;
      return new UserFacingError(`The region ${checked} is not one your organisation allows (${allowed.join(', ')}).`, 'admin.region-not-allowed');
    },
  });
  const adminProfile = await askForAdminProfile(TITLE(), vscode.l10n.t('The AWS profile allowed to call bedrock:CreateInferenceProfile (leave empty for the default credentials)'));

  const aws = loadAwsOperations();
  const result = await withCancellableProgress(TITLE(), (progress, signal) =>
    aws.createDeveloperProfiles({
      region,
      credentials: aws.profileCredentials(adminProfile),
      ...(adminProfile !== undefined ? { profileName: adminProfile } : {}),
      developers: [{ developerId, team, tiers, extraTags: {}, origin: 'VS Code' }],
      tagKeys,
      logger: services.logger,
      signal,
      onProgress: (p) => {
        progress.report({ message: vscode.l10n.t('{0} of {1} done', p.done, p.total) });
      },
    }),
  );
  await reportResult(result, developerId, services);
}

async function pickTiers(): Promise<ProfileTier[]> {
  const picked = await vscode.window.showQuickPick(
    PROFILE_TIERS.map((tier) => ({ label: tier, picked: true })),
    { title: TITLE(), placeHolder: vscode.l10n.t('Tiers to create a profile for (one per tier Claude Code uses)'), canPickMany: true, ignoreFocusOut: true },
  );
  if (picked === undefined || picked.length === 0) throw new CancelledError(TITLE());
  return PROFILE_TIERS.filter((tier) => picked.some((item) => item.label === tier));
}

async function reportResult(result: ProfileBatchResult, developerId: string, services: ExtensionServices): Promise<void> {
  const failed = result.outcomes.find((outcome) => outcome.status === 'failed');
  if (failed) {
    throw new UserFacingError(failed.error ?? `The profile ${failed.planned.name} could not be created; the log has the details.`, failed.errorCode ?? 'admin.create-failed');
  }
  const { created, existing, mismatched } = result.counts;
  services.logger.info(`Create profiles for ${developerId} in ${result.region}: ${created} created, ${existing} already existed, ${mismatched} with other tags.`);
  const message =
    mismatched > 0
      ? vscode.l10n.t('{0} created and {1} already existed for {2} in {3}, but {4} of them carry another developer or team tag and were left out of the mapping; the log lists them.', created, existing, developerId, result.region, mismatched)
      : vscode.l10n.t('{0} created and {1} already existed for {2} in {3}.', created, existing, developerId, result.region);
  const openMapping = vscode.l10n.t('Open Mapping');
  for (const outcome of result.outcomes) {
    for (const difference of outcome.tagDifferences ?? []) {
      services.logger.warn(`${outcome.planned.name}: tag ${difference.key} is ${difference.actual ?? 'missing'}, expected ${difference.expected}.`);
    }
  }
  const choice = await vscode.window.showInformationMessage(message, openMapping);
  if (choice === openMapping) {
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: formatMappingJson(result.mapping) });
    await vscode.window.showTextDocument(document);
  }
}
