import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/**
 * The absolute path of an executable found on PATH, like `command -v`; undefined when
 * absent. A name with a directory part is checked where it points instead. The core has
 * its own copy of this lookup because the CLI's must not be imported here.
 */
export async function findProgram(name: string, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): Promise<string | undefined> {
  const extensions = platform === 'win32' ? ['', ...(env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';').filter((e) => e !== '')] : [''];
  const hasDirectory = name.includes('/') || (platform === 'win32' && name.includes('\\'));
  if (hasDirectory) return firstExecutable(extensions.map((extension) => name + extension), platform);
  const pathValue = env['PATH'] ?? env['Path'] ?? '';
  const directories = pathValue.split(platform === 'win32' ? ';' : ':').filter((d) => d !== '');
  return firstExecutable(
    directories.flatMap((directory) => extensions.map((extension) => path.join(directory, name + extension))),
    platform,
  );
}

async function firstExecutable(candidates: readonly string[], platform: NodeJS.Platform): Promise<string | undefined> {
  for (const candidate of candidates) {
    try {
      const stats = await fs.stat(candidate);
      if (!stats.isFile()) continue;
      if (platform !== 'win32') await fs.access(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // Not here, or not executable: keep looking, as the shell does.
    }
  }
  return undefined;
}
