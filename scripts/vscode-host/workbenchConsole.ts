import { format } from 'node:util';

/**
 * The workbench logs a lot that says nothing about the extension under test, most of it
 * because these machines are offline (gallery lookups, GitHub sign-in, chat). These
 * messages are kept in the log file but not echoed, unless BEDROCK_ONBOARDING_VSCODE_VERBOSE=1.
 */
const CHATTER: readonly RegExp[] = [
  /^\[(AgentHost[^\]]*|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)\]/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^Creation of workbench contribution/,
  /^Updating additional builtin extensions cache/,
  /ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ERR_INTERNET_DISCONNECTED|Failed to fetch/,
  /^Timed out waiting for authentication provider/,
  /^\[Extension Host\] (debugger|Debugger)/,
];

/** Renders one `codeAutomationLog(type, args)` call the way console.log would have. */
export function formatAutomationLog(args: readonly unknown[]): string {
  return format(...args);
}

export function isWorkbenchChatter(message: string): boolean {
  const firstLine = message.split('\n', 1)[0] ?? '';
  return CHATTER.some((pattern) => pattern.test(firstLine));
}
