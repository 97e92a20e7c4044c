import * as fs from 'node:fs/promises';
import { parse } from 'jsonc-parser';
import { userClaudeSettingsPath } from '../claudeSettings/claudeSettingsPaths';
import type { CoreEnvironment } from '../runtime/coreEnvironment';

/**
 * The model Claude Code is set to use (`env.ANTHROPIC_MODEL` in the user's Claude
 * settings): configure writes the developer's AIP ARN there, and that AIP's tags say
 * whose cost it is. Missing or unreadable settings simply give nothing.
 */
export async function configuredClaudeModel(environment: Pick<CoreEnvironment, 'homeDir' | 'env'>): Promise<string | undefined> {
  let text: string;
  try {
    text = await fs.readFile(userClaudeSettingsPath(environment), 'utf8');
  } catch {
    return undefined;
  }
  const settings: unknown = parse(text);
  // Stryker disable next-line ConditionalExpression: a JSON string, number or boolean has no `env`, so the next check gives undefined all the same
  if (typeof settings !== 'object' || settings === null) return undefined;
  const env = (settings as { env?: unknown }).env;
  if (typeof env !== 'object' || env === null) return undefined;
  const model = (env as Record<string, unknown>)['ANTHROPIC_MODEL'];
  return typeof model === 'string' && model.trim() !== '' ? model.trim() : undefined;
}
