import { BEARER_TOKEN_VARIABLE, activeFindings, harmlessNotes, keysLeftOnDisk, type BearerTokenFinding } from './bearerTokenFinding';
import type { BearerTokenScanResult } from './bearerTokenScanner';

/**
 * The scan as text and as JSON, for the CLI and for "copy report" style uses. Built only
 * from findings, which never hold the value, so neither form can leak it.
 */

/** `file:line (what the file is)`, or just the description for the process environment. */
export function findingLocation(finding: BearerTokenFinding): string {
  if (finding.file === undefined) return finding.source;
  const place = finding.line === undefined ? finding.file : `${finding.file}:${String(finding.line)}`;
  return `${place} (${finding.source})`;
}

export function formatBearerTokenReport(result: BearerTokenScanResult): string {
  const active = activeFindings(result.findings);
  const onDisk = keysLeftOnDisk(result.findings);
  const notes = harmlessNotes(result.findings);
  const lines: string[] = [];
  const list = (findings: readonly BearerTokenFinding[]): void => {
    for (const finding of findings) lines.push(`  ${findingLocation(finding)}`, `    ${finding.fix?.summary ?? ''}`);
  };
  if (active.length === 0) {
    lines.push(`${BEARER_TOKEN_VARIABLE} is not set anywhere Claude Code would read it.`);
  } else {
    lines.push(`${BEARER_TOKEN_VARIABLE} is set in ${String(active.length)} place(s); it overrides your SSO identity in Claude Code:`);
    list(active);
  }
  if (onDisk.length > 0) {
    lines.push(`Commented out, but still holding a value: the key is on disk there (${String(onDisk.length)}):`);
    list(onDisk);
  }
  if (notes.length > 0) {
    lines.push(`Commented out, harmless (${String(notes.length)}):`);
    for (const finding of notes) lines.push(`  ${findingLocation(finding)}`);
  }
  for (const skipped of result.skipped) lines.push(`Could not check ${skipped.file}: ${skipped.reason}.`);
  return `${lines.join('\n')}\n`;
}

export interface BearerTokenFindingJson {
  readonly kind: BearerTokenFinding['kind'];
  readonly source: string;
  readonly file: string | null;
  readonly line: number | null;
  readonly column: number | null;
  readonly commented: boolean;
  readonly fix: { readonly action: string; readonly summary: string } | null;
}

export function findingToJson(finding: BearerTokenFinding): BearerTokenFindingJson {
  return {
    kind: finding.kind,
    source: finding.source,
    file: finding.file ?? null,
    line: finding.line ?? null,
    column: finding.column ?? null,
    commented: finding.commented,
    fix: finding.fix ? { action: finding.fix.action, summary: finding.fix.summary } : null,
  };
}
