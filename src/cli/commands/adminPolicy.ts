import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { generatePermissionSetPolicy, type PermissionSetPolicyOptions } from '../../core/admin/permissionSetPolicy';
import { DEFAULT_PROFILE_TAG_KEYS } from '../../core/admin/profileBatch';
import { explainPermissionSetPolicy } from '../../core/admin/permissionSetPolicyExplanation';
import { writeFileAtomic } from '../../core/files/atomicWrite';
import type { CliIo } from '../cliIo';
import { readAdminOrgFile } from './adminOrgFile';

export const POLICY_USAGE = `Usage: bedrock-onboard admin policy [options]

Prints the inline policy for the developers' IAM Identity Center permission set: list
profiles, read and invoke only their own (ABAC on the tag keys), reach Claude models only
through an application inference profile.

  --org FILE               org defaults file: tag keys, allowed regions and account come from it
                           unless given below
  --tag-keys K1,K2         tag keys that must match the developer's attributes (default DeveloperId,Team)
  --regions R1,R2          regions where developers use their profiles (default: any)
  --account ID             account that holds the profiles (default: any)
  --allow-cost-explorer    add ce:GetCostAndUsage (account-wide; see --explain)
  --allow-direct-invoke    also allow invoking system-defined Claude profiles directly (not attributed per developer)
  --no-marketplace         leave out the Marketplace subscription statement
  --out FILE               write the JSON to FILE instead of printing it
  --explain                explain each statement in markdown: printed with the policy,
                           or written beside --out as FILE with the extension .md
`;

export async function adminPolicy(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      org: { type: 'string' },
      'tag-keys': { type: 'string' },
      regions: { type: 'string' },
      account: { type: 'string' },
      'allow-cost-explorer': { type: 'boolean' },
      'allow-direct-invoke': { type: 'boolean' },
      'no-marketplace': { type: 'boolean' },
      out: { type: 'string' },
      explain: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(POLICY_USAGE);
    return 0;
  }
  const list = (text: string | undefined): string[] | undefined => text?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const org = values.org === undefined ? undefined : await readAdminOrgFile(values.org);
  const tagKeys = list(values['tag-keys']) ?? (org ? [org.developerTagKey ?? DEFAULT_PROFILE_TAG_KEYS.developer, org.teamTagKey ?? DEFAULT_PROFILE_TAG_KEYS.team] : undefined);
  const regions = list(values.regions) ?? org?.allowedRegions;
  const accountId = values.account?.trim() ?? org?.accountId;
  const options: PermissionSetPolicyOptions = {
    ...(tagKeys ? { tagKeys } : {}),
    ...(regions ? { regions } : {}),
    ...(accountId !== undefined ? { accountId } : {}),
    allowCostExplorer: values['allow-cost-explorer'] === true,
    allowDirectSystemProfileInvoke: values['allow-direct-invoke'] === true,
    allowMarketplaceSubscription: values['no-marketplace'] !== true,
  };
  const policy = generatePermissionSetPolicy(options);
  const json = `${JSON.stringify(policy, null, 2)}\n`;
  const explanation = values.explain ? explainPermissionSetPolicy(policy, options) : undefined;
  if (values.out === undefined) {
    io.stdout(explanation === undefined ? json : `${explanation}\n## The policy\n\n\`\`\`json\n${json}\`\`\`\n`);
    return 0;
  }
  await fs.mkdir(path.dirname(path.resolve(values.out)), { recursive: true });
  await writeFileAtomic(values.out, json);
  io.stdout(`wrote ${values.out}\n`);
  if (explanation !== undefined) {
    const markdown = `${values.out.replace(/\.json$/i, '')}.md`;
    await writeFileAtomic(markdown, explanation);
    io.stdout(`wrote ${markdown}\n`);
  }
  return 0;
}
