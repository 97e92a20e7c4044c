import * as fs from 'node:fs/promises';
import { parse } from 'jsonc-parser';
import { CLAUDE_TIERS } from '../claudeTiers/claudeTiers';
import type { ModelPinFinding } from './modelPinsCheck';

/**
 * The settings of Claude Code's own VS Code extension (`anthropic.claude-code`) that change
 * what its sessions use, as its documentation lists them (code.claude.com/docs/en/vs-code):
 * `claudeCode.environmentVariables` (`[{ "name", "value" }]`, the environment of the
 * Claude Code process it starts — the documented place for Bedrock variables when using
 * the extension) and `claudeCode.selectedModel` (the model its sessions start with, passed
 * like `--model`, so it beats `ANTHROPIC_MODEL`). Claude Code applies its settings files'
 * `env` over the environment it inherits, so a variable we write in settings.json still
 * wins; the variables below are the ones we do not write, and each takes Claude Code off
 * the developer's own profile.
 */
const OVERRIDING_VARIABLES: Readonly<Record<string, string>> = {
  AWS_BEARER_TOKEN_BEDROCK: 'a Bedrock API key replaces your SSO identity, so use is not attributed to you',
  CLAUDE_CODE_USE_MANTLE: 'requests go to the Bedrock Mantle endpoint, where application inference profiles do not apply',
  AWS_ACCESS_KEY_ID: 'access keys replace the AWS_PROFILE sign-in',
  AWS_SECRET_ACCESS_KEY: 'access keys replace the AWS_PROFILE sign-in',
  AWS_SESSION_TOKEN: 'access keys replace the AWS_PROFILE sign-in',
  ANTHROPIC_API_KEY: 'an Anthropic API key can send use to Anthropic instead of Bedrock',
  CLAUDE_CODE_USE_VERTEX: 'Claude Code switches to Google Vertex AI',
  CLAUDE_CODE_USE_FOUNDRY: 'Claude Code switches to Microsoft Foundry',
  CLAUDE_CODE_SKIP_BEDROCK_AUTH: 'Claude Code stops signing Bedrock requests with your credentials',
};

export interface ClaudeCodeExtensionSettings {
  readonly file: string;
  readonly environmentVariables: readonly { readonly name: string; readonly value: string }[];
  readonly selectedModel?: string;
}

/** The extension's settings from each VS Code user settings file that has any. */
export async function readClaudeCodeExtensionSettings(files: readonly string[]): Promise<ClaudeCodeExtensionSettings[]> {
  const found: ClaudeCodeExtensionSettings[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      continue;
    }
    const value: unknown = parse(text, [], { allowTrailingComma: true });
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const record = value as Record<string, unknown>;
    const variables = record['claudeCode.environmentVariables'];
    const environmentVariables = Array.isArray(variables)
      ? variables.flatMap((entry: unknown) => {
          const e = entry as { name?: unknown; value?: unknown } | null;
          return e !== null && typeof e === 'object' && typeof e.name === 'string' ? [{ name: e.name, value: typeof e.value === 'string' ? e.value : '' }] : [];
        })
      : [];
    const model = record['claudeCode.selectedModel'];
    const selectedModel = typeof model === 'string' && model.trim() !== '' ? model.trim() : undefined;
    if (environmentVariables.length > 0 || selectedModel !== undefined) found.push({ file, environmentVariables, ...(selectedModel ? { selectedModel } : {}) });
  }
  return found;
}

/** Model names the extension may hold that resolve to the tiers we pin (or to Claude Code's own default choice). */
const FOLLOWS_OUR_PINS = new Set<string>(['default', ...CLAUDE_TIERS, ...CLAUDE_TIERS.map((tier) => `${tier}[1m]`)]);

/** What in the extension's settings overrides the Bedrock environment Set Up wrote; never includes a value of a secret. */
export function claudeCodeExtensionFindings(settings: readonly ClaudeCodeExtensionSettings[]): ModelPinFinding[] {
  const findings: ModelPinFinding[] = [];
  for (const { file, environmentVariables, selectedModel } of settings) {
    for (const { name } of environmentVariables) {
      const why = OVERRIDING_VARIABLES[name];
      if (why === undefined) continue;
      findings.push({
        status: 'fail',
        sentence: `Claude Code's VS Code extension sets ${name} in claudeCode.environmentVariables (${file}): ${why}; remove that entry`,
        file,
        fix: { title: `Remove ${name} from claudeCode.environmentVariables in ${file}` },
      });
    }
    if (selectedModel !== undefined && !FOLLOWS_OUR_PINS.has(selectedModel.toLowerCase())) {
      findings.push({
        status: 'warn',
        sentence: `Claude Code's VS Code extension starts its sessions with claudeCode.selectedModel "${selectedModel}" (${file}), which beats ANTHROPIC_MODEL; choose Default or a tier (${CLAUDE_TIERS.join(', ')}) so it uses your own inference profiles`,
        file,
        fix: { title: `Set claudeCode.selectedModel to "default" in ${file}` },
      });
    }
  }
  return findings;
}
