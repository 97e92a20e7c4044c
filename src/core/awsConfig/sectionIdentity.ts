import { shlexSplit } from './shlexSplit';

/**
 * Which profile or sso-session a section header stands for. The AWS CLI (botocore) and
 * the AWS SDK for JavaScript (used by Claude Code) answer differently for unusual
 * headers, so both are modelled: a section we edit must mean the same to both.
 */
export type SectionKind = 'profile' | 'sso-session' | 'services' | 'defaults' | 'other';

export interface SectionIdentity {
  readonly kind: SectionKind;
  readonly name: string;
}

/**
 * botocore's `build_profile_map`: `default` is a profile; a header that merely starts
 * with `profile` / `sso-session` and shell-splits into exactly two words names one
 * (so `[profile   x ]` and `[profile "x"]` are profile x, `[ profile x]` is nothing);
 * `DEFAULT` is configparser's defaults section.
 */
export function cliSectionIdentity(header: string): SectionIdentity {
  if (header === 'DEFAULT') return { kind: 'defaults', name: header };
  if (header === 'default') return { kind: 'profile', name: 'default' };
  for (const kind of ['profile', 'sso-session'] as const) {
    if (!header.startsWith(kind)) continue;
    const parts = shlexSplit(header);
    const name = parts?.length === 2 ? parts[1] : undefined;
    return name === undefined ? { kind: 'other', name: header } : { kind, name };
  }
  return { kind: 'other', name: header };
}

/** The SDK's header pattern (`@smithy/shared-ini-file-loader` parseIni), `\w-@` spelt out. */
const SDK_PREFIXED = /^([A-Za-z0-9_-]+)\s(["'])?([A-Za-z0-9_\-@+.%:/]+)\2$/;

/**
 * How the AWS SDK for JavaScript reads one line: undefined when it is not a header for
 * the SDK at all. It strips ` #`/` ;` comments, needs the line to end in `]`, and only
 * accepts exactly one blank between prefix and name.
 */
export function sdkSectionIdentity(lineText: string): SectionIdentity | undefined {
  const trimmed = sdkCodeOf(lineText);
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return undefined;
  const inner = trimmed.slice(1, -1);
  const match = SDK_PREFIXED.exec(inner);
  if (match) {
    // Stryker disable next-line StringLiteral: neither group is optional, so both are set whenever the pattern matches.
    const [, prefix = '', , name = ''] = match;
    if (prefix === 'profile' || prefix === 'sso-session' || prefix === 'services') return { kind: prefix, name };
    return { kind: 'other', name: inner };
  }
  if (inner === 'default') return { kind: 'profile', name: 'default' };
  return { kind: 'other', name: inner };
}

/** The part of a line the JavaScript SDK reads: before a comment (` #`, ` ;` or one at the start), trimmed. */
export function sdkCodeOf(lineText: string): string {
  // Stryker disable next-line StringLiteral: split always gives at least one part.
  return (lineText.split(/(?:^|\s)[;#]/)[0] ?? '').trim();
}

export function sameIdentity(a: SectionIdentity | undefined, b: SectionIdentity | undefined): boolean {
  return a !== undefined && b !== undefined && a.kind === b.kind && a.name === b.name;
}

/** The header text `aws configure` writes: `default`, `profile NAME`, `sso-session NAME`. */
export function canonicalHeader(identity: { readonly kind: 'profile' | 'sso-session'; readonly name: string }): string {
  if (identity.kind === 'profile' && identity.name === 'default') return 'default';
  return `${identity.kind} ${identity.name}`;
}
