/**
 * Turns whatever Claude Code recorded as `message.model` into the name the price table
 * is keyed by. On Bedrock that can be an Anthropic model name (`claude-sonnet-4-5-20250929`),
 * a foundation-model id (`anthropic.claude-…-v1:0`), a system inference profile id with a
 * geography prefix (`us.anthropic.claude-…`), either of those as an ARN, or the ARN of an
 * application inference profile (AIP), which says nothing about the model behind it.
 */

export interface ModelIdentity {
  /** Price-table key, e.g. `claude-sonnet-4-5`; undefined when the id cannot be resolved. */
  readonly priceKey: string | undefined;
  /** Called through a geographic (not global) cross-region profile, which Bedrock prices higher for newer models. */
  readonly geographic: boolean;
}

/**
 * Maps an AIP ARN (or its bare profile id) to the model or system profile it was copied
 * from, e.g. from discovery's `models[]` / `GetInferenceProfile`.
 */
export type ApplicationProfileModels = ReadonlyMap<string, string>;

export function identifyModel(recorded: string, applicationProfiles: ApplicationProfileModels = new Map()): ModelIdentity {
  // In the function rather than the module so that mutation testing sees each pattern's tests.
  const ARN = /^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:([a-z-]+)\/(.+)$/;
  const GEOGRAPHY_PREFIX = /^(global|us-gov|us|eu|apac|jp|au|ca|sa|mx|in|kr)\./;
  const VERSION_SUFFIX = /-v\d+(?::\d+)?$/;
  const DATE_SUFFIX = /-\d{8}$/;
  const CONTEXT_SUFFIX = /\[\w+\]$/;
  let id = recorded.trim();
  const arn = ARN.exec(id);
  if (arn) {
    // Stryker disable next-line StringLiteral: both groups take part in every match, so the defaults never apply
    const [, resourceType = '', resourceId = ''] = arn;
    if (resourceType === 'application-inference-profile') {
      const target = applicationProfiles.get(id) ?? applicationProfiles.get(resourceId);
      // A mapping that points at another AIP would loop; it is as unknown as no mapping.
      if (target === undefined || ARN.exec(target)?.[1] === 'application-inference-profile') return { priceKey: undefined, geographic: false };
      return identifyModel(target, applicationProfiles);
    }
    id = resourceId;
  }
  let geographic = false;
  const geography = GEOGRAPHY_PREFIX.exec(id);
  if (geography) {
    geographic = geography[1] !== 'global';
    id = id.slice(geography[0].length);
  }
  if (id.startsWith('anthropic.')) id = id.slice('anthropic.'.length);
  id = id.replace(CONTEXT_SUFFIX, '').replace(VERSION_SUFFIX, '').replace(DATE_SUFFIX, '').toLowerCase();
  return { priceKey: id.startsWith('claude-') ? id : undefined, geographic };
}
