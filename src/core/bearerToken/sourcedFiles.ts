import * as path from 'node:path';
import { lexShell, type ShellDialect, type ShellWord } from './shellLexer';
import { analyseStructure } from './shellStructure';

/**
 * The files a shell start-up file reads with `source FILE` or `. FILE` (csh: `source`;
 * fish: `source` and `.`), so a key exported from `~/.bash_secrets` that `~/.bashrc`
 * sources is found as well as one in `~/.bashrc` itself.
 *
 * Only paths that can be known without running the shell: a literal path, or one that
 * starts with `~/`, `$HOME/` or `${HOME}/`, quoted or not. Anything else that expands
 * (`$DIR/x`, globs, command substitution) is skipped. A relative path is taken from the
 * home folder, the working directory of a login shell. Whether the result lies inside
 * the home is the caller's decision.
 */
export function sourcedFiles(text: string, dialect: ShellDialect, home: string): string[] {
  const found: string[] = [];
  for (const structure of analyseStructure(lexShell(text, dialect).statements, dialect)) {
    const [command, argument] = structure.command;
    if (!command || !argument || !isSourceCommand(command.raw, dialect)) continue;
    const file = literalPath(argument, home);
    if (file !== undefined && !found.includes(file)) found.push(file);
  }
  return found;
}

function isSourceCommand(word: string, dialect: ShellDialect): boolean {
  return word === 'source' || (word === '.' && dialect !== 'csh');
}

function literalPath(word: ShellWord, home: string): string | undefined {
  let raw = word.raw;
  const quote = raw[0];
  // A lone quote (`source "` at the end of the file) leaves nothing: skipped below.
  if ((quote === '"' || quote === "'") && raw.endsWith(quote)) raw = raw.slice(1, -1);
  else if (/["']/.test(raw)) return undefined;
  let rest = raw;
  const homePrefix = /^(?:~|\$HOME|\$\{HOME\})(?=\/|$)/.exec(raw);
  if (homePrefix) {
    // Single quotes expand nothing; double quotes expand `$HOME` but not `~`.
    if (quote === "'" || (quote === '"' && homePrefix[0] === '~')) return undefined;
    // Stryker disable next-line Regex: what follows the home is empty or starts with its slashes
    rest = raw.slice(homePrefix[0].length).replace(/^\/+/, '');
  }
  if (rest === '' || /[$`*?[\]{}\\]/.test(rest)) return undefined;
  // An absolute path is taken as it is; the home is the base of a relative one.
  return path.resolve(home, rest);
}
