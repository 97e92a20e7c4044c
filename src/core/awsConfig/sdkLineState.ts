import type { IniDocument } from './iniDocument';
import { sdkSectionIdentity, type SectionIdentity } from './sectionIdentity';

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
  for (let index = 0; index <= line && index < doc.lines.length; index++) {
    const raw = doc.lines[index]?.text ?? '';
    const header = sdkSectionIdentity(raw);
    if (header) {
      section = header;
      subsectionOpen = false;
      continue;
    }
    const trimmed = (raw.split(/(?:^|\s)[;#]/)[0] ?? '').trim();
    const equals = trimmed.indexOf('=');
    if (section === undefined || equals <= 0) continue;
    if (trimmed.slice(equals + 1).trim() === '') subsectionOpen = true;
    else if (raw.trimStart() === raw) subsectionOpen = false;
  }
  return { section, subsectionOpen };
}
