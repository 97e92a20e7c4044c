import type * as vscode from 'vscode';
import type { Logger } from '../../core/runtime/logger';
import { redactSecrets } from '../../core/secrets/redact';

/** The core's Logger on top of the extension's LogOutputChannel, with a last-line secret filter. */
export function outputChannelLogger(channel: vscode.LogOutputChannel): Logger {
  return {
    trace: (message) => {
      channel.trace(redactSecrets(message));
    },
    debug: (message) => {
      channel.debug(redactSecrets(message));
    },
    info: (message) => {
      channel.info(redactSecrets(message));
    },
    warn: (message) => {
      channel.warn(redactSecrets(message));
    },
    error: (message) => {
      channel.error(redactSecrets(message));
    },
  };
}
