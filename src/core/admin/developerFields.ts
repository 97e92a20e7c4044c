import { TAG_VALUE_PATTERN } from '../orgDefaults/awsTags';
import { invalidValue, type Validated } from '../validation/invalidValue';

const TAG_VALUE_RULE = 'Use 1 to 256 letters, digits, spaces and the characters _ . : / = + - @; it becomes a tag value that must equal the attribute IAM Identity Center passes for the developer.';

/** A developer id typed by an admin: it becomes the developer tag's value on the profiles. */
export function validateDeveloperId(input: string): Validated<string> {
  const value = input.trim();
  return TAG_VALUE_PATTERN.test(value) ? value : invalidValue('developer ID', value, TAG_VALUE_RULE, 'admin.developer-id');
}

/** A team name typed by an admin: it becomes the team tag's value on the profiles. */
export function validateTeam(input: string): Validated<string> {
  const value = input.trim();
  return TAG_VALUE_PATTERN.test(value) ? value : invalidValue('team', value, TAG_VALUE_RULE, 'admin.team');
}
