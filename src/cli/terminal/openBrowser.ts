import { spawn } from 'node:child_process';
import { shlexSplit } from '../../core/awsConfig/shlexSplit';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Opens `url` in the developer's browser and resolves true once a browser command
 * reported success, false when none could be started or each failed. `$BROWSER` comes
 * first, read as Python's `webbrowser` (and so the AWS CLI) reads it: a list separated by
 * the path separator, `%s` standing for the URL or the URL appended. Otherwise the
 * platform's opener. A browser that keeps running never resolves, which callers allow.
 */
export function openBrowser(url: string, env: Env = process.env, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  const commands = browserCommands(url, env, platform);
  const tryFrom = async (index: number): Promise<boolean> => {
    const command = commands[index];
    if (command === undefined) return false;
    return (await runOpener(command, env)) ? true : tryFrom(index + 1);
  };
  return tryFrom(0);
}

export function browserCommands(url: string, env: Env, platform: NodeJS.Platform): string[][] {
  const fromEnv = (env['BROWSER'] ?? '')
    .split(platform === 'win32' ? ';' : ':')
    .map((entry) => entry.trim().replace(/\s*&$/, ''))
    .filter((entry) => entry !== '')
    .flatMap((entry) => {
      const words = shlexSplit(entry);
      if (!words || words.length === 0) return [];
      return [words.some((word) => word.includes('%s')) ? words.map((word) => word.replace(/%s/g, url)) : [...words, url]];
    });
  const platformOpener = platform === 'darwin' ? ['open', url] : platform === 'win32' ? ['explorer.exe', url] : ['xdg-open', url];
  return [...fromEnv, platformOpener];
}

function runOpener(command: readonly string[], env: Env): Promise<boolean> {
  const [program, ...args] = command;
  if (program === undefined) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      const child = spawn(program, args, { detached: true, stdio: 'ignore', env: { ...env } });
      child.once('error', () => {
        resolve(false);
      });
      child.once('exit', (code) => {
        resolve(code === 0);
      });
      // The sign-in may finish while a browser started here keeps running.
      child.unref();
    } catch {
      resolve(false);
    }
  });
}
