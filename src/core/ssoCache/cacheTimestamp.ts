/** `YYYY-MM-DDTHH:MM:SSZ` in UTC without milliseconds: what the AWS CLI writes. */
export function formatCacheTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

const CACHE_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(?:Z|UTC|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Reads the timestamps found in SSO cache files: the CLI's form, the JavaScript SDK's
 * (with milliseconds), and explicit offsets. Anything else is undefined, never a guess.
 */
export function parseCacheTimestamp(text: string): Date | undefined {
  const match = CACHE_TIMESTAMP.exec(text.trim());
  if (!match) return undefined;
  // The pattern guarantees the date and time; the other groups are optional.
  const [, dateTime, fraction, sign, offsetHours, offsetMinutes] = match as unknown as [string, string, string?, string?, string?, string?];
  const wall = new Date(`${dateTime}Z`);
  // Date turns 30 February into 2 March: a field out of range is no timestamp.
  if (Number.isNaN(wall.getTime()) || wall.toISOString().slice(0, 19) !== dateTime) return undefined;
  const millis = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  return new Date(wall.getTime() + millis - offset * 60_000);
}
