/** The end of a sentence saying why a file operation failed, from Node's error code. */
export function describeFileError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOTDIR':
      return 'part of its path is a file where a folder is expected';
    case 'EISDIR':
      return 'a folder is in the way where the file should be';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ELOCKED':
      return 'another window or process has been writing it for too long';
    default:
      return code ? `the system reported ${code}` : 'an unexpected error occurred';
  }
}
