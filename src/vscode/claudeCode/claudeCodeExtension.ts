import * as vscode from 'vscode';
import { findProgram } from '../../core/runtime/programOnPath';
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

/** The walkthrough's "Open Claude Code" step ticks on this: set only once something opened. */
export const CLAUDE_CODE_OPENED_KEY = 'bedrockOnboarding.claudeCodeOpened';

/**
 * `bedrockOnboarding.openClaudeCode`: Claude Code's extension when it is installed, else a
 * terminal running `claude` — but only when `claude` is on PATH: a terminal that answers
 * "command not found" is not Claude Code, so without it the developer is offered Set Up,
 * whose Claude Code step installs it.
 */
export async function openClaudeCodeCommand(services: ExtensionServices): Promise<boolean> {
  if (!(await openClaudeCodeExtension())) {
    const { env, platform } = services.environment;
    if ((await findProgram('claude', env, platform)) === undefined) {
      const setUp = vscode.l10n.t('Set Up Claude Code');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Claude Code is not installed: neither its VS Code extension nor the claude command was found. Set Up offers to install it.'), setUp);
      if (answer === setUp) await vscode.commands.executeCommand('bedrockOnboarding.setUp');
      return false;
    }
    openClaudeTerminal(profileNameOf(await services.readSettings()));
  }
  await vscode.commands.executeCommand('setContext', CLAUDE_CODE_OPENED_KEY, true);
  return true;
}
