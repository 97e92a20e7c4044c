import { byHand, removeLine, type TextFinding } from './textFinding';

/**
 * Finds `NAME=…` (optionally `export NAME=…`) in a `.env` file, the format dotenv,
 * direnv's `dotenv` and VS Code's `envFile` read. A quoted value may span lines there;
 * such an entry is reported but not edited automatically, and its continuation lines
 * are not read as entries. A commented-out entry that still holds a value is removed like
 * an active one: the key is still on disk there.
 */
export function scanDotenvText(text: string, name: string): TextFinding[] {
  const findings: TextFinding[] = [];
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const entry = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\s*=\s*)(.*)$/;
  let openQuote: string | undefined;

  lines.forEach((line, index) => {
    if (openQuote !== undefined) {
      if (closesQuote(line, openQuote, 0)) openQuote = undefined;
      return;
    }
    const commented = /^(\s*#+\s*)(.*)$/.exec(line);
    if (commented) {
      // Stryker disable StringLiteral: the `?? ''` fallbacks here and below never apply; every group of both patterns takes part in a match
      const inner = entry.exec(commented[2] ?? '');
      if (inner?.[2] === name) {
        const column = (commented[1] ?? '').length + (inner[1] ?? '').length + 1;
        findings.push({ line: index + 1, column, commented: true, fix: holdsValue(inner[4] ?? '') ? removeLine() : undefined });
      }
      // Stryker restore StringLiteral
      return;
    }
    const match = entry.exec(line);
    if (!match) return;
    // Stryker disable next-line StringLiteral: see above
    const value = match[4] ?? '';
    const quote = value[0];
    const spansLines = (quote === '"' || quote === "'" || quote === '`') && !closesQuote(value, quote, 1);
    if (spansLines) openQuote = quote;
    if (match[2] !== name) return;
    findings.push({
      line: index + 1,
      // Stryker disable next-line StringLiteral: see above
      column: (match[1] ?? '').length + 1,
      commented: false,
      fix: spansLines ? byHand('its quoted value spans more than one line') : removeLine(),
    });
  });
  return findings;
}

function closesQuote(text: string, quote: string, from: number): boolean {
  // Stryker disable next-line EqualityOperator: text[text.length] is undefined, which matches neither branch
  for (let index = from; index < text.length; index++) {
    if (text[index] === '\\' && quote === '"') index++;
    else if (text[index] === quote) return true;
  }
  return false;
}

/** `X=`, `X=""` and `X= # note` hold nothing; anything else does. */
function holdsValue(value: string): boolean {
  return value.replace(/(?:^|\s)#.*$/, '').replace(/["'`]/g, '').trim() !== '';
}
