// Makes a fresh clone runnable: installs npm packages when they are missing or older
// than the lockfile, then builds dist/. Uses only Node built-ins so it can run first.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');

if (!existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs)) {
  console.log('bootstrap: installing npm packages…');
  execFileSync(npm, [existsSync(lock) ? 'ci' : 'install', '--no-fund', '--no-audit'], { cwd: root, stdio: 'inherit' });
}
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' });
