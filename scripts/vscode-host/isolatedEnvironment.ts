import { join } from 'node:path';

/**
 * Variables that would let the developer's own setup leak into a test run: their AWS and
 * Claude configuration, a surrounding VS Code (VSCODE_IPC_HOOK_CLI makes code-server hand
 * its work to that window), npm's lifecycle settings and XDG folders outside the temp home.
 */
const LEAKING_PREFIXES = ['AWS_', 'CLAUDE_', 'ANTHROPIC_', 'VSCODE_', 'ELECTRON_', 'npm_', 'XDG_'] as const;
const LEAKING_NAMES = new Set(['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS_OVERRIDE', 'BEDROCK_ONBOARDING_VSCODE_HOST']);

/**
 * The changes that turn `base` into an isolated environment rooted at `home`: an
 * `undefined` value removes a variable (Node's spawn skips undefined entries), which is
 * how @vscode/test-electron's `extensionTestsEnv` can take variables away.
 */
export function isolationOverrides(base: NodeJS.ProcessEnv, home: string): Record<string, string | undefined> {
  const overrides: Record<string, string | undefined> = {};
  for (const name of Object.keys(base)) {
    if (LEAKING_NAMES.has(name) || LEAKING_PREFIXES.some((prefix) => name.startsWith(prefix))) overrides[name] = undefined;
  }
  Object.assign(overrides, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
  });
  return overrides;
}

/** `base` with the developer's setup removed, HOME moved to `home`, and `extra` on top. */
export function isolatedEnvironment(base: NodeJS.ProcessEnv, home: string, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries({ ...base, ...isolationOverrides(base, home), ...extra })) {
    if (value !== undefined) env[name] = value;
  }
  return env;
}
