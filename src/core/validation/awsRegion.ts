import { invalidValue, type Validated } from './invalidValue';

/**
 * Region codes as AWS forms them: two-letter area, optional partition marker (`-gov`,
 * `-iso`, `-isob`, ...), direction and number: us-east-1, eu-central-2, us-gov-west-1,
 * cn-north-1, us-isob-east-1. Anything else (paths, dots, spaces) could end up in an
 * endpoint host name, so it is refused.
 */
const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/;

/** Returns the region lower-cased and trimmed, or the sentence to show. */
export function validateRegion(input: string, field = 'AWS region'): Validated<string> {
  const value = input.trim().toLowerCase();
  if (REGION.test(value)) return value;
  return invalidValue(field, input.trim(), 'Enter a region code such as us-east-1 or eu-west-1.', 'validation.region');
}
