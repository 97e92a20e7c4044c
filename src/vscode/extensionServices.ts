import * as vscode from 'vscode';
import { processEnvironment, type CoreEnvironment } from '../core/runtime/coreEnvironment';
import type { Logger } from '../core/runtime/logger';
import { outputChannelLogger } from './logging/outputChannelLogger';
import { readExtensionSettings, type ExtensionSettings } from './settings/extensionSettings';

/** What every command needs, created once at activation (cheap: no I/O, no network). */
export interface ExtensionServices {
  readonly context: vscode.ExtensionContext;
  readonly channel: vscode.LogOutputChannel;
  readonly logger: Logger;
  /** The machine as the core sees it: the extension host's HOME and environment. */
  readonly environment: CoreEnvironment;
  readSettings(): Promise<ExtensionSettings>;
  /** Tell the status bar and context keys that sign-in, configuration or cost changed. */
  readonly stateChanged: vscode.EventEmitter<void>;
}

export function createExtensionServices(context: vscode.ExtensionContext, channel: vscode.LogOutputChannel): ExtensionServices {
  const logger = outputChannelLogger(channel);
  const stateChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(stateChanged);
  return {
    context,
    channel,
    logger,
    environment: processEnvironment(),
    readSettings: () => readExtensionSettings(context.extensionPath, logger),
    stateChanged,
  };
}
