import * as path from 'node:path';
import * as vscode from 'vscode';
import { BEARER_TOKEN_VARIABLE } from '../../core/bearerToken/bearerTokenFinding';
import { scanForBearerToken, type BearerTokenScanOptions, type BearerTokenScanResult } from '../../core/bearerToken/bearerTokenScanner';
import { listScanTargets } from '../../core/bearerToken/scanTargets';
import { vscodeUserSettingsFiles } from '../../core/bearerToken/vscodeUserSettingsFiles';
import type { ExtensionServices } from '../extensionServices';
import { bearerTokenScanAge, recordBearerTokenScan } from './bearerTokenStatus';

/** The status bar's periodic re-check: the same cadence as the sign-in state poll. */
const RESCAN_INTERVAL_MS = 5 * 60_000;
/** Coming back to the window re-checks at most this often (alt-tabbing must not rescan each time). */
const FOCUS_RESCAN_MIN_AGE_MS = 30_000;

/** Scans files and the extension host's environment (no network, ~10 ms) and records the result for the status bar. */
export async function scanInVsCode(services: ExtensionServices): Promise<BearerTokenScanResult> {
  const result = await scanForBearerToken({ ...bearerTokenScanPlaces(services), environment: services.environment, logger: services.logger });
  recordBearerTokenScan(services, result);
  return result;
}

/**
 * Where this window looks for the variable: its workspace folders on disk, its own
 * User/settings.json and the other VS Code flavours' user settings. The status bar, the
 * commands, Check Setup and Set Up all scan these same places, so they never disagree.
 */
export function bearerTokenScanPlaces(services: ExtensionServices): Omit<BearerTokenScanOptions, 'environment' | 'logger'> {
  const workspaceFolders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
  // globalStorage lives in the profile's User folder, next to its settings.json.
  const ownUserSettings = path.join(path.dirname(path.dirname(services.context.globalStorageUri.fsPath)), 'settings.json');
  return {
    processOrigin: 'vscode-extension-host',
    workspaceFolders,
    vscodeSettingsFiles: [ownUserSettings, ...vscodeUserSettingsFiles(services.environment)],
  };
}

/**
 * Keeps the status bar's bearer-token state current without watching a dozen files in
 * the home folder: a re-scan every five minutes, when a file the scan reads is saved in
 * this window (fixing it by hand clears the warning at once), and when the window gets
 * focus back (the user may have edited ~/.bashrc elsewhere). The scan is cheap, so
 * being approximate about when costs nothing.
 */
export function keepBearerTokenStatusCurrent(services: ExtensionServices): vscode.Disposable {
  let running: Promise<unknown> | undefined;
  const rescan = (): void => {
    if (running) return;
    running = scanInVsCode(services)
      .catch((error: unknown) => {
        services.logger.warn(`Could not re-check for ${BEARER_TOKEN_VARIABLE}: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(rescan, RESCAN_INTERVAL_MS);
  const onSave = vscode.workspace.onDidSaveTextDocument((document) => {
    if (document.uri.scheme !== 'file') return;
    void isScanTarget(services, document.uri.fsPath).then((target) => {
      if (target) rescan();
    });
  });
  const onFocus = vscode.window.onDidChangeWindowState((state) => {
    const age = bearerTokenScanAge();
    if (state.focused && age !== undefined && age >= FOCUS_RESCAN_MIN_AGE_MS) rescan();
  });
  return vscode.Disposable.from(onSave, onFocus, {
    dispose: () => {
      clearInterval(timer);
    },
  });
}

async function isScanTarget(services: ExtensionServices, file: string): Promise<boolean> {
  const places = bearerTokenScanPlaces(services);
  const targets = await listScanTargets({ environment: services.environment, workspaceFolders: places.workspaceFolders ?? [], vscodeSettingsFiles: places.vscodeSettingsFiles ?? [] });
  const resolved = path.resolve(file);
  return targets.some((target) => path.resolve(target.file) === resolved);
}
