import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { OwnCli } from '../../core/claudeSettings/awsAuthRefreshCommand';
import { repairAwsAuthRefresh } from '../../core/claudeSettings/awsAuthRefreshRepair';
import { installRefreshLauncher, refreshLauncherPath, type RefreshLauncherTarget } from '../../core/claudeSettings/refreshLauncher';
import { findProgramSync } from '../../core/runtime/programOnPath';
import type { ExtensionServices } from '../extensionServices';

/** The running extension version as the launcher should start it (see refreshLauncher.ts). */
export function launcherTarget(context: vscode.ExtensionContext): RefreshLauncherTarget {
  return {
    runtime: process.execPath,
    cliPath: path.join(context.extensionPath, 'dist', 'cli.js'),
    extensionsDir: path.dirname(context.extensionPath),
    extensionId: context.extension.id,
  };
}

/**
 * At each start: point the launcher at this version, then repoint an awsAuthRefresh
 * command we wrote for an older version (or one that runs `node <folder of a version>`)
 * at the launcher. Local files only, no question asked; failures are logged, since
 * the next start tries again.
 */
export async function keepRefreshLauncherCurrent(services: ExtensionServices): Promise<void> {
  try {
    const installed = await installRefreshLauncher(services.environment, launcherTarget(services.context));
    if (installed.written) services.logger.info(`Wrote the sign-in renewal launcher ${installed.path} for ${services.context.extension.id} ${String((services.context.extension.packageJSON as { version?: unknown }).version)}.`);
    await repairAwsAuthRefresh(services.environment, { launcher: installed.path, extensionId: services.context.extension.id, logger: services.logger });
  } catch (error) {
    services.logger.warn(`Could not update the sign-in renewal launcher or Claude Code's awsAuthRefresh: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * How Claude Code's awsAuthRefresh should run our CLI: through the launcher once it is
 * installed; otherwise (first moments after install) a `node` on PATH running the bundled
 * CLI, or the extension host's own Node when it is one.
 */
export function ourCli(services: ExtensionServices): OwnCli {
  const launcher = refreshLauncherPath(services.environment);
  if (fs.existsSync(launcher)) return { launcher, execPath: process.execPath };
  const cli = path.join(services.context.extensionPath, 'dist', 'cli.js');
  const node = findProgramSync('node', services.environment.env, services.environment.platform);
  if (node) return { argv1: cli, execPath: node };
  return 'electron' in process.versions ? { execPath: process.execPath } : { argv1: cli, execPath: process.execPath };
}
