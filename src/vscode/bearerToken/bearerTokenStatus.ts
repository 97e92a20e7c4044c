import * as vscode from 'vscode';
import { activeFindings, findingsToRemove } from '../../core/bearerToken/bearerTokenFinding';
import { findingLocation } from '../../core/bearerToken/bearerTokenReport';
import type { BearerTokenScanResult } from '../../core/bearerToken/bearerTokenScanner';
import type { ExtensionServices } from '../extensionServices';
import type { BearerTokenStatusView } from '../statusBar/statusBarController';

/**
 * The latest scan's answer to "is AWS_BEARER_TOKEN_BEDROCK set anywhere?", kept for the
 * status bar. Every scan in the window records here (startup, the command, Check Setup,
 * the re-scan after a removal and the periodic one), so the item follows whichever ran last.
 */
let latest: { readonly places: readonly string[]; readonly at: number } | undefined;

export function recordBearerTokenScan(services: ExtensionServices, result: BearerTokenScanResult): void {
  const places = activeFindings(result.findings).map(findingLocation);
  const changed = latest === undefined || latest.places.join('\n') !== places.join('\n');
  latest = { places, at: Date.now() };
  // "Remove Bedrock API Keys…" is offered in the palette only while there is one to remove
  // (a key left in a commented-out line too, though the status bar does not warn about that).
  void vscode.commands.executeCommand('setContext', 'bedrockOnboarding.bearerTokenFound', findingsToRemove(result.findings).length > 0);
  // Only a change redraws: the periodic re-scan must not cause a redraw loop.
  if (changed) services.stateChanged.fire();
}

/** What the status bar shows; undefined while nothing is set (or before the first scan). */
export function bearerTokenStatusView(): BearerTokenStatusView | undefined {
  return latest && latest.places.length > 0 ? { places: latest.places } : undefined;
}

/** Milliseconds since the latest scan, or undefined before the first. */
export function bearerTokenScanAge(): number | undefined {
  return latest === undefined ? undefined : Date.now() - latest.at;
}
