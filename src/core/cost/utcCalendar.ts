/**
 * Calendar arithmetic in UTC. Cost Explorer buckets daily costs by UTC day, so the
 * local estimate must use the same days or the two could never be put side by side.
 */

/** `YYYY-MM-DD` of the UTC day containing `instant`. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** `YYYY-MM` of the UTC month containing `instant`. */
export function utcMonth(instant: Date): string {
  return instant.toISOString().slice(0, 7);
}

/** First day (`YYYY-MM-01`) of the UTC month containing `instant`. */
export function firstDayOfUtcMonth(instant: Date): string {
  return `${utcMonth(instant)}-01`;
}

/** The UTC day after `day` (`YYYY-MM-DD`). */
export function nextUtcDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return utcDay(date);
}

/** First day of the UTC month after the one containing `day`. */
export function firstDayOfNextUtcMonth(day: string): string {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00.000Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return utcDay(date);
}

/** Every day from `from` to `to`, both included (`from` after `to` gives none). */
export function utcDaysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = nextUtcDay(day)) days.push(day);
  return days;
}
