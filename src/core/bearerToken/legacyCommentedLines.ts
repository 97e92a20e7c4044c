import type { LineFileSyntax } from './bearerTokenFinding';

/**
 * Earlier versions of this extension commented the line out instead of removing it
 * (lineCommenting.ts, until the line removal replaced it), which left the key on disk.
 * What they wrote, at the line's indentation:
 *
 *     # Disabled by Claude Code on Bedrock on 2025-01-31: AWS_BEARER_TOKEN_BEDROCK (a Bedrock API key) overrides your SSO identity in Claude Code.
 *     # export AWS_BEARER_TOKEN_BEDROCK=...
 *     :
 *
 * the `:` only in a sh/bash/zsh block that would otherwise have been empty. When the
 * commented line is removed now, its marker and that `:` go with it, so today's single
 * marker (and a `:` again, if the block still needs one) takes the place of all three.
 */

export interface LineSpan {
  /** 1-based, inclusive. */
  readonly first: number;
  readonly last: number;
}

const OLD_MARKER = /^([ \t]*)# Disabled by Claude Code on Bedrock on \d{4}-\d{2}-\d{2}: AWS_BEARER_TOKEN_BEDROCK \(a Bedrock API key\) overrides your SSO identity in Claude Code\.$/;

/**
 * The lines an earlier version wrote around commented line `line`, or undefined when
 * that line is not their output (no marker right above it at the same indentation).
 */
export function earlierVersionSpan(text: string, line: number, syntax: LineFileSyntax): LineSpan | undefined {
  const lines = text.split('\n').map((content) => content.replace(/\r$/, ''));
  // Stryker disable next-line StringLiteral: the line asked about is in the text
  const commented = lines[line - 1] ?? '';
  // Stryker disable next-line StringLiteral: above line 1 there is no marker, and no other text is one either
  const indent = OLD_MARKER.exec(lines[line - 2] ?? '')?.[1];
  if (indent === undefined || !commented.startsWith(`${indent}# `)) return undefined;
  const noOp = syntax === 'posix-shell' && lines[line] === `${indent}:`;
  return { first: line - 1, last: noOp ? line + 1 : line };
}
