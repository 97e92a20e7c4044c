/**
 * A moment as the developer reads a clock: local time zone and the machine's locale,
 * e.g. "5 Dec 2026, 06:51". Sentences use this; ISO timestamps stay in files and --json.
 */
export function formatLocalTime(date: Date): string {
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
