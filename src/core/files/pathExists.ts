import * as fs from 'node:fs/promises';
import { isNotFound } from './atomicWrite';

/** Whether anything (a file, folder or link) is at `file`; other errors than "not found" are real and thrown. */
export async function pathExists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
