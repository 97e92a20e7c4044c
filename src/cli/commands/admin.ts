import { parseOrgDefaults } from '../../core/orgDefaults/validateOrgDefaults';
import type { CliIo } from '../cliIo';
import { CREATE_PROFILES_USAGE, UsageError, adminCreateProfiles } from './adminCreateProfiles';
import { readOrgFileText } from './adminOrgFile';
import { POLICY_USAGE, adminPolicy } from './adminPolicy';
import { CHECK_USAGE, adminCheck } from './adminCheck';
import { SYNC_USAGE, adminSync } from './adminSync';

export const ADMIN_USAGE = `Usage: bedrock-onboard admin <command> [options]

Commands:
  create-profiles   Create per-developer application inference profiles (one or a CSV)
  policy            Print the permission-set policy developers need
  sync              Create the profiles an Identity Store group's members lack; list (--prune: delete) leavers'
  check             Check the organisation's setup (Bedrock, billing, Identity Center); --fix repairs
  validate-org FILE Check an org defaults file against the schema rules

Run "bedrock-onboard admin <command> --help" for a command's options.
`;

/** `bedrock-onboard admin …`: returns the exit status (0 ok, 1 failed, 2 bad usage). */
export async function runAdminCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'create-profiles':
        return await adminCreateProfiles(rest, io);
      case 'policy':
        return await adminPolicy(rest, io);
      case 'check':
        return await adminCheck(rest, io);
      case 'sync':
        return await adminSync(rest, io);
      case 'validate-org':
        return await validateOrg(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(ADMIN_USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.stderr(`bedrock-onboard: unknown admin command "${command}".\n${ADMIN_USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`bedrock-onboard: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

async function validateOrg(args: readonly string[], io: CliIo): Promise<number> {
  const [file, ...extra] = args;
  if (file === undefined || extra.length > 0 || file.startsWith('-')) throw new UsageError('validate-org takes the path of one org defaults file.\n');
  const text = await readOrgFileText(file);
  const checked = parseOrgDefaults(text);
  if (!checked.ok) {
    io.stderr(`${file} is not a valid org defaults file:\n${checked.problems.map((p) => `  ${p}\n`).join('')}`);
    return 1;
  }
  io.stdout(`${file} is a valid org defaults file (${Object.keys(checked.value).filter((k) => k !== '$schema').length} fields).\n`);
  return 0;
}

export { CHECK_USAGE, CREATE_PROFILES_USAGE, POLICY_USAGE, SYNC_USAGE };
