import * as fs from 'node:fs/promises';
import { describeFileError } from '../claudeSettings/fileErrors';
import { isNotFound } from '../files/atomicWrite';
import { BEARER_TOKEN_VARIABLE } from './bearerTokenFinding';

/**
 * After a removal, the backups are the last copies of the key on disk. They are kept
 * (mode 0600) so a wrong edit can be undone, and the caller offers to delete them: a
 * button in VS Code, a question (or `--delete-backups`) in the CLI.
 */

export interface BackupDeletion {
  readonly deleted: readonly string[];
  /** One sentence each: what happened and what to do. */
  readonly failures: readonly string[];
}

/**
 * Said after every removal that edited a file: taking the key out of the files does not
 * stop it from working wherever else it was copied.
 * Bedrock: short-term keys last at most 12 hours (or the session that made them);
 * long-term keys are IAM service-specific credentials that work until they expire or
 * are deleted (IAM User Guide, "API keys for Amazon Bedrock").
 */
export const REVOKE_KEY_ADVICE =
  `If the ${BEARER_TOKEN_VARIABLE} value was a long-term Bedrock API key, delete it in IAM (your IAM user, Security credentials, API keys for Amazon Bedrock) so no copy of it works any more; a short-term key expires by itself within 12 hours.`;

export async function deleteBearerTokenBackups(backupPaths: readonly string[]): Promise<BackupDeletion> {
  const deleted: string[] = [];
  const failures: string[] = [];
  for (const backupPath of new Set(backupPaths)) {
    try {
      await fs.unlink(backupPath);
      deleted.push(backupPath);
    } catch (error) {
      if (isNotFound(error)) continue;
      failures.push(`Could not delete the backup ${backupPath}: ${describeFileError(error)}. It still holds the key; delete it by hand.`);
    }
  }
  return { deleted, failures };
}
