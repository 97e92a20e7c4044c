import { isUserFacingError } from '../../runtime/userFacingError';
import type { AdminCheck, AdminRepair } from './adminCheck';
import type { AppliedRepair } from './adminReportText';

/**
 * Runs the repair of each failing check the admin confirms, one after the other, and says
 * what each did. A repair that fails does not stop the others; its sentence is reported.
 */
export async function applyAdminRepairs(checks: readonly AdminCheck[], confirm: (repair: AdminRepair) => Promise<boolean>, signal?: AbortSignal): Promise<AppliedRepair[]> {
  const results: AppliedRepair[] = [];
  for (const check of checks) {
    const repair = check.repair;
    if (check.status === 'pass' || !repair) continue;
    if (!(await confirm(repair))) {
      results.push({ check: check.id, title: repair.title, outcome: 'declined', sentences: ['Not changed.'] });
      continue;
    }
    try {
      results.push({ check: check.id, title: repair.title, outcome: 'applied', sentences: await repair.apply(signal) });
    } catch (error) {
      const sentence = isUserFacingError(error) ? error.message : `${repair.title} failed unexpectedly (${error instanceof Error ? error.message : String(error)}).`;
      results.push({ check: check.id, title: repair.title, outcome: 'failed', sentences: [sentence] });
    }
  }
  return results;
}
