import { createScanner, findNodeAtLocation, type Node } from 'jsonc-parser';
import { parseJsonText } from '../claudeSettings/settingsDocument';

/**
 * Deletes one object member from JSON(C) text and touches nothing else.
 *
 * jsonc-parser's `modify` re-formats the lines around an edit, which rewrites a compact
 * one-line file completely; here only the member, the comma that separated it and (when
 * it sat on a line of its own) that line go. An object left with nothing but whitespace
 * becomes `{}`. Comments around the member are kept.
 */

interface Edit {
  readonly start: number;
  readonly end: number;
}

export function removeJsonMember(text: string, jsonPath: readonly string[]): string {
  const { root } = parseJsonText(text);
  const value = root ? findNodeAtLocation(root, [...jsonPath]) : undefined;
  const member = value?.parent;
  const object = member?.parent;
  if (member?.type !== 'property' || object?.type !== 'object') return text;

  const siblings = object.children ?? [];
  const index = siblings.indexOf(member);
  const start = member.offset;
  const end = member.offset + member.length;
  const ownLine = isBlankBefore(text, start) && isBlankAfter(text, end, commaAfter(text, end));
  const edits: Edit[] = [];

  const following = commaAfter(text, end);
  if (following !== undefined) {
    // Followed by a comma (a next member, or a trailing comma): take the comma with it.
    edits.push(ownLine ? wholeLines(text, start, following + 1) : { start, end: skipSpaces(text, following + 1) });
  } else {
    const previous = siblings[index - 1]; // undefined for the first member
    const before = previous ? commaAfter(text, previous.offset + previous.length) : undefined;
    if (before !== undefined) edits.push({ start: before, end: before + 1 });
    edits.push(ownLine ? wholeLines(text, start, end) : { start: before === undefined ? start : skipSpacesBack(text, start), end });
  }

  let result = applyRemovals(text, edits);
  // Stryker disable next-line ConditionalExpression: with other members left the object is never blank, so collapsing is a no-op
  if (siblings.length === 1) result = collapseBlankObject(result, object, text.length - result.length);
  return result;
}

/** Offset of a comma that directly follows `from` (comments and whitespace allowed in between). */
function commaAfter(text: string, from: number): number | undefined {
  const scanner = createScanner(text, true);
  scanner.setPosition(from);
  scanner.scan();
  // Compared by text: SyntaxKind is a const enum, which isolated modules cannot read.
  const offset = scanner.getTokenOffset();
  return text[offset] === ',' ? offset : undefined;
}

function isBlankBefore(text: string, offset: number): boolean {
  return text.slice(lineStart(text, offset), offset).trim() === '';
}

function lineStart(text: string, offset: number): number {
  // Stryker disable next-line ArithmeticOperator: offset is a member's opening quote, never a line break, so offset + 1 finds the same one
  const lineBreak = text.lastIndexOf('\n', offset - 1);
  return lineBreak + 1;
}

function isBlankAfter(text: string, offset: number, comma: number | undefined): boolean {
  const from = comma === undefined ? offset : comma + 1;
  const newline = text.indexOf('\n', from);
  return text.slice(from, newline === -1 ? text.length : newline).trim() === '' && (comma === undefined || text.slice(offset, comma).trim() === '');
}

function wholeLines(text: string, start: number, end: number): Edit {
  const newline = text.indexOf('\n', end);
  return { start: lineStart(text, start), end: newline === -1 ? text.length : newline + 1 };
}

function skipSpaces(text: string, offset: number): number {
  let index = offset;
  while (text[index] === ' ' || text[index] === '\t') index++;
  return index;
}

function skipSpacesBack(text: string, offset: number): number {
  let index = offset;
  while (text[index - 1] === ' ' || text[index - 1] === '\t') index--;
  return index;
}

function applyRemovals(text: string, edits: readonly Edit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + result.slice(edit.end);
  return result;
}

function collapseBlankObject(text: string, object: Node, removed: number): string {
  const open = object.offset;
  const close = object.offset + object.length - 1 - removed;
  // `open` is the object's own brace; `close` is not a brace when the object was never closed.
  if (text[close] !== '}' || text.slice(open + 1, close).trim() !== '') return text;
  return `${text.slice(0, open + 1)}${text.slice(close)}`;
}
