import { redactSecrets } from '../secrets/redact';
import { setupPassed, type SetupCheck, type SetupCheckStatus } from './setupCheck';

export const STATUS_ICONS: Readonly<Record<SetupCheckStatus, string>> = { pass: '✓', warn: '⚠', fail: '✗', skip: '–' };

/**
 * The report as plain text: for the terminal and for "Copy report", to paste into a
 * support ticket. Secrets that reached any sentence are masked once more on the way out.
 */
export function formatSetupReportText(checks: readonly SetupCheck[], heading?: string): string {
  const lines: string[] = heading === undefined ? [] : [heading, ''];
  for (const check of checks) {
    lines.push(`${STATUS_ICONS[check.status]} ${check.title}: ${check.detail}`);
    for (const location of check.locations ?? []) {
      if (check.status === 'pass') break;
      lines.push(`    at ${location.file}${location.line !== undefined ? `:${location.line}` : ''}`);
    }
    if (check.fix && check.status !== 'pass') lines.push(`    Fix: ${check.fix.title}${check.fix.cli ? ` (run: ${check.fix.cli})` : ''}`);
  }
  lines.push('', summaryLine(checks));
  return redactSecrets(`${lines.join('\n')}\n`);
}

export function summaryLine(checks: readonly SetupCheck[]): string {
  const count = (status: SetupCheckStatus): number => checks.filter((c) => c.status === status).length;
  const warnings = count('warn');
  const tally = `${count('pass')} passed, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${count('fail')} failed, ${count('skip')} skipped`;
  return setupPassed(checks) ? `Claude Code on Bedrock is ready (${tally}).` : `Claude Code on Bedrock will not work until the failures are fixed (${tally}).`;
}

/** The `--json` shape: `{ checks: [{ id, status, title, detail, locations, fix? }] }`, secrets masked. */
export function setupReportJson(checks: readonly SetupCheck[]): string {
  const shaped = checks.map((check) => ({
    id: check.id,
    status: check.status,
    title: check.title,
    detail: redactSecrets(check.detail),
    locations: (check.locations ?? []).map((l) => ({ file: l.file, line: l.line ?? null })),
    ...(check.fix ? { fix: check.fix } : {}),
    ...(check.durationMs !== undefined ? { durationMs: check.durationMs } : {}),
  }));
  return `${JSON.stringify({ ok: setupPassed(checks), checks: shaped }, null, 2)}\n`;
}
