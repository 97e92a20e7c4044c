/** The fields of an Identity Store user that attribute paths can name (DescribeUser / ListUsers shape). */
export interface IdentityStoreUser {
  readonly UserId?: string | undefined;
  readonly UserName?: string | undefined;
  readonly DisplayName?: string | undefined;
  readonly NickName?: string | undefined;
  readonly Title?: string | undefined;
  readonly UserType?: string | undefined;
  readonly Locale?: string | undefined;
  readonly Timezone?: string | undefined;
  readonly PreferredLanguage?: string | undefined;
  readonly Name?: { readonly GivenName?: string | undefined; readonly FamilyName?: string | undefined; readonly MiddleName?: string | undefined; readonly Formatted?: string | undefined } | undefined;
  readonly Emails?: readonly { readonly Value?: string | undefined; readonly Primary?: boolean | undefined }[] | undefined;
  readonly Extensions?: Record<string, unknown> | undefined;
}

export const ENTERPRISE_EXTENSION = 'aws:identitystore:enterprise';

/**
 * The value IAM Identity Center would pass for an attribute source such as
 * `${path:userName}`, `${path:emails[primary eq true].value}` or
 * `${path:enterprise.employeeNumber}` (the sources its attributes-for-access-control page
 * offers), so `admin sync` tags a developer's profiles with exactly the value their session
 * will carry. Undefined when the user has no value; throws for a source it cannot read.
 */
export function attributeValue(user: IdentityStoreUser, source: string): string | undefined {
  const path = /^\$\{(?:path|user):([^}]+)\}$/.exec(source.trim())?.[1];
  if (path === undefined) throw new Error(`unsupported attribute source ${source}`);
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  switch (path) {
    case 'userName':
      return text(user.UserName);
    case 'displayName':
      return text(user.DisplayName);
    case 'nickName':
      return text(user.NickName);
    case 'title':
      return text(user.Title);
    case 'userType':
      return text(user.UserType);
    case 'locale':
      return text(user.Locale);
    case 'timezone':
      return text(user.Timezone);
    case 'preferredLanguage':
      return text(user.PreferredLanguage);
    case 'name.givenName':
    case 'givenName':
      return text(user.Name?.GivenName);
    case 'name.familyName':
    case 'familyName':
      return text(user.Name?.FamilyName);
    case 'emails[primary eq true].value':
    case 'email':
      return text((user.Emails ?? []).find((e) => e.Primary === true)?.Value ?? user.Emails?.[0]?.Value);
  }
  if (path.startsWith('enterprise.')) {
    const enterprise = user.Extensions?.[ENTERPRISE_EXTENSION] as Record<string, unknown> | undefined;
    const field = path.slice('enterprise.'.length);
    if (field === 'manager.value') return text((enterprise?.['manager'] as { value?: unknown } | undefined)?.value);
    return text(enterprise?.[field]);
  }
  throw new Error(`unsupported attribute source ${source}`);
}

/** Whether reading this source needs the enterprise extension requested. */
export function needsEnterpriseExtension(source: string | undefined): boolean {
  return source?.includes('enterprise.') === true;
}

export function isSupportedAttributeSource(source: string): boolean {
  try {
    attributeValue({}, source);
    return true;
  } catch {
    return false;
  }
}
