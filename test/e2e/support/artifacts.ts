import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../../../scripts/vscode-host/testHostLayout';

/** Git-ignored folder for what a developer looks at after a run: screenshots, logs, the .vsix. */
export const ARTIFACTS_DIR = join(repositoryRoot(), '.e2e-artifacts');
export const SCREENSHOTS_DIR = join(ARTIFACTS_DIR, 'screenshots');

export function artifactPath(...parts: string[]): string {
  const path = join(ARTIFACTS_DIR, ...parts);
  mkdirSync(join(path, '..'), { recursive: true });
  return path;
}
