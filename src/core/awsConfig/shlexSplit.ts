/**
 * Python's `shlex.split(text)` (POSIX mode, no comments). The AWS CLI splits section
 * headers such as `[profile "my name"]` with it, so which section is which profile
 * depends on exactly these quoting rules. Returns undefined where Python raises
 * ValueError (unclosed quote, trailing backslash): the CLI then ignores that section.
 */
export function shlexSplit(text: string): string[] | undefined {
  const whitespace = ' \t\r\n';
  const tokens: string[] = [];
  let token = '';
  let inToken = false;
  let quote: '"' | "'" | undefined;

  // Stryker disable next-line EqualityOperator: one step past the end reads '', which counts as a blank and ends a token that the end would end anyway.
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else token += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') {
        quote = undefined;
      } else if (char === '\\') {
        // At the very end this reads '' and the quote stays open: refused below.
        const next = text.charAt(++index);
        // Inside double quotes a backslash only escapes `"` and itself.
        token += next === '"' || next === '\\' ? next : `\\${next}`;
      } else {
        token += char;
      }
      continue;
    }
    if (whitespace.includes(char)) {
      if (inToken) tokens.push(token);
      token = '';
      inToken = false;
    } else if (char === '"' || char === "'") {
      quote = char;
      inToken = true;
    } else if (char === '\\') {
      if (index + 1 >= text.length) return undefined;
      token += text.charAt(++index);
      inToken = true;
    } else {
      token += char;
      inToken = true;
    }
  }
  if (quote !== undefined) return undefined;
  if (inToken) tokens.push(token);
  return tokens;
}
