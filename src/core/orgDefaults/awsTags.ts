/**
 * AWS tag keys, limited to ASCII because they also appear in IAM `aws:PrincipalTag/<key>`
 * and `aws:ResourceTag/<key>` conditions, where anything else could not be matched.
 */
export const TAG_KEY_PATTERN = /^[A-Za-z0-9 _.:/=+@-]{1,128}$/;
/** AWS tag values (the developer id and the team are ones). */
export const TAG_VALUE_PATTERN = /^[A-Za-z0-9 _.:/=+@-]{1,256}$/;

/** A tag key an admin may choose: valid, and not in the `aws:` namespace AWS reserves. */
export function isUsableTagKey(key: string): boolean {
  return TAG_KEY_PATTERN.test(key) && !/^aws:/i.test(key);
}
