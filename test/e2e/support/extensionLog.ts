import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The extension's own output channel ("Claude Code on Bedrock") as VS Code logged it, for a failing test's message. */
export function extensionOutputLog(userDataDir: string): string {
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
      else if (entry.name.includes('Claude Code on Bedrock') || entry.name.includes('bedrock-onboarding')) found.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(userDataDir, 'logs'));
  return found.join('\n');
}
