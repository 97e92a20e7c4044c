// What "complete" means for each file the crash and concurrency suites write: either
// state's full content, with the user's own content around it intact.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { cliConfigView } from '../../../src/core/awsConfig/cliConfigView';
import { parseIni } from '../../../src/core/awsConfig/iniDocument';
import { tokenCachePath } from '../../../src/core/ssoCache/ssoCachePaths';
import { crashState } from './writerStates';

export const FOREIGN_CONFIG = '[profile other]\n# keep me\nregion = ap-south-1\n\n';
export const FOREIGN_SETTINGS = '{\n    "theme": "dark",\n    "env": {\n        "KEEP": "1"\n    }\n}\n';

const STATES = [crashState(0), crashState(1)];

export async function seedHome(home: string): Promise<void> {
  await fs.mkdir(path.join(home, '.aws'), { recursive: true, mode: 0o700 });
  await fs.writeFile(path.join(home, '.aws', 'config'), FOREIGN_CONFIG, { mode: 0o600 });
  await fs.mkdir(path.join(home, '.claude'), { recursive: true });
  await fs.writeFile(path.join(home, '.claude', 'settings.json'), FOREIGN_SETTINGS);
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  return fs.readFile(file, 'utf8').catch((error: unknown) => {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  });
}

/** Problems with ~/.aws/config: must keep the foreign block and hold one whole state (or none yet). */
export function configProblem(text: string | undefined): string | undefined {
  if (text === undefined) return 'the config file is missing';
  if (!text.startsWith(FOREIGN_CONFIG)) return `the user's own profile was changed: ${JSON.stringify(text.slice(0, 80))}`;
  if (text === FOREIGN_CONFIG) return undefined;
  const view = cliConfigView(parseIni(text));
  const profile = view.profiles.get('claude-code');
  const session = view.ssoSessions.get('claude-code');
  if (!profile || !session) return `a section is missing: ${JSON.stringify(text)}`;
  const state = STATES.find((s) => s.region === profile.get('region'));
  if (!state) return `region is neither state's: ${String(profile.get('region'))}`;
  const want: [string, string | undefined][] = [
    ['sso_session', 'claude-code'],
    ['sso_account_id', state.profile.accountId],
    ['sso_role_name', state.profile.roleName],
  ];
  for (const [key, value] of want) if (profile.get(key) !== value) return `profile ${key} is ${String(profile.get(key))}`;
  if (session.get('sso_start_url') !== state.profile.startUrl || session.get('sso_region') !== 'us-east-1') return 'the sso-session is incomplete';
  return undefined;
}

export function tokenProblem(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return `the token cache is not complete JSON (${String(text.length)} bytes)`;
  }
  const state = STATES.find((s) => s.token.accessToken === parsed['accessToken']);
  if (!state) return 'the cached access token is neither state';
  if (parsed['clientId'] !== state.token.clientId || parsed['refreshToken'] !== state.token.refreshToken) return 'the token cache mixes two states';
  return undefined;
}

export function settingsProblem(text: string | undefined): string | undefined {
  if (text === undefined) return 'the Claude settings file is missing';
  let parsed: { theme?: unknown; env?: Record<string, unknown> };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return `the Claude settings are not complete JSON (${String(text.length)} bytes)`;
  }
  if (parsed.theme !== 'dark' || parsed.env?.['KEEP'] !== '1') return "the user's own settings were lost";
  if (parsed.env['AWS_REGION'] === undefined) return text === FOREIGN_SETTINGS ? undefined : 'settings changed without our keys';
  const state = STATES.find((s) => s.region === parsed.env?.['AWS_REGION']);
  if (!state) return 'AWS_REGION is neither state';
  if (parsed.env['ANTHROPIC_MODEL'] !== state.settings.primaryModelArn) return 'the settings mix two states';
  return undefined;
}

export async function homeProblems(home: string): Promise<string[]> {
  const env = { homeDir: home };
  return [
    configProblem(await readOrUndefined(path.join(home, '.aws', 'config'))),
    tokenProblem(await readOrUndefined(tokenCachePath(env, 'claude-code'))),
    settingsProblem(await readOrUndefined(path.join(home, '.claude', 'settings.json'))),
  ].filter((p): p is string => p !== undefined);
}
