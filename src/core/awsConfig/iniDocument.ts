import { pythonIndent, pythonRstrip, pythonStrip } from './pythonWhitespace';

/**
 * A lossless model of an INI file as the AWS CLI reads it.
 *
 * Written by hand rather than with an npm INI library: the ones available (`ini`,
 * `ini-api`, `config-ini-parser`, ...) either drop comments, re-join lines with one line
 * ending (losing CRLF/LF mixes, a BOM or a missing final newline), or ignore Python
 * configparser's rules (indented continuation lines, `:` as a delimiter, lower-cased
 * keys, `[ profile x ]` vs `[profile x]`). Here every line keeps its exact text and
 * terminator, so unchanged lines are written back byte for byte, and the structure is
 * computed with configparser's own rules (RawConfigParser defaults: strict, comment
 * prefixes `#` and `;` on full lines only, empty lines allowed in values).
 */

export type LineTerminator = '\r\n' | '\n' | '\r' | '';

export interface IniLine {
  /** The line without its terminator (and without the BOM on line 0). */
  readonly text: string;
  readonly terminator: LineTerminator;
}

export type IniLineKind = 'blank' | 'comment' | 'header' | 'option' | 'continuation' | 'invalid';

export interface IniEntry {
  /** Lower-cased, as configparser's `optionxform` stores it. */
  readonly key: string;
  /** Index of the `key = value` line. */
  readonly line: number;
  /** Indented lines configparser appends to this value (blank and comment lines excluded). */
  readonly continuationLines: readonly number[];
  /** The value configparser returns: first line and continuations joined with `\n`. */
  readonly value: string;
  /** The whitespace before the key. */
  readonly indent: string;
}

export interface IniSection {
  /** configparser's section name: everything between `[` and the last `]` on the line. */
  readonly header: string;
  readonly headerLine: number;
  /** Exclusive: the next header's line, or the number of lines. */
  readonly endLine: number;
  readonly entries: readonly IniEntry[];
}

export type IniDiagnosticCode =
  | 'byte-order-mark'
  | 'missing-section-header'
  | 'invalid-line'
  | 'duplicate-section'
  | 'duplicate-key'
  | 'default-section'
  | 'invalid-nested-value';

export interface IniDiagnostic {
  readonly code: IniDiagnosticCode;
  /** Zero-based line index. */
  readonly line: number;
  /** Whether the AWS CLI refuses the whole file because of it ("Unable to parse config file"). */
  readonly fatalForCli: boolean;
  readonly detail: string;
}

export interface IniDocument {
  readonly bom: boolean;
  readonly lines: readonly IniLine[];
  readonly kinds: readonly IniLineKind[];
  readonly sections: readonly IniSection[];
  /** The line ending new lines should use: the one the file uses most (LF for a new file). */
  readonly eol: Exclude<LineTerminator, ''>;
  readonly diagnostics: readonly IniDiagnostic[];
}

const BOM = '\ufeff';
const HEADER = /^\[([\s\S]+)\]/;

/** Splits on `\r\n`, `\n` and a lone `\r`, as Python's universal newlines do. */
export function splitLines(text: string): IniLine[] {
  const lines: IniLine[] = [];
  const pattern = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    lines.push({ text: text.slice(start, match.index), terminator: match[0] as LineTerminator });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), terminator: '' });
  return lines;
}

export function serializeIni(bom: boolean, lines: readonly IniLine[]): string {
  return (bom ? BOM : '') + lines.map((line) => line.text + line.terminator).join('');
}

/** The whitespace before the first non-blank character. */
export function leadingWhitespace(text: string): string {
  return text.slice(0, pythonIndent(text));
}

/** configparser's section name for a header line, or undefined if the line is no header. */
export function headerName(strippedLine: string): string | undefined {
  return HEADER.exec(strippedLine)?.[1];
}

function dominantEol(lines: readonly IniLine[]): IniDocument['eol'] {
  const counts = new Map<IniDocument['eol'], number>();
  for (const line of lines) if (line.terminator !== '') counts.set(line.terminator, (counts.get(line.terminator) ?? 0) + 1);
  let best: IniDocument['eol'] = '\n';
  let bestCount = 0;
  for (const [eol, count] of counts) {
    if (count > bestCount) {
      best = eol;
      bestCount = count;
    }
  }
  return best;
}

interface MutableEntry {
  key: string;
  line: number;
  continuationLines: number[];
  parts: string[];
  indent: string;
}

interface MutableSection {
  header: string;
  headerLine: number;
  entries: MutableEntry[];
}

export function parseIni(input: string): IniDocument {
  const bom = input.startsWith(BOM);
  const lines = splitLines(bom ? input.slice(1) : input);
  const kinds: IniLineKind[] = [];
  const sections: MutableSection[] = [];
  const diagnostics: IniDiagnostic[] = [];
  if (bom) {
    diagnostics.push({ code: 'byte-order-mark', line: 0, fatalForCli: true, detail: 'the file starts with a UTF-8 byte order mark' });
  }

  const seenHeaders = new Set<string>();
  let section: MutableSection | undefined;
  let seenKeys = new Set<string>();
  let entry: MutableEntry | undefined;
  let indentLevel = 0;
  let missingHeaderReported = false;

  lines.forEach((line, index) => {
    const stripped = pythonStrip(line.text);
    if (stripped.startsWith('#') || stripped.startsWith(';')) {
      kinds.push('comment');
      return;
    }
    if (stripped === '') {
      // configparser keeps empty lines inside a value; trailing ones are stripped at the end.
      entry?.parts.push('');
      kinds.push('blank');
      return;
    }
    const indent = pythonIndent(line.text);
    // `entry` is only ever set inside a section.
    if (entry && indent > indentLevel) {
      entry.parts.push(stripped);
      entry.continuationLines.push(index);
      kinds.push('continuation');
      return;
    }
    indentLevel = indent;
    const header = headerName(stripped);
    if (header !== undefined) {
      kinds.push('header');
      if (header === 'DEFAULT') {
        diagnostics.push({ code: 'default-section', line: index, fatalForCli: false, detail: 'keys in [DEFAULT] are inherited by every section' });
      } else if (seenHeaders.has(header)) {
        diagnostics.push({ code: 'duplicate-section', line: index, fatalForCli: true, detail: `[${header}] appears more than once` });
      }
      seenHeaders.add(header);
      section = { header, headerLine: index, entries: [] };
      sections.push(section);
      seenKeys = new Set(sections.filter((other) => other.header === header).flatMap((other) => other.entries.map((e) => e.key)));
      entry = undefined;
      return;
    }
    if (!section) {
      kinds.push('invalid');
      if (!missingHeaderReported) {
        diagnostics.push({ code: 'missing-section-header', line: index, fatalForCli: true, detail: 'a line comes before the first [section] header' });
        missingHeaderReported = true;
      }
      return;
    }
    const delimiter = stripped.search(/[=:]/);
    // Stryker disable next-line EqualityOperator: at 0 the slice before the delimiter is '' either way.
    const key = delimiter > 0 ? pythonRstrip(stripped.slice(0, delimiter)).toLowerCase() : '';
    if (key === '') {
      // configparser records the error and keeps going; the value being continued stays open.
      kinds.push('invalid');
      diagnostics.push({ code: 'invalid-line', line: index, fatalForCli: true, detail: 'a line has no "key = value" form' });
      if (delimiter === 0) entry = undefined;
      return;
    }
    if (seenKeys.has(key)) {
      diagnostics.push({ code: 'duplicate-key', line: index, fatalForCli: true, detail: `"${key}" is set twice in [${section.header}]` });
    }
    seenKeys.add(key);
    entry = { key, line: index, continuationLines: [], parts: [pythonStrip(stripped.slice(delimiter + 1))], indent: leadingWhitespace(line.text) };
    section.entries.push(entry);
    kinds.push('option');
  });

  const frozen: IniSection[] = sections.map((current, index) => ({
    header: current.header,
    headerLine: current.headerLine,
    endLine: sections[index + 1]?.headerLine ?? lines.length,
    entries: current.entries.map((e) => ({
      key: e.key,
      line: e.line,
      continuationLines: e.continuationLines,
      value: pythonRstrip(e.parts.join('\n')),
      indent: e.indent,
    })),
  }));
  return { bom, lines, kinds, sections: frozen, eol: dominantEol(lines), diagnostics };
}
