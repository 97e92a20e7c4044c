import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Logger } from '../../../src/core/runtime/logger';

/** A value no scanner output may ever contain, not even in part. */
export const FAKE_TOKEN = 'ABSKQmVkcm9ja0FQSUtleS1mYWtlLXRva2VuLXZhbHVlLTQyNDI0Mg';

export async function writeFiles(root: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
}

export interface RecordingLogger extends Logger {
  readonly lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const record = (level: string) => (message: string): void => {
    lines.push(`${level}: ${message}`);
  };
  return { lines, trace: record('trace'), debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

/** Fails when the fake token, or a long piece of it, shows up in `text`. */
export function assertNoToken(text: string, what: string): void {
  for (let start = 0; start + 12 <= FAKE_TOKEN.length; start += 6) {
    if (text.includes(FAKE_TOKEN.slice(start, start + 12))) throw new Error(`Part of the bearer token value reached ${what}.`);
  }
}
