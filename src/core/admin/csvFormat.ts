/** One CSV record and the 1-based line of the file it starts on (for messages). */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

export type CsvParseResult = { readonly ok: true; readonly records: readonly CsvRecord[] } | { readonly ok: false; readonly line: number; readonly reason: string };

/**
 * Reads RFC 4180 CSV as spreadsheets export it: a UTF-8 byte-order mark is dropped,
 * CRLF, LF or CR end records, quoted cells may hold commas, quotes (`""`) and line
 * breaks, and blank lines are skipped. Cells are returned as written (not trimmed).
 */
export function parseCsv(text: string): CsvParseResult {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let cellStarted = false;
  let quoteLine = 0;
  const endCell = (): void => {
    cells.push(cell);
    cell = '';
    cellStarted = false;
  };
  const endRecord = (): void => {
    endCell();
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
  };
  for (let i = 0; i < source.length; i++) {
    const char = source.charAt(i);
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
          const next = source[i + 1];
          if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
            return { ok: false, line, reason: 'a closing quote must be followed by a comma or the end of the line (write a quote inside a quoted cell as "")' };
          }
        }
      } else {
        if (char === '\n' || (char === '\r' && source[i + 1] !== '\n')) line++;
        cell += char;
      }
      continue;
    }
    if (char === '"') {
      if (cellStarted) return { ok: false, line, reason: 'a quote may only start a cell; put the whole cell in quotes and double the quotes inside it' };
      quoted = true;
      cellStarted = true;
      quoteLine = line;
    } else if (char === ',') {
      endCell();
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += char;
      cellStarted = true;
    }
  }
  if (quoted) return { ok: false, line: quoteLine, reason: 'a quoted cell is never closed' };
  endRecord();
  return { ok: true, records };
}

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a leading tab or
 * carriage return, which some spreadsheets skip before looking) is prefixed with `'`, as
 * OWASP advises against CSV injection: developer ids and tags come from other people.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Writes rows as CSV with CRLF line ends (RFC 4180), quoting where needed and neutralising formulas. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((cell) => quoteCell(neutraliseFormula(cell))).join(',')).join('\r\n') + '\r\n';
}

function quoteCell(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}
