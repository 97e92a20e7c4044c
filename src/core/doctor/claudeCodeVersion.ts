/**
 * The oldest Claude Code this product's setup works with, unless the organisation sets
 * `minimumClaudeCodeVersion`. From Claude Code's CHANGELOG (anthropics/claude-code):
 * 2.1.121 fixed "`thinking.type.enabled` is not supported" errors when using Bedrock
 * application inference profile ARNs and 2.1.122 fixed `/model` and effort for them;
 * 2.1.207 fixed Bedrock requesting fresh AWS SSO credentials from IAM Identity Center on
 * every API request, and 2.1.208 fixed that release's regression ("Session token not
 * found or invalid" for SSO profiles whose sso_region differs from the Bedrock region).
 * 2.1.208 is the first release with all of them.
 */
export const DEFAULT_MINIMUM_CLAUDE_CODE_VERSION = '2.1.208';

/** `major.minor.patch` at the start of a version string; undefined when it has none. */
export function parseVersion(text: string): [number, number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Negative when `a` is older than `b`, 0 when equal, positive when newer (pre-release tags ignored). */
export function compareVersions(a: readonly [number, number, number], b: readonly [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
