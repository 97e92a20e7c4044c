import { DEFAULT_POLICY_TAG_KEYS, POLICY_STATEMENT_IDS, type IamPolicyDocument, type PermissionSetPolicyOptions } from './permissionSetPolicy';

/**
 * A short markdown explanation of each statement of a generated policy, for the admin
 * who has to defend it in a review: what it allows, who calls it, and what it costs to
 * leave out.
 */
export function explainPermissionSetPolicy(policy: IamPolicyDocument, options: PermissionSetPolicyOptions = {}): string {
  const tagKeys = options.tagKeys ?? DEFAULT_POLICY_TAG_KEYS;
  const tagList = tagKeys.map((k) => `\`${k}\``).join(' and ');
  const sections: Record<string, string> = {
    [POLICY_STATEMENT_IDS.list]:
      `Lets discovery list the application inference profiles in the account. \`ListInferenceProfiles\` has no resource type, so IAM only ever evaluates it against \`"Resource": "*"\`; an ABAC condition on it (as in the original guide) never matches and the call is always denied. Listing shows names and models only, not tags, and does not let anyone use a profile.${options.regions?.length ? ` Limited to ${options.regions.join(', ')} with \`aws:RequestedRegion\`.` : ''}`,
    [POLICY_STATEMENT_IDS.ownProfiles]:
      `The ABAC core: read (\`GetInferenceProfile\`, \`ListTagsForResource\`) and invoke (\`InvokeModel\`, \`InvokeModelWithResponseStream\`, which also cover \`Converse\`/\`ConverseStream\`) an application inference profile only when its ${tagList} tag${tagKeys.length > 1 ? 's equal' : ' equals'} the developer's own attribute${tagKeys.length > 1 ? 's' : ''} (\`aws:PrincipalTag\`, from IAM Identity Center's attributes for access control). Claude Code calls \`GetInferenceProfile\` on its model ARN at start-up; discovery reads tags to tell the developer's profiles from others'. A developer without the attribute matches nothing.`,
    [POLICY_STATEMENT_IDS.modelsThroughProfiles]:
      'Invoking an application profile is also authorised against the system-defined profile it copies and the Claude foundation models in every region that profile routes to. This grants those, in every region (cross-region routing picks regions the developer never names), but only when the request came through an application inference profile of the account (`bedrock:InferenceProfileArn`). Whose profile it is was already checked by the statement above, so a developer cannot reach Claude through someone else\'s profile, and cannot call a model or system profile directly (those calls carry no application profile ARN).',
    [POLICY_STATEMENT_IDS.readSystemProfiles]:
      'Read-only metadata of the system-defined (cross-region) profiles: Claude Code looks them up at start-up, and discovery uses them to group profiles by model. They carry no tags and reveal nothing about other developers.',
    [POLICY_STATEMENT_IDS.directSystemProfiles]:
      'Opt-in (`--allow-direct-invoke`): lets developers call system-defined Claude profiles directly. Claude Code sends a few 1-token probes to system profiles at start-up and uses them for any tier it is not given an application profile for; with this statement those calls succeed, but they are made outside the per-developer profiles, so their cost carries no developer tag and is not attributed to anyone.',
    [POLICY_STATEMENT_IDS.directModels]: 'Opt-in companion of the statement above: the foundation models behind a system profile, reachable only through a system profile.',
    [POLICY_STATEMENT_IDS.costExplorer]:
      'Opt-in (`--allow-cost-explorer`): the status bar\'s month-to-date spend. IAM cannot restrict `ce:GetCostAndUsage` to one tag value, so a developer holding it can query the whole account\'s cost data, not just their own; leave it out to use the local estimate from Claude Code\'s transcripts instead. Each request costs USD 0.01; the extension caches and rate-limits them.',
    [POLICY_STATEMENT_IDS.marketplace]:
      'From the original guide: Anthropic models are sold through AWS Marketplace, and the first invocation of a model in an account makes Bedrock subscribe on the caller\'s behalf. The condition (`aws:CalledViaLast` = Bedrock) means developers cannot subscribe to anything themselves. Once an administrator has invoked each model once in the account it is no longer needed; drop it with `--no-marketplace`.',
  };
  const lines = [
    '# Permission set policy for Claude Code on Bedrock',
    '',
    'Paste the JSON as the inline policy of the developers\' IAM Identity Center permission set, and map the ' +
      `${tagList} attribute${tagKeys.length > 1 ? 's' : ''} under *Attributes for access control* so each session carries them as principal tags. Profiles created with \`bedrock-onboard admin create-profiles\` carry matching tags.`,
    '',
  ];
  for (const statement of policy.Statement) {
    lines.push(`## ${statement.Sid}`, '', sections[statement.Sid] ?? 'No explanation is available for this statement.', '');
  }
  if (options.allowDirectSystemProfileInvoke !== true) {
    lines.push(
      '## Not granted: invoking system-defined profiles directly',
      '',
      'Claude Code\'s start-up probes of system-defined profiles are denied by this policy. That is deliberate: the extension points every tier Claude Code uses (`ANTHROPIC_MODEL`, `ANTHROPIC_DEFAULT_{OPUS,SONNET,HAIKU,FABLE}_MODEL`) at the developer\'s own profiles, so its real traffic is unaffected and every billed token carries the developer\'s tags. Allowing direct calls (`--allow-direct-invoke`) silences the denied probes at the price of spend that no developer tag accounts for. Create a profile for each tier a developer uses (opus, sonnet, haiku, fable) so no tier falls back to a system profile.',
      '',
    );
  }
  lines.push('## Not granted', '', 'Creating, tagging or deleting profiles, and everything else: developers only use what the admin created for them.', '');
  return lines.join('\n');
}
