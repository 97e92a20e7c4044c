import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every log file under VS Code's user data folder whose name `matches`, joined, for a failing test's message. */
export function readLogFiles(userDataDir: string, matches: (fileName: string) => boolean): string {
  const found: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (matches(entry.name)) found.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(userDataDir, 'logs'));
  return found.join('\n');
}

/** The extension's own output channel ("Claude Code on Bedrock") as VS Code logged it. */
export function extensionOutputLog(userDataDir: string): string {
  return readLogFiles(userDataDir, (name) => name.includes('Claude Code on Bedrock') || name.includes('bedrock-onboarding'));
}
