/** `YYYY-MM-DDTHH:MM:SSZ` in UTC without milliseconds: what the AWS CLI writes. */
export function formatCacheTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * Reads the timestamps found in SSO cache files: the CLI's form, the JavaScript SDK's
 * (with milliseconds), and explicit offsets. Anything else is undefined, never a guess.
 */
export function parseCacheTimestamp(text: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(Z|UTC|[+-]\d{2}:?\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [, dateTime = '', zone = ''] = match;
  const offset = zone === 'Z' || zone === 'UTC' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const parsed = new Date(`${dateTime.replace(/(\.\d{3})\d+$/, '$1')}${offset}`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
