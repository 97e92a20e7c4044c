import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, findNodeAtLocation, modify } from 'jsonc-parser';
import { shlexSplit } from '../awsConfig/shlexSplit';
import type { CoreEnvironment } from '../runtime/coreEnvironment';
import type { Logger } from '../runtime/logger';
import { findProgramSync } from '../runtime/programOnPath';
import { quoteShellWord } from './awsAuthRefreshCommand';
import { parseJsonText } from './settingsDocument';
import { readClaudeSettings, writeClaudeSettings } from './settingsFile';
import { AWS_AUTH_REFRESH_KEY } from './settingsPlan';
import { readWrittenValues } from './writtenValuesRecord';

export interface AwsAuthRefreshRepairOptions {
  /** The stable launcher (refreshLauncher.ts) the command should run instead. */
  readonly launcher: string;
  /** `<publisher>.<name>`: our versioned folders are `<id>-<version>`. */
  readonly extensionId: string;
  readonly logger: Logger;
}

export type AwsAuthRefreshRepair =
  | { readonly status: 'repaired'; readonly from: string; readonly to: string; readonly filePath: string }
  | { readonly status: 'unchanged'; readonly reason: 'no-settings' | 'no-command' | 'current' | 'not-ours' | 'unreadable' };

/**
 * Points an `awsAuthRefresh` command that this extension wrote, and that names a program
 * which is gone or will go with the next update, at the stable launcher — same arguments,
 * new program — without asking: it is our own value, and a stale one leaves Claude Code
 * unable to renew the sign-in.
 *
 * Ours means: the program is `<runtime> <extensions>/<our id>-<version>/dist/cli.js` (only
 * this extension writes that), or the command is exactly the value we recorded writing
 * (writtenValuesRecord.ts) and names `bedrock-onboard`, which is no longer found. Anything
 * else (`aws sso login`, a script of the user's, an edited value) is left alone.
 */
export async function repairAwsAuthRefresh(environment: Pick<CoreEnvironment, 'homeDir' | 'env' | 'platform'>, options: AwsAuthRefreshRepairOptions): Promise<AwsAuthRefreshRepair> {
  const settings = await readClaudeSettings(environment);
  if (settings.status === 'missing') return { status: 'unchanged', reason: 'no-settings' };
  if (settings.status === 'invalid') return { status: 'unchanged', reason: 'unreadable' };
  const command = settings.awsAuthRefresh;
  if (command === undefined || command.trim() === '') return { status: 'unchanged', reason: 'no-command' };
  const outcome = repairedCommand(command, await readWrittenValues(settings.filePath), environment, options);
  if (outcome.kind !== 'repaired') return { status: 'unchanged', reason: outcome.kind };
  const repaired = outcome.command;

  const before = await fs.promises.readFile(settings.filePath, 'utf8');
  // A byte order mark is whitespace to the JSON parser, so it stays where it is.
  const { root } = parseJsonText(before);
  if (!root || findNodeAtLocation(root, [AWS_AUTH_REFRESH_KEY])?.value !== command) return { status: 'unchanged', reason: 'not-ours' };
  // The key exists (checked above), so this replaces a string in place: no line is added, and
  // there is no layout to follow.
  const after = applyEdits(before, modify(before, [AWS_AUTH_REFRESH_KEY], repaired, {}));
  const written = await readWrittenValues(settings.filePath);
  await writeClaudeSettings(
    environment,
    { filePath: settings.filePath, before, after, changed: true, changedKeys: [AWS_AUTH_REFRESH_KEY], writtenAfter: { ...written, [AWS_AUTH_REFRESH_KEY]: repaired } },
    { logger: options.logger },
  );
  options.logger.info(`awsAuthRefresh in ${settings.filePath} ran ${command}; it now runs the launcher ${options.launcher}, which follows extension updates.`);
  return { status: 'repaired', from: command, to: repaired, filePath: settings.filePath };
}

/** The command with the launcher as its program, or why it stays as it is. */
function repairedCommand(command: string, written: Readonly<Record<string, string>>, environment: Pick<CoreEnvironment, 'env' | 'platform'>, options: AwsAuthRefreshRepairOptions): { readonly kind: 'repaired'; readonly command: string } | { readonly kind: 'current' | 'not-ours' } {
  const words = shlexSplit(command);
  if (!words) return { kind: 'not-ours' };
  const loginAt = words.indexOf('login');
  if (loginAt < 1) return { kind: 'not-ours' };
  const program = words.slice(0, loginAt);
  const rest = words.slice(loginAt);
  if (program.length === 1 && program[0] === options.launcher) return { kind: 'current' };
  if (!isOurs(program, command, written, environment, options)) return { kind: 'not-ours' };
  const repaired = [quoteShellWord(options.launcher, environment.platform), ...rest.map((word) => quoteShellWord(word, environment.platform))].join(' ');
  return { kind: 'repaired', command: repaired };
}

function isOurs(program: readonly string[], command: string, written: Readonly<Record<string, string>>, environment: Pick<CoreEnvironment, 'env' | 'platform'>, options: AwsAuthRefreshRepairOptions): boolean {
  const script = program.length === 2 ? program[1] : undefined;
  if (script !== undefined && isOurVersionedCli(script, options.extensionId)) return true;
  const only = program.length === 1 ? program[0] : undefined;
  if (only === undefined || written[AWS_AUTH_REFRESH_KEY] !== command) return false;
  if (path.basename(only).replace(/\.(cmd|exe)$/i, '') !== 'bedrock-onboard') return false;
  // Our last resort when nothing else was found; keep it while it still resolves.
  return findProgramSync(only, environment.env, environment.platform) === undefined;
}

/** `…/<id>-<version>/dist/cli.js`: the CLI inside one installed version of this extension. */
function isOurVersionedCli(script: string, extensionId: string): boolean {
  const normalised = script.replace(/\\/g, '/');
  const match = /\/([^/]+)\/dist\/cli\.js$/.exec(normalised);
  const folder = match?.[1]?.toLowerCase();
  return folder !== undefined && folder.startsWith(`${extensionId.toLowerCase()}-`) && /^\d/.test(folder.slice(extensionId.length + 1));
}

