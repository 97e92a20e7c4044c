import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../../../scripts/vscode-host/testHostLayout';
import { artifactPath } from './artifacts';

export const VSIX_ENV = 'BEDROCK_E2E_VSIX';

interface Manifest {
  readonly publisher: string;
  readonly name: string;
}

/**
 * The .vsix under test: the one `npm run test:e2e` packaged (BEDROCK_E2E_VSIX), or, when a
 * spec is run on its own, a fresh `npm run package` into .e2e-artifacts/.
 */
export function packagedVsix(): string {
  const given = process.env[VSIX_ENV];
  if (given !== undefined && given !== '') {
    if (!existsSync(given)) throw new Error(`${VSIX_ENV} names ${given}, which does not exist.`);
    return given;
  }
  return packageExtension();
}

export function packageExtension(): string {
  const out = artifactPath('bedrock-onboarding.vsix');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['run', '--silent', 'package', '--', '--out', out], { cwd: repositoryRoot(), stdio: 'inherit' });
  return out;
}

/** `<publisher>.<name>`, read from package.json. */
export function extensionId(): string {
  const manifest = JSON.parse(readFileSync(join(repositoryRoot(), 'package.json'), 'utf8')) as Manifest;
  return `${manifest.publisher}.${manifest.name}`;
}

/** The DOM id the workbench gives a status bar item the extension created with `itemId`. */
export function statusBarDomId(itemId: string): string {
  return `${extensionId()}.${itemId}`;
}
