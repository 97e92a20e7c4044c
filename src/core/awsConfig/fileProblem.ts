import * as path from 'node:path';

/** Why a file operation failed and what the user can do, as parts of a sentence. */
export interface FileProblem {
  /** e.g. "you do not have permission to change the folder /home/me/.aws". */
  readonly reason: string;
  /** A complete sentence. */
  readonly remedy: string;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Turns a Node file-system error into words. Only the path and the error code are used:
 * the message of an error from a file that holds secrets is never repeated.
 */
export function describeFileProblem(error: unknown, file: string, operation: 'read' | 'write', elsewhere: string): FileProblem {
  const folder = path.dirname(file);
  const code = errorCode(error);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return operation === 'read'
        ? { reason: 'permission was denied', remedy: `Make sure your user can read ${file}, then try again.` }
        : {
            reason: `you do not have permission to change ${file} or the folder ${folder}`,
            remedy: `Make that folder and file writable for your user (${elsewhere}), then try again.`,
          };
    case 'EROFS':
      return { reason: 'it is on a read-only file system', remedy: `Use a writable location (${elsewhere}), then try again.` };
    case 'ENOTDIR':
      return { reason: `part of the path ${folder} is a file, not a folder`, remedy: `Move that file out of the way (${elsewhere}), then try again.` };
    case 'EISDIR':
      return { reason: 'a folder is in the way where the file should be', remedy: `Remove or rename that folder (${elsewhere}), then try again.` };
    case 'ELOOP':
      return { reason: 'it is a symbolic link that loops or may not be followed here', remedy: `Replace the link with a regular file, then try again.` };
    case 'ENOSPC':
    case 'EDQUOT':
      return { reason: 'the disk is full', remedy: 'Free some disk space, then try again.' };
    case 'ELOCKED':
      return { reason: 'another window or process is changing it right now', remedy: 'Wait a moment, then try again.' };
    default:
      return { reason: `the system reported ${code ?? 'an unexpected error'}`, remedy: `Check that ${folder} exists and is writable, then try again.` };
  }
}
