/**
 * Python's `json.dumps` with its defaults (`ensure_ascii=True`, separators `", "` and
 * `": "`). The AWS CLI derives a cache file name from this exact text, so the client
 * registration key is only right if every byte matches; writing cache files the same
 * way also makes them identical to the ones the CLI writes.
 */
export function pythonJsonDumps(value: unknown, options: { readonly sortKeys?: boolean } = {}): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map((item: unknown) => pythonJsonDumps(item, options)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    if (options.sortKeys === true) entries.sort(([a], [b]) => comparePythonStrings(a, b));
    return `{${entries.map(([key, item]) => `${pythonString(key)}: ${pythonJsonDumps(item, options)}`).join(', ')}}`;
  }
  throw new TypeError(`Cannot serialise a ${typeof value} as JSON`);
}

/** Everything outside printable ASCII becomes `\uxxxx` (lower-case hex, per UTF-16 unit). */
function pythonString(text: string): string {
  // Built per call, not once per module, so a mutation test run can see a change to it.
  const shortEscapes: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
  // split('') cuts between UTF-16 units, so each half of a surrogate pair is escaped on its own, as Python does.
  const escaped = text.split('').map((unit) => {
    const code = unit.charCodeAt(0);
    return shortEscapes[unit] ?? (code < 0x20 || code > 0x7e ? `\\u${code.toString(16).padStart(4, '0')}` : unit);
  });
  return `"${escaped.join('')}"`;
}

/**
 * A whole number as Python prints an int (every digit: JavaScript switches to an
 * exponent at 1e21); any other number as Python's float repr, which has the same
 * shortest digits but an exponent below 1e-4 (JavaScript: below 1e-6) with at least two
 * exponent digits. NaN and ±Infinity come out as Python spells them on either path.
 * (Numbers only occur in unknown fields we carry over.)
 */
function pythonNumber(value: number): string {
  if (Number.isInteger(value)) return BigInt(value).toString();
  if (Math.abs(value) >= 1e-4) return String(value);
  return value.toExponential().replace(/e-(\d)$/, 'e-0$1');
}

/** Python orders strings by code point, JavaScript's `<` by UTF-16 unit. */
function comparePythonStrings(a: string, b: string): number {
  const right = Array.from(b, codePoint);
  let index = 0;
  for (const left of Array.from(a, codePoint)) {
    const other = right[index++];
    if (other === undefined) return 1;
    if (left !== other) return left - other;
  }
  return index - right.length;
}

function codePoint(char: string): number {
  return char.codePointAt(0) ?? 0;
}
