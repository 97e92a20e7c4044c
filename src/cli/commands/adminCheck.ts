import { parseArgs } from 'node:util';
import type { AdminRepair } from '../../core/admin/check/adminCheck';
import { adminPassed } from '../../core/admin/check/adminCheck';
import { adminReportJson, formatAdminReportText, type AppliedRepair } from '../../core/admin/check/adminReportText';
import { applyAdminRepairs } from '../../core/admin/check/applyAdminRepairs';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { EXIT_FAILED, EXIT_OK, type CliIo } from '../cliIo';
import { confirm as terminalConfirm } from '../terminal/terminalPrompts';
import { UsageError } from './adminCreateProfiles';
import { readAdminOrgFile } from './adminOrgFile';
import { adminScope } from './adminScope';

export const CHECK_USAGE = `Usage: bedrock-onboard admin check [options]

Walks the administrator's checklist through the AWS APIs: Bedrock and the Claude models in each
allowed region, Cost Explorer and the cost allocation tags, the IAM Identity Center instance, its
attributes for access control, the developers' permission set policy and group assignment, and
the developers' application inference profiles. Exits 0 when nothing fails (warnings allowed).

  --org FILE               org defaults file: regions, SSO region, account, permission set (roleName)
                           and tag keys come from it unless given below
  --regions R1,R2          Bedrock regions developers use (default: allowedRegions, else defaultRegion)
  --sso-region R           region of the IAM Identity Center instance (default: ssoRegion, else us-east-1)
  --account-id ID          account developers use Bedrock in (default: accountId, else your own)
  --permission-set NAME    the developers' permission set (default: roleName)
  --group NAME             the Identity Store group of developers
  --developer-attribute P  source of the DeveloperId attribute if --fix creates it (default \${path:userName})
  --team-attribute P       source of the Team attribute if --fix creates it (default \${path:enterprise.department})
  --profile NAME           AWS profile with the admin permissions (default chain otherwise)
  --fix                    after the report, show each change that repairs a failure, ask, make it,
                           say what was done, and check again
  --yes                    with --fix: make the changes without asking (for scripts)
  --json                   print { ok, checks: [...] } (with --fix: the final report and what was applied)

Stays manual (the report says how): enabling IAM Identity Center, the identity provider and SCIM,
enabling Cost Explorer, model access requests, SCPs in the management account.
`;

export interface AdminCheckDependencies {
  readonly confirm: (question: string) => Promise<boolean>;
}

export async function adminCheck(args: readonly string[], io: CliIo, deps: AdminCheckDependencies = { confirm: terminalConfirm }): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      org: { type: 'string' },
      regions: { type: 'string' },
      'sso-region': { type: 'string' },
      'account-id': { type: 'string' },
      'permission-set': { type: 'string' },
      group: { type: 'string' },
      'developer-attribute': { type: 'string' },
      'team-attribute': { type: 'string' },
      profile: { type: 'string' },
      fix: { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(CHECK_USAGE);
    return EXIT_OK;
  }
  if (values.yes && !values.fix) throw new UsageError(`--yes only applies to --fix.\n\n${CHECK_USAGE}`);
  const org = values.org === undefined ? undefined : await readAdminOrgFile(values.org);
  const scope = adminScope(org, { ...(values.regions ? { regions: values.regions } : {}), ...(values['sso-region'] ? { ssoRegion: values['sso-region'] } : {}), ...(values['account-id'] ? { accountId: values['account-id'] } : {}), ...(values['permission-set'] ? { permissionSet: values['permission-set'] } : {}) }, CHECK_USAGE);
  const aws = loadAwsOperations();
  const options = {
    ...scope,
    ...(values.group ? { groupName: values.group } : {}),
    policy: {
      tagKeys: scope.tagKeys.developer === scope.tagKeys.team ? [scope.tagKeys.developer] : [scope.tagKeys.developer, scope.tagKeys.team],
      // As `admin policy --org FILE --regions … --account …` would generate it.
      ...(values.regions ? { regions: scope.regions } : org?.allowedRegions ? { regions: org.allowedRegions } : {}),
      ...(scope.accountId ? { accountId: scope.accountId } : {}),
      allowCostExplorer: org?.costSource === 'costExplorer',
    },
    attributeSources: { ...(values['developer-attribute'] ? { developer: values['developer-attribute'] } : {}), ...(values['team-attribute'] ? { team: values['team-attribute'] } : {}) },
    credentials: aws.profileCredentials(values.profile),
    ...(values.profile ? { profileName: values.profile } : {}),
  };
  // With --json the one JSON document goes to stdout; the rest of the conversation to stderr.
  const say = (text: string): void => {
    if (values.json) io.stderr(text);
    else io.stdout(text);
  };
  const first = await aws.runAdminChecks(options);
  let final = first;
  let applied: AppliedRepair[] | undefined;
  try {
    if (!values.fix || !first.checks.some((c) => c.status !== 'pass' && c.repair)) {
      if (values.json) io.stdout(adminReportJson(first.checks));
      else io.stdout(formatAdminReportText(first.checks));
      if (values.fix) say('Nothing that --fix can change is failing.\n');
      return adminPassed(first.checks) ? EXIT_OK : EXIT_FAILED;
    }
    say(formatAdminReportText(first.checks, 'Before:'));
    const ask = async (repair: AdminRepair): Promise<boolean> => {
      say(`\n${repair.title}:\n${repair.changes.map((c) => `    ${c}\n`).join('')}`);
      if (values.yes) return true;
      if (!io.stdinIsTTY) {
        say('  Not changed: there is no terminal to confirm on; pass --yes to make it.\n');
        return false;
      }
      return deps.confirm('Make this change?');
    };
    applied = await applyAdminRepairs(first.checks, ask);
    for (const result of applied) say(`${result.outcome === 'applied' ? '✓' : result.outcome === 'failed' ? '✗' : '–'} ${result.title}: ${result.sentences.join(' ')}\n`);
    final = await aws.runAdminChecks(options);
    if (values.json) io.stdout(adminReportJson(final.checks, applied));
    else io.stdout(`\n${formatAdminReportText(final.checks, 'After:')}`);
    return adminPassed(final.checks) ? EXIT_OK : EXIT_FAILED;
  } finally {
    first.close();
    if (final !== first) final.close();
  }
}
