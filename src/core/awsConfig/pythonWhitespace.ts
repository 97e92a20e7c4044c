/**
 * Whitespace exactly as Python's `str.strip()` / `str.isspace()` and `re`'s `\s` see it.
 * The AWS CLI reads `~/.aws/config` with Python's configparser, so indentation and
 * trimming must follow Python, not JavaScript: JS `trim()` also strips U+FEFF (a BOM)
 * but not U+001C–U+001F or U+0085, which Python does.
 */
const PYTHON_SPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** `charAt` outside the text gives '', which is no space: the loops below stop at both ends by themselves. */
export function isPythonSpace(char: string): boolean {
  return PYTHON_SPACE.has(char.charCodeAt(0));
}

export function pythonStrip(text: string): string {
  const right = pythonRstrip(text);
  return right.slice(pythonIndent(right));
}

export function pythonRstrip(text: string): string {
  let end = text.length;
  while (isPythonSpace(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** Index of the first non-whitespace character (configparser's indentation level). */
export function pythonIndent(text: string): number {
  let index = 0;
  while (isPythonSpace(text.charAt(index))) index++;
  return index;
}
