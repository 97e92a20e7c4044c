import { invalidValue, type Validated } from './invalidValue';

/**
 * Returns the 12-digit account id. The console shows ids as `1234-5678-9012`, so that
 * grouping (hyphens or spaces) is accepted and removed; anything else is refused.
 */
export function validateAccountId(input: string): Validated<string> {
  const value = input.trim();
  if (/^\d{12}$/.test(value)) return value;
  if (/^\d{4}([- ])\d{4}\1\d{4}$/.test(value)) return value.replace(/[- ]/g, '');
  return invalidValue('AWS account ID', value, 'Enter the 12-digit account number, such as 111122223333.', 'validation.account-id');
}
