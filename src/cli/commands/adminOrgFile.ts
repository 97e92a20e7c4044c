import * as fs from 'node:fs/promises';
import type { OrgDefaults } from '../../core/orgDefaults/orgDefaults';
import { parseOrgDefaults } from '../../core/orgDefaults/validateOrgDefaults';
import { UserFacingError } from '../../core/runtime/userFacingError';

/** The text of an org defaults file an admin named on the command line. */
export async function readOrgFileText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new UserFacingError(`The org defaults file ${file} could not be read (${(error as { code?: string }).code ?? String(error)}); check the path.`, 'orgDefaults.unreadable', { cause: error });
  }
}

/**
 * The org defaults file the admin commands take their tag keys, regions and account from
 * (`--org FILE`), so the policy, the profiles and the packaged extension all come from the
 * one file. A file with problems stops the command before anything is printed or created.
 */
export async function readAdminOrgFile(file: string): Promise<OrgDefaults> {
  const checked = parseOrgDefaults(await readOrgFileText(file));
  if (!checked.ok) {
    throw new UserFacingError(`${file} is not a valid org defaults file (${checked.problems.join('; ')}); fix it (bedrock-onboard admin validate-org ${file} lists the problems) and run again.`, 'orgDefaults.invalid');
  }
  return checked.value;
}
