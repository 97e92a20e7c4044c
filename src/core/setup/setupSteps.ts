/**
 * The developer's path from nothing to a working Claude Code, in the order it must run:
 * each stage needs what the ones before it produced (a session, then a profile, then
 * settings that name it, ...). Account and role are chosen inside sign-in, because the
 * portal lists them with the session's token. The Claude Code CLI comes last: nothing
 * before it needs it, and without it everything else is ready for when it is installed.
 */
export const SETUP_STEPS = ['sign-in', 'inference-profile', 'claude-settings', 'bearer-token', 'test-connection', 'cost', 'claude-cli'] as const;

export type SetupStepId = (typeof SETUP_STEPS)[number];

export function isSetupStepId(value: unknown): value is SetupStepId {
  return typeof value === 'string' && (SETUP_STEPS as readonly string[]).includes(value);
}
