import * as fs from 'node:fs/promises';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { isNotFound } from '../files/atomicWrite';
import { UserFacingError } from '../runtime/userFacingError';
import type { ProfileMapping } from './orgDefaults';
import { profileMappingRule } from './orgSettingRules';

/**
 * Reads the developer → tier → profile ARN mapping an org defaults file points to with
 * `profileMappingFile` (the file `bedrock-onboard admin create-profiles --out-json` writes).
 * The file is only read; a missing, unparsable or invalid one is a sentence, not a crash.
 */
export async function readProfileMappingFile(file: string): Promise<ProfileMapping> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const reason = isNotFound(error) ? 'it does not exist' : `it could not be read (${(error as { code?: string }).code ?? String(error)})`;
    throw new UserFacingError(`The inference profile mapping file ${file} named by your organisation's profileMappingFile was not used because ${reason}; ask your administrator to install it or correct the path.`, 'orgDefaults.mapping-file-unreadable', { cause: error });
  }
  const errors: ParseError[] = [];
  const document: unknown = parse(text.replace(/^\uFEFF/, ''), errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first) {
    throw new UserFacingError(`The inference profile mapping file ${file} is not valid JSON (${printParseErrorCode(first.error)} at offset ${first.offset}); ask your administrator to correct it.`, 'orgDefaults.mapping-file-invalid');
  }
  const checked = profileMappingRule(document, '(mapping)');
  if (!checked.ok) {
    throw new UserFacingError(`The inference profile mapping file ${file} has problems: ${checked.problems.join('; ')}. Ask your administrator to correct it.`, 'orgDefaults.mapping-file-invalid');
  }
  return checked.value;
}
