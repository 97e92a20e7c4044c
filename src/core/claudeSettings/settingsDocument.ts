import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError, type ParseErrorCode } from 'jsonc-parser';
import { UserFacingError } from '../runtime/userFacingError';
import { positionAt } from './textPosition';

/**
 * Reading a Claude Code settings file as a tree of nodes with offsets, so edits can be
 * made in place. Comments and trailing commas are tolerated (they may be there already
 * and are the user's business); anything else that does not parse is refused.
 */

export const INVALID_SETTINGS_CODE = 'claude-settings.invalid-json';

export interface ParsedJsonText {
  /** The root node, even for broken text (jsonc-parser recovers what it can). */
  readonly root: Node | undefined;
  readonly errors: readonly ParseError[];
}

export function parseJsonText(text: string): ParsedJsonText {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  return { root, errors };
}

export interface SettingsObject {
  readonly root: Node;
  /** The `env` object, if the file has one. */
  readonly env: Node | undefined;
}

/**
 * The settings file as an object whose `env` (if any) is an object, or a refusal that
 * names the file and the first problem's line and column and promises the file was not
 * touched.
 */
export function requireSettingsObject(text: string, filePath: string): SettingsObject {
  const { root, errors } = parseJsonText(text);
  const first = errors[0];
  if (first) {
    const { line, column } = positionAt(text, first.offset);
    throw new UserFacingError(
      `${filePath} is not valid JSON: ${describeParseError(first.error)} at line ${line}, column ${column}. ` +
        'The file was left as it is; correct it in an editor (or move it aside) and try again.',
      INVALID_SETTINGS_CODE,
    );
  }
  if (root?.type !== 'object') {
    throw new UserFacingError(
      `${filePath} does not hold a JSON object ({ ... }) at the top level, so Claude Code settings cannot be added to it. ` +
        'The file was left as it is; correct it in an editor (or move it aside) and try again.',
      INVALID_SETTINGS_CODE,
    );
  }
  const env = findNodeAtLocation(root, ['env']);
  if (env && env.type !== 'object') {
    const { line, column } = positionAt(text, env.offset);
    throw new UserFacingError(
      `In ${filePath}, "env" (line ${line}, column ${column}) is not a JSON object, so Claude Code environment variables cannot be added to it. ` +
        'The file was left as it is; make "env" an object like { "NAME": "value" } and try again.',
      INVALID_SETTINGS_CODE,
    );
  }
  return { root, env };
}

/** The string value of a property, or undefined when it is absent or not a string. */
export function stringAt(root: Node, path: readonly string[]): string | undefined {
  const node = findNodeAtLocation(root, [...path]);
  // jsonc-parser gives a string value to string nodes only, so the value's type is the node's.
  return typeof node?.value === 'string' ? node.value : undefined;
}

// Keyed by jsonc-parser's names for its (const enum) error codes. InvalidNumberFormat is not
// here: jsonc-parser reports it only after UnexpectedEndOfNumber for the same number, and
// only the first error is described.
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'an unexpected character',
  UnexpectedEndOfNumber: 'a number that is not complete',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing } is expected',
  CloseBracketExpected: 'a closing ] is expected',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  InvalidEscapeCharacter: 'an invalid escape sequence in a string',
  InvalidUnicode: 'an invalid \\u escape in a string',
  InvalidCharacter: 'a character that is not allowed in a string',
};

function describeParseError(code: ParseErrorCode): string {
  const name = printParseErrorCode(code);
  return DESCRIPTIONS[name] ?? name;
}
