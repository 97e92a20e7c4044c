import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Installs the Debian packages the test host needs, when they are missing and we may. */
export function ensureSystemPackages(packages: readonly string[], say: (line: string) => void): void {
  const missing = packages.filter((name) => !isInstalled(name));
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (!existsSync('/usr/bin/apt-get') || !existsSync('/usr/bin/dpkg-query')) {
    throw new Error(`The VS Code test host needs these Debian/Ubuntu packages, and this system has no apt-get: ${missing.join(', ')}. Install their equivalents and run again.`);
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`The VS Code test host needs these packages: ${missing.join(', ')}. Run \`sudo sh -c '${command}'\` and try again.`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  say(`apt-get update (missing: ${missing.join(', ')})`);
  run('apt-get', ['update', '-qq'], env);
  say(`apt-get install ${missing.join(' ')}`);
  run('apt-get', ['install', '-y', '-qq', ...missing], env);
  const stillMissing = missing.filter((name) => !isInstalled(name));
  if (stillMissing.length > 0) throw new Error(`apt-get finished but these packages are still not installed: ${stillMissing.join(', ')}.`);
}

function isInstalled(name: string): boolean {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): void {
  try {
    execFileSync(command, args, { env, stdio: ['ignore', 'ignore', 'inherit'], timeout: 15 * 60_000 });
  } catch (error) {
    throw new Error(`\`${command} ${args.join(' ')}\` failed (${(error as Error).message.split('\n')[0] ?? ''}). Check the network access to the Debian package mirror and run again.`);
  }
}
