import * as fs from 'node:fs/promises';
import { writeFileAtomic } from '../files/atomicWrite';
import type { WrittenValues } from './settingsPlan';

/**
 * The record of which values we wrote into a Claude Code settings file, kept beside it
 * (`settings.json.bedrock-onboarding.written.json`). It is what lets a later run remove a
 * per-tier key it wrote, and only such a key (see settingsPlan.ts). It holds setting names
 * and inference-profile ARNs, profile names and regions: nothing secret.
 *
 * It lives beside the settings file rather than inside it: Claude Code checks its settings
 * against a schema, and a key of ours in there could be flagged as unknown.
 */

export function writtenValuesRecordPath(settingsPath: string): string {
  return `${settingsPath}.bedrock-onboarding.written.json`;
}

interface RecordFile {
  readonly version: 1;
  readonly written: Record<string, string>;
}

/** What we last wrote; an absent or unreadable record means "nothing we know of". */
export async function readWrittenValues(settingsPath: string): Promise<WrittenValues> {
  let text: string;
  try {
    text = await fs.readFile(writtenValuesRecordPath(settingsPath), 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = JSON.parse(text) as Partial<RecordFile>;
    if (parsed.version !== 1 || typeof parsed.written !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed.written).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    // Losing the record only means a stale tier key is kept rather than removed.
    return {};
  }
}

export async function saveWrittenValues(settingsPath: string, written: WrittenValues): Promise<void> {
  const record: RecordFile = { version: 1, written: { ...written } };
  await writeFileAtomic(writtenValuesRecordPath(settingsPath), JSON.stringify(record, null, 2) + '\n', { mode: 0o600 });
}
