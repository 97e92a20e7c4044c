import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CoreEnvironment } from '../../src/core/runtime/coreEnvironment';

/** A fresh, empty home directory for one test, removed afterwards. */
export async function makeTempHome(prefix = 'bedrock-onboarding-home-'): Promise<{ home: string; remove: () => Promise<void> }> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  return { home, remove: () => fs.rm(home, { recursive: true, force: true }) };
}

export function testEnvironment(home: string, options: { env?: Record<string, string | undefined>; now?: () => Date } = {}): CoreEnvironment {
  return { homeDir: home, env: options.env ?? {}, platform: process.platform, now: options.now ?? (() => new Date()) };
}
