import { byHand, type TextFinding } from './textFinding';

/**
 * fish keeps universal variables (`set -U`) in `~/.config/fish/fish_variables` and hands
 * the exported ones to every program it starts. fish rewrites that file itself, so it is
 * never edited here; the fix is a fish command.
 */
export function scanFishUniversalVariables(text: string, name: string): TextFinding[] {
  const findings: TextFinding[] = [];
  text.split('\n').forEach((line, index) => {
    // Current format `SETUVAR --export NAME:value`; fish 2 wrote `SET_EXPORT NAME:value`.
    const match = /^(SETUVAR\s+--export\s+|SET_EXPORT\s+)([^:\s]+):/.exec(line);
    if (match?.[2] !== name) return;
    findings.push({
      line: index + 1,
      // Stryker disable next-line StringLiteral: group 1 always takes part in a match
      column: (match[1] ?? '').length + 1,
      commented: false,
      fix: byHand(`fish rewrites this file itself; run "set -e -U ${name}" in a fish shell instead`),
    });
  });
  return findings;
}
