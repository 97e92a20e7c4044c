import { UserFacingError } from '../runtime/userFacingError';
import type { ProfileTier } from '../orgDefaults/orgDefaults';
import { parseCsv } from './csvFormat';
import { developerRequestProblems, parseTag, parseTiers, type DeveloperRequest } from './developerRequest';

const HEADER_FIRST_CELL = /^(developer[ _-]?id|developer|id)$/i;
/** Problems listed in one error; more would bury the first ones. */
const MAX_LISTED = 20;

/**
 * Reads the developer list an admin hands to `create-profiles`:
 * `developerId,team[,tiers][,key=value…]`, one developer per line, header optional.
 * Tiers are `opus;sonnet;haiku`. With a header, a column after the third whose cells
 * have no `=` is a tag named by its header (`…,CostCenter` / `…,4711`).
 *
 * Every bad row is reported at once, by line, and nothing is returned: a half-read list
 * would silently skip developers.
 */
export function parseDeveloperCsv(text: string, fileLabel: string): DeveloperRequest[] {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw invalid(fileLabel, [`line ${parsed.line}: ${parsed.reason}`]);
  const records = [...parsed.records];
  const first = records[0];
  let header: readonly string[] | undefined;
  if (first && HEADER_FIRST_CELL.test((first.cells[0] ?? '').trim())) {
    header = first.cells.map((c) => c.trim());
    records.shift();
  }
  const problems: string[] = [];
  const developers: DeveloperRequest[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const rowProblems: string[] = [];
    const cells = record.cells.map((c) => c.trim());
    const [developerId = '', team = ''] = cells;
    if (cells.length < 2 || team === '') rowProblems.push('each line needs at least a developer id and a team, separated by a comma');
    let tiers: ProfileTier[] | undefined;
    const extraTags: Record<string, string> = {};
    cells.slice(2).forEach((cell, offset) => {
      const column = offset + 3;
      if (cell === '') return;
      const headerName = header?.[column - 1] ?? '';
      const tag = parseTag(cell);
      if (tag) {
        extraTags[tag.key] = tag.value;
      } else if (column === 3 && (headerName === '' || /^tiers?$/i.test(headerName))) {
        const parsedTiers = parseTiers(cell);
        rowProblems.push(...parsedTiers.problems);
        tiers = parsedTiers.tiers;
      } else if (headerName !== '') {
        extraTags[headerName] = cell;
      } else {
        rowProblems.push(`column ${column} (${JSON.stringify(cell)}) is not a tag written key=value`);
      }
    });
    const request: DeveloperRequest = { developerId, team, ...(tiers ? { tiers } : {}), extraTags, origin: `line ${record.line}` };
    if (rowProblems.length === 0) rowProblems.push(...developerRequestProblems(request));
    const earlier = seen.get(developerId);
    if (earlier !== undefined && developerId !== '') rowProblems.push(`developer id ${JSON.stringify(developerId)} is already on line ${earlier}`);
    else seen.set(developerId, record.line);
    if (rowProblems.length > 0) problems.push(...rowProblems.map((p) => `line ${record.line}: ${p}`));
    else developers.push(request);
  }
  if (problems.length > 0) throw invalid(fileLabel, problems);
  if (developers.length === 0) {
    throw new UserFacingError(`The developer list ${fileLabel} has no developers in it; write one per line as developerId,team[,tiers][,key=value…].`, 'admin.csv-empty');
  }
  return developers;
}

function invalid(fileLabel: string, problems: readonly string[]): UserFacingError {
  const listed = problems.slice(0, MAX_LISTED).join('; ');
  const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : '';
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  return new UserFacingError(`The developer list ${fileLabel} has ${count}: ${listed}${more}. Correct the file and run again; nothing was created.`, 'admin.csv-invalid');
}
