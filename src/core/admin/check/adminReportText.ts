import { STATUS_ICONS } from '../../doctor/setupReportText';
import { redactSecrets } from '../../secrets/redact';
import type { SetupCheckStatus } from '../../doctor/setupCheck';
import { adminPassed, type AdminCheck } from './adminCheck';

/** The admin report as text, in the doctor's layout (icon, title, sentence, fix). */
export function formatAdminReportText(checks: readonly AdminCheck[], heading?: string): string {
  const lines: string[] = heading === undefined ? [] : [heading, ''];
  for (const check of checks) {
    lines.push(`${STATUS_ICONS[check.status]} ${check.title}: ${check.detail}`);
    if (check.status === 'pass') continue;
    if (check.repair) lines.push(`    Fix: ${check.repair.title} (run: bedrock-onboard admin check --fix)`);
    else if (check.fix) lines.push(`    Fix: ${check.fix.title}${check.fix.cli ? ` (run: ${check.fix.cli})` : ''}`);
  }
  lines.push('', adminSummaryLine(checks));
  return redactSecrets(`${lines.join('\n')}\n`);
}

export function adminSummaryLine(checks: readonly AdminCheck[]): string {
  const count = (status: SetupCheckStatus): number => checks.filter((c) => c.status === status).length;
  const tally = `${count('pass')} passed, ${count('warn')} warning(s), ${count('fail')} failed, ${count('skip')} skipped`;
  const fixable = checks.filter((c) => c.status !== 'pass' && c.repair).length;
  return adminPassed(checks)
    ? `The organisation's setup is complete (${tally}).`
    : `Developers will meet failures until these are fixed (${tally})${fixable > 0 ? `; ${fixable} can be fixed with --fix` : ''}.`;
}

/** `--json`: `{ ok, checks: [{ id, title, status, detail, fix?, repair? }] }`. */
export function adminReportJson(checks: readonly AdminCheck[], applied?: readonly AppliedRepair[]): string {
  const shaped = checks.map((c) => ({
    id: c.id,
    title: c.title,
    status: c.status,
    detail: redactSecrets(c.detail),
    ...(c.fix ? { fix: c.fix } : {}),
    ...(c.repair ? { repair: { title: c.repair.title, changes: c.repair.changes } } : {}),
  }));
  return `${JSON.stringify({ ok: adminPassed(checks), checks: shaped, ...(applied ? { applied } : {}) }, null, 2)}\n`;
}

/** What --fix did with one repair. */
export interface AppliedRepair {
  readonly check: AdminCheck['id'];
  readonly title: string;
  readonly outcome: 'applied' | 'declined' | 'failed';
  readonly sentences: readonly string[];
}
