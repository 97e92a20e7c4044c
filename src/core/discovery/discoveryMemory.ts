import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ensurePrivateDirectory, isNotFound, writeFileAtomic } from '../files/atomicWrite';
import type { Logger } from '../runtime/logger';
import { silentLogger } from '../runtime/logger';

/** One profile discovery found to be the developer's own, as remembered for the next run. */
export interface RememberedProfile {
  readonly arn: string;
  readonly region: string;
  readonly name: string;
  /** The tags read when it was found; a re-check reads only the profile (one Get), not its tags again. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Where discovery keeps what it found per signed-in identity (caller ARN), so the next Set Up,
 * Check Setup or status bar refresh re-checks those profiles with one `GetInferenceProfile`
 * each instead of searching the account again.
 */
export interface DiscoveryMemory {
  recall(identityArn: string): Promise<readonly RememberedProfile[] | undefined>;
  /** An empty list forgets the identity. */
  remember(identityArn: string, profiles: readonly RememberedProfile[]): Promise<void>;
}

const FILE = 'discovered-inference-profiles.json';

interface MemoryFile {
  readonly version: 1;
  readonly identities: Record<string, { readonly savedAt: string; readonly profiles: readonly RememberedProfile[] }>;
}

/**
 * The memory as a JSON file in a cache folder (the extension's global storage, the CLI's
 * `~/.cache/bedrock-onboarding`). Losing or damaging it only costs one search, so a file that
 * cannot be read is treated as empty (and logged), and the last complete write wins.
 */
export function fileDiscoveryMemory(directory: string, options: { readonly logger?: Logger; readonly now?: () => number } = {}): DiscoveryMemory {
  const file = path.join(directory, FILE);
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const read = async (): Promise<MemoryFile> => {
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
      if (isMemoryFile(parsed)) return parsed;
      logger.warn(`${file} is not a discovery memory this version understands; your inference profiles will be searched for again.`);
    } catch (error) {
      if (!isNotFound(error)) logger.warn(`${file} could not be read; your inference profiles will be searched for again.`);
    }
    return { version: 1, identities: {} };
  };
  return {
    async recall(identityArn) {
      const entry = (await read()).identities[identityArn];
      return entry?.profiles.filter(isRememberedProfile);
    },
    async remember(identityArn, profiles) {
      const current = await read();
      const identities = Object.fromEntries(Object.entries(current.identities).filter(([arn]) => arn !== identityArn));
      if (profiles.length > 0) identities[identityArn] = { savedAt: new Date(now()).toISOString(), profiles: profiles.map((p) => ({ arn: p.arn, region: p.region, name: p.name, tags: { ...p.tags } })) };
      await ensurePrivateDirectory(directory);
      await writeFileAtomic(file, `${JSON.stringify({ version: 1, identities } satisfies MemoryFile, null, 2)}\n`, { mode: 0o600 });
    },
  };
}

function isMemoryFile(value: unknown): value is MemoryFile {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as { version?: unknown; identities?: unknown };
  return record.version === 1 && typeof record.identities === 'object' && record.identities !== null && !Array.isArray(record.identities);
}

function isRememberedProfile(value: unknown): value is RememberedProfile {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return typeof p['arn'] === 'string' && typeof p['region'] === 'string' && typeof p['name'] === 'string' && typeof p['tags'] === 'object' && p['tags'] !== null;
}
