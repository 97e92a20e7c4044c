import * as fs from 'node:fs';
import * as path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where the shell would look for `name`, in order, like `command -v`: each PATH folder
 * with each PATHEXT extension on Windows; a name with a folder part only where it points.
 */
function candidates(name: string, env: Env, platform: NodeJS.Platform): string[] {
  const extensions = platform === 'win32' ? ['', ...(env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';').filter((e) => e !== '')] : [''];
  const hasDirectory = name.includes('/') || (platform === 'win32' && name.includes('\\'));
  if (hasDirectory) return extensions.map((extension) => name + extension);
  const pathValue = env['PATH'] ?? env['Path'] ?? '';
  const directories = pathValue.split(platform === 'win32' ? ';' : ':').filter((d) => d !== '');
  return directories.flatMap((directory) => extensions.map((extension) => path.join(directory, name + extension)));
}

/**
 * The absolute path of an executable found on PATH; undefined when absent. Asynchronous so
 * that a PATH folder on a hung network drive stalls only this lookup, which the doctor's
 * per-check time limit can then give up on.
 */
export async function findProgram(name: string, env: Env, platform: NodeJS.Platform): Promise<string | undefined> {
  for (const candidate of candidates(name, env, platform)) {
    try {
      const stats = await fs.promises.stat(candidate);
      if (!stats.isFile()) continue;
      if (platform !== 'win32') await fs.promises.access(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // Not here, or not executable: keep looking, as the shell does.
    }
  }
  return undefined;
}

/** findProgram for the awsAuthRefresh command, which is built in a synchronous function. */
export function findProgramSync(name: string, env: Env, platform: NodeJS.Platform): string | undefined {
  return candidates(name, env, platform).find((candidate) => {
    try {
      if (!fs.statSync(candidate).isFile()) return false;
      if (platform !== 'win32') fs.accessSync(candidate, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
