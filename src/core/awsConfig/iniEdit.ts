import { leadingWhitespace, parseIni, serializeIni, type IniDocument, type IniEntry, type IniLine, type IniSection } from './iniDocument';
import { pythonStrip } from './pythonWhitespace';
import { sdkSectionValues, sdkStateAfter } from './sdkLineState';
import { canonicalHeader, cliSectionIdentity, sameIdentity, sdkSectionIdentity } from './sectionIdentity';

export interface SectionTarget {
  readonly kind: 'profile' | 'sso-session';
  readonly name: string;
}

export interface KeyWrite {
  readonly key: string;
  readonly value: string;
  /** When an existing value means the same (e.g. a start URL with a trailing `#/`), it is kept as written. */
  readonly sameAs?: (existing: string) => boolean;
}

export interface KeyUpdate {
  readonly key: string;
  readonly previous: string;
  readonly value: string;
}

export interface SectionEdit {
  readonly text: string;
  readonly action: 'added' | 'updated' | 'unchanged';
  /** The header as written after the edit (without brackets). */
  readonly header: string;
  readonly added: readonly string[];
  readonly updated: readonly KeyUpdate[];
  readonly unchanged: readonly string[];
  /** Earlier copies of keys we set, removed because the CLI refuses a key set twice. */
  readonly removedDuplicates: readonly string[];
  /** Set when a header only one of the CLI and the SDK understood was rewritten. */
  readonly headerRewritten?: { readonly from: string; readonly to: string };
  /**
   * Set when the CLI and the SDK may read different values: the header could not be made
   * readable by both without creating a duplicate, another header shadows it for the SDK,
   * or no line of the section is read as part of it by both.
   */
  readonly ambiguousHeader?: string;
}

/**
 * The section the AWS CLI reads for `target`. botocore keeps sections in the order their
 * header first appears (copies of one header are merged, later keys winning), and the
 * last header naming the profile wins; so: the header naming `target` that first
 * appears last, and of that header its last copy.
 */
export function findTargetSection(doc: IniDocument, target: SectionTarget): IniSection | undefined {
  const seen = new Set<string>();
  let winner: string | undefined;
  for (const { header } of doc.sections) {
    if (seen.has(header)) continue;
    seen.add(header);
    if (sameIdentity(cliSectionIdentity(header), target)) winner = header;
  }
  const copies = doc.sections.filter((section) => section.header === winner);
  return copies[copies.length - 1];
}

/**
 * Sets `writes` in the section for `target`, creating the section at the end of the file
 * if there is none, and changes nothing else: every other line keeps its bytes.
 *
 * Rules (mirroring `aws configure set` where it is sensible, fixing it where it is not):
 * an existing key is rewritten in place as `key = value` with its indentation kept (its
 * continuation lines go; an inline comment, which the CLI would read as part of the
 * value, is kept as a comment line just above); missing keys are inserted together
 * after the section's last key; a new section is appended after the last line, in the
 * CLI's format (`[header]` then `key = value` lines, no blank line). New lines use the
 * file's dominant line ending. A missing final newline stays missing unless lines are
 * added after the last line.
 */
export function writeSectionValues(text: string, target: SectionTarget, writes: readonly KeyWrite[]): SectionEdit {
  const original = parseIni(text);
  const found = findTargetSection(original, target);
  if (!found) return appendSection(original, target, writes);
  const header = rewriteHeaderIfNeeded(original, found, target);
  // Re-parsed so the SDK's view below sees the new header; line numbers do not move.
  const doc = header.rewritten ? parseIni(serializeIni(original.bom, header.lines)) : original;
  const section = header.rewritten ? (findTargetSection(doc, target) ?? found) : found;
  return settle(doc, section, target, writes, header);
}

/**
 * Removing an updated key's continuation lines can change where the SDK reads the rest
 * of the section, so the edit is repeated on its own result until nothing moves (at most
 * twice more); the first pass's report is kept, since that is what the user changed.
 * The result is checked against the SDK's own reading: where it differs, the edit is
 * flagged as ambiguous rather than silently trusted.
 */
function settle(doc: IniDocument, section: IniSection, target: SectionTarget, writes: readonly KeyWrite[], header: HeaderResult): SectionEdit {
  const first = editSection(doc, section, target, writes, header);
  let text = first.text;
  for (let pass = 0; pass < 2; pass++) {
    const again = parseIni(text);
    const next = findTargetSection(again, target);
    if (!next) break;
    const redone = editSection(again, next, target, writes, { header: first.header, lines: again.lines });
    // Stryker disable next-line ConditionalExpression: redoing a stable text gives the same text again, so not stopping early changes nothing
    if (redone.text === text) break;
    text = redone.text;
  }
  const sdkView = sdkSectionValues(parseIni(text), target);
  const sdkAgrees = writes.every((write) => {
    const value = sdkView.get(write.key);
    return value !== undefined && (write.sameAs ?? ((existing: string) => existing === write.value))(value);
  });
  const ambiguous = first.ambiguousHeader ?? (sdkAgrees ? undefined : first.header);
  return { ...first, text, ...(ambiguous !== undefined ? { ambiguousHeader: ambiguous } : {}) };
}

function appendSection(doc: IniDocument, target: SectionTarget, writes: readonly KeyWrite[]): SectionEdit {
  const lines = [...doc.lines];
  const last = lines[lines.length - 1];
  if (last && last.terminator === '') lines[lines.length - 1] = { text: last.text, terminator: doc.eol };
  const header = canonicalHeader(target);
  lines.push({ text: `[${header}]`, terminator: doc.eol });
  for (const write of writes) lines.push({ text: `${write.key} = ${write.value}`, terminator: doc.eol });
  return {
    text: serializeIni(doc.bom, lines),
    action: 'added',
    header,
    added: writes.map((write) => write.key),
    updated: [],
    unchanged: [],
    removedDuplicates: [],
  };
}

interface LineEdits {
  readonly replace: Map<number, IniLine[]>;
  readonly insertAfter: Map<number, IniLine[]>;
  readonly remove: Set<number>;
}

interface HeaderResult {
  readonly header: string;
  readonly lines: readonly IniLine[];
  readonly rewritten?: { readonly from: string; readonly to: string };
  readonly ambiguous?: string;
}

function editSection(doc: IniDocument, section: IniSection, target: SectionTarget, writes: readonly KeyWrite[], headerResult: HeaderResult): SectionEdit {
  const edits: LineEdits = { replace: new Map(), insertAfter: new Map(), remove: new Set() };
  const added: string[] = [];
  const updated: KeyUpdate[] = [];
  const unchanged: string[] = [];
  const removedDuplicates: string[] = [];
  const toInsert: KeyWrite[] = [];
  // With an ambiguous header the SDK reads another section anyway; then follow the CLI alone.
  // Stryker disable next-line StringLiteral: the header line exists; the fallback only narrows the type
  const sdkApplies = sameIdentity(sdkSectionIdentity(doc.lines[section.headerLine]?.text ?? ''), target);
  const insertion = insertionPoint(doc, section, sdkApplies ? target : undefined);

  for (const write of writes) {
    const matches = section.entries.filter((entry) => entry.key === write.key);
    const keep = matches[matches.length - 1];
    if (!keep) {
      toInsert.push(write);
      added.push(write.key);
      continue;
    }
    for (const duplicate of matches.slice(0, -1)) {
      for (const line of linesOf(duplicate)) edits.remove.add(line);
      removedDuplicates.push(write.key);
    }
    const sameAs = write.sameAs ?? ((existing: string) => existing === write.value);
    // Stryker disable next-line StringLiteral: the key's line exists; the fallback only narrows the type
    const keyLine = doc.lines[keep.line] ?? { text: '', terminator: '' };
    // Where no line suits the SDK, moving the key would not help it: follow the CLI alone.
    const sdkSeesHere = !sdkApplies || insertion.sdkMisreads === true || sdkReadsInTarget(doc, keep, target);
    if (keep.continuationLines.length === 0 && sameAs(keep.value) && sdkSeesHere && sdkReadsAs(keyLine.text, write.key, sameAs)) {
      unchanged.push(write.key);
      continue;
    }
    updated.push({ key: write.key, previous: keep.value, value: write.value });
    for (const line of keep.continuationLines) edits.remove.add(line);
    const comment = inlineComment(keyLine.text);
    if (!sdkSeesHere) {
      // The SDK would read this line as part of another section or a sub-section, so
      // the key moves to where both readers see it (its comment stays where it was).
      if (comment !== undefined) edits.replace.set(keep.line, [{ text: `${keep.indent}${comment}`, terminator: keyLine.terminator }]);
      else edits.remove.add(keep.line);
      toInsert.push(write);
      continue;
    }
    const replacement: IniLine[] = [];
    if (comment !== undefined) replacement.push({ text: `${keep.indent}${comment}`, terminator: doc.eol });
    replacement.push({ text: `${keep.indent}${write.key} = ${write.value}`, terminator: keyLine.terminator });
    edits.replace.set(keep.line, replacement);
  }

  if (toInsert.length > 0) {
    edits.insertAfter.set(
      insertion.anchor,
      toInsert.map((write) => ({ text: `${insertion.indent}${write.key} = ${write.value}`, terminator: doc.eol })),
    );
  }

  const changed = added.length > 0 || updated.length > 0 || removedDuplicates.length > 0 || headerResult.rewritten !== undefined;
  return {
    text: changed ? applyEdits(doc, edits) : serializeIni(doc.bom, doc.lines),
    action: changed ? 'updated' : 'unchanged',
    header: headerResult.header,
    added,
    updated,
    unchanged,
    removedDuplicates,
    ...(headerResult.rewritten ? { headerRewritten: headerResult.rewritten } : {}),
    ...(headerResult.ambiguous !== undefined ? { ambiguousHeader: headerResult.ambiguous } : {}),
  };
}

/** Whether the JavaScript SDK reads `entry`'s line as a top-level key of `target`. */
function sdkReadsInTarget(doc: IniDocument, entry: IniEntry, target: SectionTarget): boolean {
  const state = sdkStateAfter(doc, entry.line - 1);
  return sameIdentity(state.section, target) && (entry.indent === '' || !state.subsectionOpen);
}

/**
 * Where missing keys go: after the section's last key (as `aws configure set` does),
 * with that key's indentation. A new key then leaves configparser in the state the old
 * last key left it in, so no following line changes meaning. When the JavaScript SDK
 * would not read a key there as part of this section (an indented `[x]` folded into a
 * value, an open `s3 =` sub-section), the end of an earlier key where it would is used,
 * or else the header line.
 * A section without keys gets them after its last non-comment line, indented like the
 * next header, so nothing after them can become their continuation.
 */
function insertionPoint(doc: IniDocument, section: IniSection, target: SectionTarget | undefined): { anchor: number; indent: string; sdkMisreads?: true } {
  const ends = section.entries.map((entry) => {
    const anchor = Math.max(entry.line, ...entry.continuationLines);
    return { anchor, indent: shorter(entry.indent, indentLevelAt(doc, entry, anchor)) };
  });
  const last = ends[ends.length - 1];
  if (last) {
    if (!target) return last;
    const readable = [...ends].reverse().find(({ anchor, indent }) => {
      const state = sdkStateAfter(doc, anchor);
      return sameIdentity(state.section, target) && (indent === '' || !state.subsectionOpen);
    });
    if (readable) return readable;
    // No key ends where the SDK still reads this section (say an indented `[x]` follows
    // the only key): right after the header both readers are in it, unless the first
    // line there is one configparser rejects, which would leave our key open to swallow
    // the indented lines after it. Then no place suits both readers.
    const first = firstSignificantLine(doc, section.headerLine);
    // Stryker disable next-line StringLiteral: line `first` exists; the fallback only narrows the type
    if (first !== undefined && doc.kinds[first] === 'option') return { anchor: section.headerLine, indent: leadingWhitespace(doc.lines[first]?.text ?? '') };
    return { ...last, sdkMisreads: true };
  }
  let anchor = section.headerLine;
  for (let line = anchor; line < section.endLine; line++) {
    if (doc.kinds[line] !== 'blank' && doc.kinds[line] !== 'comment') anchor = line;
  }
  return { anchor, indent: nextSignificantIndent(doc, anchor) };
}

/**
 * A header like `[profile  x]` (two blanks) is profile x for the CLI but not for the
 * SDK; rewrite it to the form both read, unless that exact header already exists
 * elsewhere (the CLI would then refuse the file as a duplicate).
 */
function rewriteHeaderIfNeeded(doc: IniDocument, section: IniSection, target: SectionTarget): HeaderResult {
  // Stryker disable next-line StringLiteral: the header line exists; the fallback only narrows the type
  const line = doc.lines[section.headerLine] ?? { text: '', terminator: '' };
  if (sameIdentity(sdkSectionIdentity(line.text), target)) return { header: section.header, lines: doc.lines };
  const canonical = canonicalHeader(target);
  if (doc.sections.some((other) => other !== section && other.header === canonical)) {
    return { header: section.header, lines: doc.lines, ambiguous: section.header };
  }
  // Stryker disable next-line StringLiteral: a header line always has a closing bracket, so the pattern always matches
  const trailing = /\][^\]]*$/.exec(pythonStrip(line.text))?.[0].slice(1) ?? '';
  const keptComment = /^\s+[#;][^\]]*$/.test(trailing) ? trailing : '';
  const text = `[${canonical}]${keptComment}`;
  const lines = doc.lines.map((current, index) => (index === section.headerLine ? { text, terminator: current.terminator } : current));
  return { header: canonical, lines, rewritten: { from: pythonStrip(line.text), to: text } };
}

function linesOf(entry: IniEntry): number[] {
  return [entry.line, ...entry.continuationLines];
}

/**
 * Whether the AWS SDK for JavaScript reads this line as `key` with a value `sameAs`
 * accepts: it needs `=` (not `:`), the exact key spelling, and it cuts ` #` comments.
 */
function sdkReadsAs(lineText: string, key: string, sameAs: (value: string) => boolean): boolean {
  // Stryker disable next-line StringLiteral,MethodExpression,Regex: split gives at least one part; key and value are trimmed below; a key line never starts with # or ;
  const trimmed = (lineText.split(/(?:^|\s)[;#]/)[0] ?? '').trim();
  const equals = trimmed.indexOf('=');
  // Stryker disable next-line EqualityOperator: a key line never starts with =, so equals is never 0
  if (equals <= 0) return false;
  return trimmed.slice(0, equals).trim() === key && sameAs(trimmed.slice(equals + 1).trim());
}

/** The ` # ...` / ` ; ...` tail of a `key = value` line, which the CLI reads as value. */
function inlineComment(lineText: string): string | undefined {
  const delimiter = lineText.search(/[=:]/);
  const afterDelimiter = lineText.slice(delimiter + 1);
  const match = /(?:^|\s)([;#].*)$/.exec(afterDelimiter);
  return match?.[1];
}

/**
 * configparser's indentation level after `anchor`, the last line of `entry`: set by the
 * key's own line or a rejected line after it (no other key comes between). A rejected line
 * can lower it below the key's own indentation, and a new key indented deeper than the
 * level would become that key's continuation.
 */
function indentLevelAt(doc: IniDocument, entry: IniEntry, anchor: number): string {
  for (let index = anchor; doc.kinds[index] !== 'option'; index--) {
    // Stryker disable next-line StringLiteral: the line exists; the fallback only narrows the type
    if (doc.kinds[index] === 'invalid') return leadingWhitespace(doc.lines[index]?.text ?? '');
  }
  return entry.indent;
}

function shorter(a: string, b: string): string {
  return b.length < a.length ? b : a;
}

/** The first line after `line` that configparser does not skip. */
function firstSignificantLine(doc: IniDocument, line: number): number | undefined {
  for (let index = line + 1; index < doc.lines.length; index++) {
    const kind = doc.kinds[index];
    if (kind !== 'blank' && kind !== 'comment') return index;
  }
  return undefined;
}

/** Indentation of the first line after `line` that configparser does not skip. */
function nextSignificantIndent(doc: IniDocument, line: number): string {
  const next = firstSignificantLine(doc, line);
  // Stryker disable next-line StringLiteral: line `next` exists and any non-empty stand-in would not be whitespace
  return next === undefined ? '' : leadingWhitespace(doc.lines[next]?.text ?? '');
}

function applyEdits(doc: IniDocument, edits: LineEdits): string {
  const out: IniLine[] = [];
  doc.lines.forEach((line, index) => {
    const inserted = edits.insertAfter.get(index);
    if (!edits.remove.has(index)) {
      const replacement = edits.replace.get(index) ?? [line];
      // Only the file's last line lacks a terminator; lines inserted after it need one.
      out.push(...replacement.map((current) => (inserted && current.terminator === '' ? { text: current.text, terminator: doc.eol } : current)));
    }
    if (inserted) out.push(...inserted);
  });
  return serializeIni(doc.bom, out);
}
