import * as path from 'node:path';
import type { CoreEnvironment } from '../runtime/coreEnvironment';

/**
 * Where VS Code-family editors keep user (and remote-machine) settings, for callers that
 * are not VS Code itself: the CLI, which cannot ask the editor. Inside VS Code the
 * extension passes the path of the running profile instead.
 *
 * Every editor's file is listed whatever is installed; a missing one costs a failed stat.
 */
export function vscodeUserSettingsFiles(environment: Pick<CoreEnvironment, 'homeDir' | 'env' | 'platform'>): string[] {
  const productFolders = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor'];
  const { homeDir: home, env, platform } = environment;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const join = (...parts: string[]): string => paths.join(...parts);
  const base =
    platform === 'win32'
      ? env['APPDATA'] ?? join(home, 'AppData', 'Roaming')
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : env['XDG_CONFIG_HOME'] || join(home, '.config');
  const files = productFolders.map((product) => join(base, product, 'User', 'settings.json'));
  // Settings of the VS Code server on a remote machine (Remote-SSH, WSL, containers) and of code-server.
  files.push(join(home, '.vscode-server', 'data', 'Machine', 'settings.json'));
  files.push(join(env['XDG_DATA_HOME'] || join(home, '.local', 'share'), 'code-server', 'User', 'settings.json'));
  return files;
}
