import * as path from 'node:path';
import type { CoreEnvironment } from '../runtime/coreEnvironment';

/**
 * Where Claude Code keeps its transcripts: `<config dir>/projects`, the config dir being
 * `CLAUDE_CONFIG_DIR` when set, else `~/.claude` (as Claude Code itself resolves it).
 */
export function transcriptProjectsDir(environment: Pick<CoreEnvironment, 'homeDir' | 'env'>): string {
  const configured = environment.env['CLAUDE_CONFIG_DIR']?.trim();
  const configDir = configured ? configured.replace(/^~(?=$|[\\/])/, environment.homeDir) : path.join(environment.homeDir, '.claude');
  return path.join(configDir, 'projects');
}
