import { findNodeAtLocation, visit } from 'jsonc-parser';
import { parseJsonText } from '../claudeSettings/settingsDocument';
import { lineStartOffsets, positionAt } from '../claudeSettings/textPosition';

/**
 * Finds a variable among the members of given objects of a JSON(C) settings file:
 * `env` of Claude Code settings, `terminal.integrated.env.<os>` of VS Code settings.
 * The name elsewhere (another object, inside a string value, a longer name) is not a
 * finding; a commented-out member (`// "NAME": …`) is reported as commented.
 */

export type JsonMemberFinding = {
  /** Path to the member, for removing it. */
  readonly path: readonly string[];
  readonly line: number;
  readonly column: number;
} & (
  | { readonly commented: false }
  /** `holdsValue`: a value other than `""` or `null`, a key left on disk. */
  | { readonly commented: true; readonly holdsValue: boolean }
);

export interface JsonScan {
  readonly findings: readonly JsonMemberFinding[];
  /** First syntax error, if any: findings are still reported, but the file is not edited. */
  readonly syntaxError: { readonly line: number; readonly column: number } | undefined;
}

export interface JsonScanOptions {
  /** VS Code treats `null` in `terminal.integrated.env.*` as "remove this variable". */
  readonly nullUnsets: boolean;
}

export function scanJsonSettings(text: string, containers: readonly (readonly string[])[], name: string, options: JsonScanOptions): JsonScan {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const shift = text.length - body.length;
  const starts = lineStartOffsets(text);
  const { root, errors } = parseJsonText(body);
  const findings: JsonMemberFinding[] = [];

  for (const container of containers) {
    const object = root ? findNodeAtLocation(root, [...container]) : undefined;
    if (object?.type !== 'object') continue;
    for (const member of object.children ?? []) {
      const [key, value] = member.children ?? [];
      if (key?.value !== name) continue;
      if (options.nullUnsets && value?.type === 'null') continue;
      const { line, column } = positionAt(text, key.offset + shift + 1, starts);
      findings.push({ path: [...container, name], line, column, commented: false });
    }
  }

  // The value: a string, or whatever else stands there up to the end of a member (or of a block comment).
  const commentedMember = new RegExp(`"${name}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|[^\\s,}\\]*/]*)`, 'g');
  // Every comment reaches onComment whatever the parse options (they only change which errors are reported).
  visit(body, {
    onComment: (offset, length) => {
      for (const found of body.slice(offset, offset + length).matchAll(commentedMember)) {
        const { line, column } = positionAt(text, offset + shift + found.index + 1, starts);
        // Stryker disable next-line StringLiteral: the value group always takes part in a match
        const value = found[1] ?? '';
        findings.push({ path: [], line, column, commented: true, holdsValue: value !== '' && value !== '""' && value !== 'null' });
      }
    },
  });

  const firstError = errors[0];
  const syntaxError = firstError ? positionAt(text, firstError.offset + shift, starts) : undefined;
  return { findings: findings.sort((a, b) => a.line - b.line || a.column - b.column), syntaxError };
}
