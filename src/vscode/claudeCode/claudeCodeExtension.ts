import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import { profileNameOf } from '../setup/setupRunDependencies';
import { openClaudeTerminal } from '../setup/setupSummary';

/** Claude Code's own VS Code extension; it runs the same `claude` with the settings Set Up wrote. */
export const CLAUDE_CODE_EXTENSION_ID = 'anthropic.claude-code';

/**
 * Commands of that extension that open a Claude Code session, most specific first. Its
 * command ids are not a documented API, so a command it contributes whose id says "open"
 * is the fallback.
 */
const OPEN_COMMANDS = ['claude-vscode.editor.openLast', 'claude-vscode.editor.open', 'claude-vscode.sidebar.open'];

interface ContributedCommand {
  readonly command?: unknown;
}

export function claudeCodeExtensionInstalled(): boolean {
  return vscode.extensions.getExtension(CLAUDE_CODE_EXTENSION_ID) !== undefined;
}

/** Opens a session in Claude Code's extension; false when it is not installed or offers no way to open one. */
export async function openClaudeCodeExtension(): Promise<boolean> {
  const extension = vscode.extensions.getExtension(CLAUDE_CODE_EXTENSION_ID);
  if (!extension) return false;
  await extension.activate();
  const manifest = extension.packageJSON as { contributes?: { commands?: readonly ContributedCommand[] } };
  const contributed = (manifest.contributes?.commands ?? []).map((c) => c.command).filter((id): id is string => typeof id === 'string');
  const command = OPEN_COMMANDS.find((id) => contributed.includes(id)) ?? contributed.find((id) => /\.open/i.test(id));
  if (command === undefined) return false;
  await vscode.commands.executeCommand(command);
  return true;
}

/** `bedrockOnboarding.openClaudeCode`: Claude Code's extension when it is installed, else a terminal running `claude`. */
export async function openClaudeCodeCommand(services: ExtensionServices): Promise<void> {
  if (await openClaudeCodeExtension()) return;
  openClaudeTerminal(profileNameOf(await services.readSettings()));
}
