/**
 * What a scan for `AWS_BEARER_TOKEN_BEDROCK` reports. A Bedrock API key in Claude Code's
 * environment replaces the developer's SSO identity (the AWS SDK switches Bedrock to
 * bearer authentication whenever the variable is present, even when it is empty), so
 * every place it can come from is listed with file and line. A commented-out assignment
 * that still holds a value is listed too: it is harmless to Claude Code, but the key is
 * on disk there, so the removal removes it as well.
 *
 * A finding never carries the value, or any part or length of it.
 */

import type { LineSpan } from './legacyCommentedLines';

export const BEARER_TOKEN_VARIABLE = 'AWS_BEARER_TOKEN_BEDROCK';

export type BearerTokenSourceKind =
  /** The environment of the process that ran the scan (VS Code's extension host or a terminal). */
  | 'process-environment'
  /** `env` of a user or project Claude Code settings file. */
  | 'claude-settings'
  /** `env` of administrator-managed Claude Code settings. */
  | 'managed-settings'
  /** A shell or PowerShell start-up file. */
  | 'shell-startup'
  /** fish's own store of universal variables (`set -U`). */
  | 'fish-universal-variables'
  /** VS Code's `terminal.integrated.env.<os>` setting. */
  | 'vscode-terminal-env'
  /** A `.env` file at a workspace root. */
  | 'dotenv';

/** Comment syntax of line-oriented files we can edit; all of them comment with `#`. */
export type LineFileSyntax = 'posix-shell' | 'csh' | 'fish' | 'powershell' | 'dotenv';

export type FixDescription =
  | {
      readonly action: 'remove-json-key';
      readonly file: string;
      readonly jsonPath: readonly string[];
      /** Fingerprint of the whole file as scanned; see contentDigest.ts. */
      readonly contentDigest: string;
      readonly summary: string;
    }
  | {
      readonly action: 'remove-line';
      readonly file: string;
      readonly line: number;
      /**
       * The lines that go, `line` among them: just it, or an earlier version's marker
       * and `:` around the line it commented out (legacyCommentedLines.ts).
       */
      readonly span: LineSpan;
      readonly syntax: LineFileSyntax;
      /**
       * This line alone held its shell block, so removing it leaves a `:` no-op. The fix
       * decides again for all the lines of a file it removes together.
       */
      readonly addNoOp: boolean;
      readonly contentDigest: string;
      readonly summary: string;
    }
  /** Nothing to edit: the variable lives in a running process; say what to restart. */
  | { readonly action: 'restart'; readonly summary: string }
  /** Administrator-owned: say who can remove it. */
  | { readonly action: 'ask-admin'; readonly file: string; readonly summary: string }
  /** We could edit it but must not (a multi-line construct, other commands on the line, ...). */
  | { readonly action: 'edit-by-hand'; readonly file: string; readonly line?: number; readonly summary: string };

export interface BearerTokenFinding {
  readonly kind: BearerTokenSourceKind;
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based column of the variable's name. */
  readonly column?: number;
  /** Where this is, in words: "bash start-up file", "Claude Code project settings (local)", ... */
  readonly source: string;
  /** A commented-out assignment: it does not reach Claude Code. */
  readonly commented: boolean;
  /**
   * Undefined exactly for a harmless note: a commented-out assignment without a value.
   * A commented-out one that still holds a value is a key left on disk and has a fix.
   */
  readonly fix: FixDescription | undefined;
}

/** Findings that actually put the variable in Claude Code's way. */
export function activeFindings(findings: readonly BearerTokenFinding[]): BearerTokenFinding[] {
  return findings.filter((finding) => !finding.commented);
}

/** Commented-out assignments that still hold a value: the key is on disk, readable by anything that reads the file. */
export function keysLeftOnDisk(findings: readonly BearerTokenFinding[]): BearerTokenFinding[] {
  return findings.filter((finding) => finding.commented && finding.fix !== undefined);
}

/** Commented-out assignments without a value: harmless, reported as notes. */
export function harmlessNotes(findings: readonly BearerTokenFinding[]): BearerTokenFinding[] {
  return findings.filter((finding) => finding.fix === undefined);
}

/** Everything a removal deals with: active findings and keys left on disk. */
export function findingsToRemove(findings: readonly BearerTokenFinding[]): (BearerTokenFinding & { readonly fix: FixDescription })[] {
  return findings.filter((finding): finding is BearerTokenFinding & { readonly fix: FixDescription } => finding.fix !== undefined);
}
