import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isNotFound, writeFileAtomic } from '../files/atomicWrite';
import { UserFacingError } from '../runtime/userFacingError';
import { describeFileProblem } from './fileProblem';

const ELSEWHERE = 'or set AWS_CONFIG_FILE to a file you can write';

/** Where the previous content is kept, one copy, next to the file. */
export function awsConfigBackupPath(realPath: string): string {
  return `${realPath}.bedrock-onboarding.bak`;
}

/**
 * Reads the config file as text, or undefined when it does not exist. A file that is
 * not valid UTF-8 is refused: decoding it would replace bytes, and writing it back would
 * then change parts of the file we must not touch.
 */
export async function readAwsConfigText(configPath: string): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(configPath);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    const problem = describeFileProblem(error, configPath, 'read', ELSEWHERE);
    throw new UserFacingError(`Could not read the AWS config file ${configPath}: ${problem.reason}. ${problem.remedy}`, 'aws-config.unreadable', { cause: error });
  }
  try {
    // ignoreBOM keeps a byte order mark in the text so it is written back too.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw new UserFacingError(
      `The AWS config file ${configPath} is not UTF-8 text, so it was left untouched. Save it as UTF-8 (or fix it by hand), then try again.`,
      'aws-config.not-utf8',
      { cause: error },
    );
  }
}

/**
 * The file to write: the target of a symbolic link (people keep dotfiles in a
 * repository and link them), so the link stays a link. A missing file is written where
 * the path says.
 */
export async function resolveWriteTarget(configPath: string): Promise<string> {
  try {
    return await fs.realpath(configPath);
  } catch (error) {
    if (isNotFound(error)) return configPath;
    throw writeError(error, configPath);
  }
}

/** Creates the folder the AWS CLI would (`~/.aws`), private to the user, if it is missing. */
export async function ensureConfigFolder(configPath: string): Promise<void> {
  try {
    await fs.mkdir(path.dirname(configPath), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw writeError(error, configPath);
  }
}

/**
 * Replaces the file atomically. An existing file keeps its mode and gets one backup; a
 * new one is created 0600, as the AWS CLI creates it.
 */
export async function writeAwsConfigText(realPath: string, text: string, existed: boolean): Promise<void> {
  try {
    await writeFileAtomic(realPath, text, existed ? { backupPath: awsConfigBackupPath(realPath) } : { mode: 0o600 });
  } catch (error) {
    throw writeError(error, realPath);
  }
}

export function writeError(error: unknown, file: string): UserFacingError {
  const problem = describeFileProblem(error, file, 'write', ELSEWHERE);
  return new UserFacingError(`Could not update the AWS config file ${file}: ${problem.reason}. ${problem.remedy}`, 'aws-config.unwritable', { cause: error });
}
