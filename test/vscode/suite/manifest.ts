import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EXTENSION_ID = 'bedrock-onboarding.bedrock-onboarding';

export interface ContributedCommand {
  readonly command: string;
  readonly title: string;
  readonly category: string | undefined;
}

/**
 * The commands package.json contributes, read from disk at test time (others keep adding
 * commands) with `%key%` placeholders resolved from package.nls.json as VS Code does.
 */
export function contributedCommands(extensionPath: string): ContributedCommand[] {
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8')) as { contributes?: { commands?: { command: string; title: string; category?: string }[] } };
  const strings = JSON.parse(readFileSync(join(extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const localize = (value: string): string => value.replace(/^%(.+)%$/, (whole, key: string) => strings[key] ?? whole);
  return (manifest.contributes?.commands ?? []).map((entry) => ({
    command: entry.command,
    title: localize(entry.title),
    category: entry.category === undefined ? undefined : localize(entry.category),
  }));
}
