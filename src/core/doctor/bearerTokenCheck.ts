import { activeFindings, BEARER_TOKEN_VARIABLE, harmlessNotes, keysLeftOnDisk, type BearerTokenFinding } from '../bearerToken/bearerTokenFinding';
import { scanForBearerToken } from '../bearerToken/bearerTokenScanner';
import type { CheckContext } from './checkContext';
import type { CheckDefinition, CheckResult } from './checkGraph';
import { removeBearerTokenFix, type SetupCheckLocation } from './setupCheck';

/** No Bedrock API key anywhere Claude Code could pick it up: it would replace the SSO identity. */
export function bearerTokenCheck(context: CheckContext): CheckDefinition {
  return {
    id: 'bearer-token',
    title: `${BEARER_TOKEN_VARIABLE} absent`,
    needs: [],
    timeoutMs: context.timeouts.localMs,
    timeoutAdvice: 'a start-up or settings file may be on a slow or unreachable drive',
    run: () => checkBearerToken(context),
  };
}

async function checkBearerToken(context: CheckContext): Promise<CheckResult> {
  const { environment, logger } = context.options;
  const scan = await scanForBearerToken({ ...context.options.bearerToken, environment, logger });
  const active = activeFindings(scan.findings);
  const onDisk = keysLeftOnDisk(scan.findings);
  const notes = harmlessNotes(scan.findings).length;
  if (active.length > 0) {
    const places = active.map(describePlace).join('; ');
    return {
      status: 'fail',
      detail: `${BEARER_TOKEN_VARIABLE} is set in ${active.length === 1 ? 'one place' : `${active.length} places`} (${places}). While it is, Claude Code signs Bedrock requests with that API key instead of your SSO identity; remove it from each place.`,
      fix: removeBearerTokenFix(BEARER_TOKEN_VARIABLE),
      locations: active.flatMap(location),
    };
  }
  if (onDisk.length > 0) {
    const places = onDisk.map(describePlace).join('; ');
    return {
      status: 'warn',
      detail: `${BEARER_TOKEN_VARIABLE} is not set anywhere Claude Code reads it, but ${onDisk.length === 1 ? 'a commented-out line still holds' : `${String(onDisk.length)} commented-out lines still hold`} its value, so the key is on disk there (${places}); remove ${onDisk.length === 1 ? 'it' : 'them'}.`,
      fix: removeBearerTokenFix(BEARER_TOKEN_VARIABLE),
      locations: onDisk.flatMap(location),
    };
  }
  if (scan.skipped.length > 0) {
    const files = scan.skipped.map((skipped) => `${skipped.file} (${skipped.reason})`).join(', ');
    return { status: 'warn', detail: `${BEARER_TOKEN_VARIABLE} was not found, but these files could not be read and may set it: ${files}.`, locations: scan.skipped.map((s) => ({ file: s.file })) };
  }
  const commented = notes > 0 ? ` (${notes} commented-out ${notes === 1 ? 'line mentions' : 'lines mention'} it, which is harmless)` : '';
  return { status: 'pass', detail: `${BEARER_TOKEN_VARIABLE} is not set anywhere Claude Code reads it${commented}.` };
}

function describePlace(finding: BearerTokenFinding): string {
  if (finding.file === undefined) return finding.source;
  return `${finding.source}, ${finding.file}${finding.line !== undefined ? ` line ${finding.line}` : ''}`;
}

function location(finding: BearerTokenFinding): SetupCheckLocation[] {
  if (finding.file === undefined) return [];
  return [finding.line === undefined ? { file: finding.file } : { file: finding.file, line: finding.line }];
}
