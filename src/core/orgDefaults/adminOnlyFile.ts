import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { UserFacingError } from '../runtime/userFacingError';

/**
 * Refuses a machine-wide file that someone other than an administrator could have
 * written: it decides where developers sign in, so a file any local user can change
 * would let them redirect everyone's sign-in. Checks the file and the folder holding it
 * (a writable folder lets the file be replaced). POSIX only: Windows ACLs cannot be
 * read without native code, so there the folder's ACL is the administrator's to set.
 *
 * `trustedOwners`: uids allowed to own them (root; tests pass their own uid).
 */
export async function checkAdminOnlyFile(file: string, trustedOwners: readonly number[]): Promise<UserFacingError | undefined> {
  const real = await fs.realpath(file);
  for (const target of [real, path.dirname(real)]) {
    const stats = await fs.stat(target);
    const what = target === real ? 'file' : 'folder';
    if (!trustedOwners.includes(stats.uid)) {
      return new UserFacingError(
        `The machine-wide organisation defaults ${what} ${target} is owned by user id ${stats.uid}, not by root, so the extension ignored ${file}; ask your administrator to run \`sudo chown root ${quoteShell(target)}\`.`,
        'orgDefaults.machine-file-owner',
      );
    }
    if ((stats.mode & 0o022) !== 0) {
      const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
      return new UserFacingError(
        `The machine-wide organisation defaults ${what} ${target} can be changed by users other than root (mode ${mode}), so the extension ignored ${file}; ask your administrator to run \`sudo chmod go-w ${quoteShell(target)}\`.`,
        'orgDefaults.machine-file-writable',
      );
    }
  }
  return undefined;
}

function quoteShell(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
