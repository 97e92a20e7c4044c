import { PROFILE_TIERS, type ProfileMapping } from '../orgDefaults/orgDefaults';
import { formatCsv } from './csvFormat';
import type { ProfileBatchResult } from './profileBatch';

/**
 * The mapping as JSON, in exactly the `profileMapping` shape of an org defaults file, so
 * it can be pasted there or named by `profileMappingFile`. Keys are sorted so a re-run
 * produces the same bytes.
 */
export function formatMappingJson(mapping: ProfileMapping): string {
  const sorted = Object.fromEntries(
    Object.keys(mapping)
      .sort()
      .map((developer) => {
        const tiers = mapping[developer] ?? {};
        return [developer, Object.fromEntries(PROFILE_TIERS.flatMap((tier) => (tiers[tier] ? [[tier, tiers[tier]]] : [])))];
      }),
  );
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

export const OUTCOME_CSV_HEADER = ['developerId', 'team', 'tier', 'profileName', 'status', 'arn', 'copiesFrom', 'note'] as const;

/** One row per profile, for a spreadsheet; cells that could run as formulas are neutralised. */
export function formatOutcomesCsv(result: ProfileBatchResult): string {
  const rows = result.outcomes.map((outcome) => {
    const notes: string[] = [];
    if (outcome.error) notes.push(outcome.error);
    for (const difference of outcome.tagDifferences ?? []) {
      notes.push(`tag ${difference.key} is ${difference.actual === undefined ? 'missing' : JSON.stringify(difference.actual)}, expected ${JSON.stringify(difference.expected)}`);
    }
    if (outcome.modelDiffers) notes.push('routes to other models than the current source');
    return [outcome.planned.developerId, outcome.planned.team, outcome.planned.tier, outcome.planned.name, outcome.status, outcome.arn ?? '', outcome.planned.source.arn, notes.join('; ')];
  });
  return formatCsv([[...OUTCOME_CSV_HEADER], ...rows]);
}

/**
 * The whole result as JSON for scripts (`create-profiles --json`): the counts, the mapping
 * in its org defaults shape, and one entry per profile. Sentences only, never a credential.
 */
export function formatBatchJson(result: ProfileBatchResult): string {
  const profiles = result.outcomes.map((outcome) => ({
    developerId: outcome.planned.developerId,
    team: outcome.planned.team,
    tier: outcome.planned.tier,
    name: outcome.planned.name,
    status: outcome.status,
    ...(outcome.arn !== undefined ? { arn: outcome.arn } : {}),
    copiesFrom: outcome.planned.source.arn,
    ...(outcome.tagDifferences && outcome.tagDifferences.length > 0 ? { tagDifferences: outcome.tagDifferences } : {}),
    ...(outcome.modelDiffers === true ? { modelDiffers: true } : {}),
    ...(outcome.error !== undefined ? { error: outcome.error, errorCode: outcome.errorCode } : {}),
  }));
  const document = {
    region: result.region,
    dryRun: result.dryRun,
    counts: result.counts,
    throttles: result.throttles,
    elapsedSeconds: Math.round(result.elapsedMs) / 1000,
    mapping: JSON.parse(formatMappingJson(result.mapping)) as unknown,
    profiles,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
