// Installs a pinned Claude Code from npm on first use into a git-ignored cache folder
// (test/interop/.data), like bench/.data does for ccusage. Not a devDependency: its
// platform binary is ~400 MB and the lockfile would carry eight platform packages, all for
// one suite; cached, later runs (and CI with a cached workspace) install nothing.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The Claude Code release the interop suite runs; the one issue 17 was measured with. */
export const CLAUDE_CODE_VERSION = '2.1.332';

const CACHE = path.join(__dirname, '.data');

export function claudeCodeBinary(version: string = CLAUDE_CODE_VERSION): string {
  const prefix = path.join(CACHE, `claude-code-${version}`);
  const binary = path.join(prefix, 'node_modules', '.bin', process.platform === 'win32' ? 'claude.cmd' : 'claude');
  if (!fs.existsSync(binary)) {
    fs.mkdirSync(prefix, { recursive: true });
    fs.writeFileSync(path.join(prefix, 'package.json'), '{"private":true}\n');
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', `@anthropic-ai/claude-code@${version}`], {
      cwd: prefix,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return binary;
}
