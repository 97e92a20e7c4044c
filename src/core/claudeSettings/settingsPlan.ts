import { CLAUDE_TIERS, tierModelDescriptionEnvName, tierModelEnvName, tierModelNameEnvName, type ClaudeTier } from '../claudeTiers/claudeTiers';
import { applyEdits, findNodeAtLocation, modify } from 'jsonc-parser';
import { DEFAULT_JSON_LAYOUT, detectJsonLayout, type JsonLayout } from './jsonFormatting';
import { maskSecretJsonValues } from './secretLookingNames';
import { parseJsonText, requireSettingsObject } from './settingsDocument';
import type { TierModelLabel } from './tierModelLabels';
import { unifiedDiff } from './unifiedDiff';

/**
 * The change to a Claude Code settings file that points Claude Code at Bedrock with the
 * developer's profile and inference profiles, computed without touching the disk.
 *
 * Only the keys Claude Code documents for Bedrock are written. Every other key, comment,
 * blank line, the key order, indentation and line endings are kept, because the edits are
 * made in place with jsonc-parser rather than by re-serialising the file. A key whose
 * value is already right is not touched, so planning twice with the same choices gives
 * the same bytes.
 *
 * Per-tier model keys (and their `/model` labels) are the only ones that can become stale
 * (a tier that had an AIP and no longer has one). Such a key is removed only when we know we wrote it: its current
 * value is exactly the value recorded when we last wrote it (`previouslyWritten`, kept
 * beside the file by settingsFile.ts). A value the user or another tool put there, or one
 * edited since, is left alone and listed in `keptStaleKeys` so a check can mention it.
 */

export const BEDROCK_ENV_NAMES = {
  useBedrock: 'CLAUDE_CODE_USE_BEDROCK',
  region: 'AWS_REGION',
  profile: 'AWS_PROFILE',
  model: 'ANTHROPIC_MODEL',
} as const;

export type ClaudeModelTier = ClaudeTier;

const TIERS = CLAUDE_TIERS;

export const AWS_AUTH_REFRESH_KEY = 'awsAuthRefresh';

export interface DesiredClaudeSettings {
  readonly awsProfile: string;
  readonly awsRegion: string;
  /** The application inference profile ARN Claude Code uses by default (`ANTHROPIC_MODEL`). */
  readonly primaryModelArn: string;
  /** One ARN per tier that has an inference profile; absent tiers get no key. */
  readonly tierModels: Readonly<Partial<Record<ClaudeModelTier, string>>>;
  /** `/model` labels for pinned tiers (`…_MODEL_NAME`, `…_MODEL_DESCRIPTION`); a tier without one gets none. */
  readonly tierLabels?: Readonly<Partial<Record<ClaudeModelTier, TierModelLabel>>>;
  /** A command Claude Code runs to sign in again when credentials have expired. */
  readonly awsAuthRefresh: string;
}

/** Values we wrote, by dotted setting name (`env.AWS_REGION`, `awsAuthRefresh`). */
export type WrittenValues = Readonly<Record<string, string>>;

export interface ClaudeSettingsChange {
  /** Dotted setting name, e.g. `env.AWS_PROFILE`. */
  readonly key: string;
  readonly action: 'add' | 'update' | 'remove';
}

export interface ClaudeSettingsPlan {
  readonly filePath: string;
  /** The file's text when planned; undefined when it did not exist. */
  readonly before: string | undefined;
  readonly after: string;
  readonly changed: boolean;
  /** `diff -u` style text, with credential-like values of other keys masked; '' when unchanged. */
  readonly diff: string;
  readonly changes: readonly ClaudeSettingsChange[];
  readonly changedKeys: readonly string[];
  /** What we own after this write; persisted so a later plan may remove stale tier keys. */
  readonly writtenAfter: WrittenValues;
  /** Stale tier keys we did not write (or that were edited since), left as they are. */
  readonly keptStaleKeys: readonly string[];
}

export interface PlanOptions {
  /** Named in the diff and in errors. */
  readonly filePath?: string;
  readonly previouslyWritten?: WrittenValues;
}

const BYTE_ORDER_MARK = '\uFEFF';

export function planClaudeSettings(existingText: string | undefined, desired: DesiredClaudeSettings, options: PlanOptions = {}): ClaudeSettingsPlan {
  const filePath = options.filePath ?? 'settings.json';
  const previouslyWritten = options.previouslyWritten ?? {};
  const bom = existingText?.startsWith(BYTE_ORDER_MARK) ? BYTE_ORDER_MARK : '';
  const existingBody = existingText === undefined ? undefined : existingText.slice(bom.length);
  const isBlank = existingBody === undefined || existingBody.trim() === '';

  let text: string;
  let layout: JsonLayout;
  if (isBlank) {
    // Stryker disable next-line StringLiteral: jsonc-parser's modify builds from empty text the same object as from {}, and every plan sets a key
    text = '{}';
    layout = existingBody ? { ...DEFAULT_JSON_LAYOUT, eol: detectJsonLayout(existingBody).eol } : DEFAULT_JSON_LAYOUT;
  } else {
    requireSettingsObject(existingBody, filePath);
    text = existingBody;
    layout = detectJsonLayout(existingBody);
  }

  const changes: ClaudeSettingsChange[] = [];
  const writtenAfter: Record<string, string> = {};
  const keptStaleKeys: string[] = [];

  for (const [path, value] of desiredEntries(desired)) {
    const key = path.join('.');
    const current = valueAt(text, path);
    if (current.kind === 'string' && current.value === value) {
      // Already right. Ours only if we put it there before: a value the user typed that
      // happens to match is still theirs.
      if (previouslyWritten[key] === value) writtenAfter[key] = value;
      continue;
    }
    text = applyEdits(text, modify(text, path, value, { formattingOptions: layout }));
    changes.push({ key, action: current.kind === 'absent' ? 'add' : 'update' });
    writtenAfter[key] = value;
  }

  const desiredKeys = new Set(desiredEntries(desired).map(([path]) => path.join('.')));
  for (const path of TIERS.flatMap(tierEnvPaths)) {
    const key = path.join('.');
    if (desiredKeys.has(key)) continue;
    const current = valueAt(text, path);
    if (current.kind === 'absent') continue;
    if (current.kind === 'string' && previouslyWritten[key] === current.value) {
      text = applyEdits(text, modify(text, path, undefined, { formattingOptions: layout }));
      changes.push({ key, action: 'remove' });
    } else {
      keptStaleKeys.push(key);
    }
  }

  if (isBlank) text = text + layout.eol;
  // Edits made by jsonc-parser on valid input always parse; reaching this is a bug, and
  // refusing here is what keeps a broken file from ever being written.
  // Stryker disable all: no input reaches the throw (the input was checked by requireSettingsObject and only jsonc-parser edited it), so a mutant that never throws behaves as the original
  if (parseJsonText(text).errors.length > 0) {
    throw new Error(`Internal error: the planned content of ${filePath} does not parse.`);
  }
  // Stryker restore all
  const after = bom + text;
  const changed = after !== existingText;
  const diff = changed ? unifiedDiff(existingText, after, { oldLabel: filePath, newLabel: filePath, maskLine: maskSecretJsonValues }) : '';
  return {
    filePath,
    before: existingText,
    after,
    changed,
    diff,
    changes,
    changedKeys: changes.map((change) => change.key),
    writtenAfter,
    keptStaleKeys,
  };
}

function desiredEntries(desired: DesiredClaudeSettings): [string[], string][] {
  const env = (name: string): string[] => ['env', name];
  const entries: [string[], string][] = [
    [env(BEDROCK_ENV_NAMES.useBedrock), '1'],
    [env(BEDROCK_ENV_NAMES.region), desired.awsRegion],
    [env(BEDROCK_ENV_NAMES.profile), desired.awsProfile],
    [env(BEDROCK_ENV_NAMES.model), desired.primaryModelArn],
  ];
  for (const tier of TIERS) {
    const arn = desired.tierModels[tier];
    if (arn === undefined) continue;
    entries.push([env(tierModelEnvName(tier)), arn]);
    const label = desired.tierLabels?.[tier];
    if (label) entries.push([env(tierModelNameEnvName(tier)), label.name], [env(tierModelDescriptionEnvName(tier)), label.description]);
  }
  entries.push([[AWS_AUTH_REFRESH_KEY], desired.awsAuthRefresh]);
  return entries;
}

/** The keys a tier can own: its model, and the model's `/model` label. */
function tierEnvPaths(tier: ClaudeModelTier): string[][] {
  return [tierModelEnvName(tier), tierModelNameEnvName(tier), tierModelDescriptionEnvName(tier)].map((name) => ['env', name]);
}

type CurrentValue = { readonly kind: 'absent' } | { readonly kind: 'string'; readonly value: string } | { readonly kind: 'other' };

function valueAt(text: string, path: readonly string[]): CurrentValue {
  const { root } = parseJsonText(text);
  const node = root ? findNodeAtLocation(root, [...path]) : undefined;
  if (!node) return { kind: 'absent' };
  // jsonc-parser gives a string value to string nodes only (objects and arrays have none).
  return typeof node.value === 'string' ? { kind: 'string', value: node.value } : { kind: 'other' };
}
