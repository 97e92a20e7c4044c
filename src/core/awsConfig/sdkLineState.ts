import type { IniDocument } from './iniDocument';
import { sdkCodeOf, sdkSectionIdentity, type SectionIdentity } from './sectionIdentity';

export interface SdkLineState {
  /** The section the AWS SDK for JavaScript is in after the line; undefined before any. */
  readonly section: SectionIdentity | undefined;
  /** Whether an indented `key = value` here would go into a sub-section (`s3 =` ...). */
  readonly subsectionOpen: boolean;
}

/**
 * Replays the JavaScript SDK's line-by-line reading (`parseIni` in
 * `@smithy/shared-ini-file-loader`) up to and including `line`. The SDK knows no
 * continuation lines: an indented `[x]` that configparser folds into a value is a new
 * section for it, and an indented key after `key =` belongs to a sub-section. Edits use
 * this so that a key we write is seen in the same section by both readers.
 */
export function sdkStateAfter(doc: IniDocument, line: number): SdkLineState {
  let section: SectionIdentity | undefined;
  let subsectionOpen = false;
  for (const { text: raw } of doc.lines.slice(0, line + 1)) {
    const header = sdkSectionIdentity(raw);
    if (header) {
      section = header;
      subsectionOpen = false;
      continue;
    }
    const trimmed = sdkCodeOf(raw);
    const equals = trimmed.indexOf('=');
    if (section === undefined || equals <= 0) continue;
    // Stryker disable next-line MethodExpression: `trimmed` ends in no blank, so nothing after the = is blank only.
    if (trimmed.slice(equals + 1).trim() === '') subsectionOpen = true;
    else if (raw.trimStart() === raw) subsectionOpen = false;
  }
  return { section, subsectionOpen };
}

/**
 * The keys the JavaScript SDK's `loadSharedConfigFiles` gives for `target`: sections it
 * reads as the same name merge with later keys winning, sub-section keys are dotted, and
 * a `[profile default]` holding any key hides `[default]` entirely.
 */
export function sdkSectionValues(doc: IniDocument, target: { readonly kind: string; readonly name: string }): ReadonlyMap<string, string> {
  const bare = new Map<string, string>();
  const prefixed = new Map<string, string>();
  let into: Map<string, string> | undefined;
  let subsection: string | undefined;
  for (const line of doc.lines) {
    const raw = line.text;
    const header = sdkSectionIdentity(raw);
    if (header) {
      subsection = undefined;
      const isBareDefault = sdkCodeOf(raw).slice(1, -1) === 'default';
      into = header.kind === target.kind && header.name === target.name ? (isBareDefault ? bare : prefixed) : undefined;
      continue;
    }
    const trimmed = sdkCodeOf(raw);
    const equals = trimmed.indexOf('=');
    if (into === undefined || equals <= 0) continue;
    const key = trimmed.slice(0, equals).trim();
    const value = trimmed.slice(equals + 1).trim();
    if (value === '') {
      subsection = key;
      continue;
    }
    if (raw.trimStart() === raw) subsection = undefined;
    into.set(subsection === undefined ? key : `${subsection}.${key}`, value);
  }
  // Only `[default]` fills `bare`, and it is a profile: a session never falls back to it.
  return prefixed.size > 0 ? prefixed : bare;
}
