import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ensurePrivateDirectory, isNotFound, writeFileAtomic } from '../files/atomicWrite';
import type { CoreEnvironment } from '../runtime/coreEnvironment';

/**
 * The launcher Claude Code's `awsAuthRefresh` runs when the AWS CLI v2 is not installed:
 * a small script at a path that never changes (`~/.bedrock-onboarding/bin/bedrock-onboard`),
 * which runs the `bedrock-onboard` CLI bundled in the extension.
 *
 * Why a launcher: the extension's folder carries its version and VS Code deletes the old
 * one after an update, so a command naming `<extension>/dist/cli.js` breaks at the first
 * update; and Claude Code's native installer needs no `node`, so a `node …` command may
 * find none. The launcher runs the CLI with the runtime the extension host itself runs on
 * — VS Code's Electron binary with ELECTRON_RUN_AS_NODE=1 (desktop), or the Node binary of
 * code-server and VS Code Server — and every activation rewrites it to point at the current
 * version. Between an update and the next activation, when the recorded folder is gone, it
 * takes the newest installed copy of the extension from the same extensions folder.
 *
 * The launcher lives in the home folder rather than in VS Code's global storage because
 * Claude Code's settings are per user, not per VS Code flavour, and it survives uninstalling
 * and reinstalling the extension.
 */
export interface RefreshLauncherTarget {
  /** The program the extension host runs on (`process.execPath`). */
  readonly runtime: string;
  /** The bundled CLI of the running extension version. */
  readonly cliPath: string;
  /** The folder every installed extension version lives in. */
  readonly extensionsDir: string;
  /** `<publisher>.<name>`: installed versions are `<id>-<version>` folders. */
  readonly extensionId: string;
}

const LAUNCHER_DIRECTORY = ['.bedrock-onboarding', 'bin'];

export function refreshLauncherPath(environment: Pick<CoreEnvironment, 'homeDir' | 'platform'>): string {
  return path.join(environment.homeDir, ...LAUNCHER_DIRECTORY, environment.platform === 'win32' ? 'bedrock-onboard.cmd' : 'bedrock-onboard');
}

export function refreshLauncherScript(target: RefreshLauncherTarget, platform: NodeJS.Platform): string {
  return platform === 'win32' ? windowsScript(target) : posixScript(target);
}

/** Writes the launcher when its content changed (atomically, executable); true when written. */
export async function installRefreshLauncher(environment: Pick<CoreEnvironment, 'homeDir' | 'platform'>, target: RefreshLauncherTarget): Promise<{ readonly path: string; readonly written: boolean }> {
  const file = refreshLauncherPath(environment);
  const script = refreshLauncherScript(target, environment.platform);
  try {
    if ((await fs.readFile(file, 'utf8')) === script) return { path: file, written: false };
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  await ensurePrivateDirectory(path.dirname(file));
  await writeFileAtomic(file, script, { mode: 0o755 });
  return { path: file, written: true };
}

function posixQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function posixScript(target: RefreshLauncherTarget): string {
  return [
    '#!/bin/sh',
    '# Written by the Claude Code on Bedrock extension at each start; changes are overwritten.',
    '# Runs its bedrock-onboard CLI for Claude Code (awsAuthRefresh in ~/.claude/settings.json).',
    `runtime=${posixQuote(target.runtime)}`,
    `cli=${posixQuote(target.cliPath)}`,
    'if [ ! -f "$cli" ]; then',
    '  # Updated since the extension last started: the newest installed copy.',
    `  for candidate in ${posixQuote(target.extensionsDir)}/${posixQuote(`${target.extensionId}-`)}*/dist/cli.js; do`,
    '    [ -f "$candidate" ] || continue',
    '    if [ ! -f "$cli" ] || [ "$candidate" -nt "$cli" ]; then cli=$candidate; fi',
    '  done',
    'fi',
    'if [ ! -x "$runtime" ]; then runtime=node; fi',
    '# VS Code\'s Electron runs as plain Node with this; a Node binary ignores it.',
    'ELECTRON_RUN_AS_NODE=1 exec "$runtime" "$cli" "$@"',
    '',
  ].join('\n');
}

function windowsScript(target: RefreshLauncherTarget): string {
  const q = (value: string): string => `"${value.replace(/"/g, '""')}"`;
  return [
    '@echo off',
    'rem Written by the Claude Code on Bedrock extension at each start; changes are overwritten.',
    `set "BEDROCK_ONBOARD_CLI=${target.cliPath}"`,
    `if not exist "%BEDROCK_ONBOARD_CLI%" for /d %%d in (${q(path.win32.join(target.extensionsDir, `${target.extensionId}-*`))}) do if exist "%%d\\dist\\cli.js" set "BEDROCK_ONBOARD_CLI=%%d\\dist\\cli.js"`,
    `set "BEDROCK_ONBOARD_RUNTIME=${target.runtime}"`,
    'if not exist "%BEDROCK_ONBOARD_RUNTIME%" set "BEDROCK_ONBOARD_RUNTIME=node"',
    'set ELECTRON_RUN_AS_NODE=1',
    '"%BEDROCK_ONBOARD_RUNTIME%" "%BEDROCK_ONBOARD_CLI%" %*',
    '',
  ].join('\r\n');
}
