import { shlexSplit } from '../awsConfig/shlexSplit';
import type { CheckContext } from './checkContext';
import type { CheckDefinition, CheckResult } from './checkGraph';
import { findProgram } from '../runtime/programOnPath';
import { runProgram } from './runProgram';
import { configureFix } from './setupCheck';

/** A leading `NAME=value` is an environment assignment for the command, not the program. */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The kill timer sits a little past the check's own, which reports the hang. */
const KILL_MARGIN_MS = 1_000;

/**
 * The `awsAuthRefresh` command in Claude Code's settings runs, for this profile: its
 * program exists and — for the AWS CLI and our own CLI — starts (`--version`), since a
 * launcher or `node` pointing at a deleted extension folder exists but fails at once.
 */
export function awsAuthRefreshCheck(context: CheckContext): CheckDefinition {
  return {
    id: 'aws-auth-refresh',
    title: 'Automatic sign-in renewal (awsAuthRefresh)',
    needs: [],
    timeoutMs: context.timeouts.processMs,
    timeoutAdvice: 'a folder on your PATH may be on a slow or unreachable drive, or the command\'s program hangs when asked for its version',
    run: (signal) => checkAwsAuthRefresh(context, signal),
  };
}

async function checkAwsAuthRefresh(context: CheckContext, signal: AbortSignal): Promise<CheckResult> {
  const settings = context.target.claudeSettings;
  if (settings.status !== 'ok') return { status: 'skip', detail: 'Skipped because Claude Code has no readable settings file (see "Claude Code settings").' };
  const file = settings.filePath;
  const command = settings.awsAuthRefresh?.trim();
  if (command === undefined || command === '') {
    return {
      status: 'warn',
      detail: `${file} has no awsAuthRefresh command, so when your SSO sign-in expires Claude Code stops with an error instead of signing you in again; configure Claude Code to add one.`,
      fix: configureFix(),
      locations: [{ file }],
    };
  }
  const words = shlexSplit(command);
  const programWord = words?.find((word) => !ASSIGNMENT.test(word));
  if (words === undefined || programWord === undefined) {
    return { status: 'fail', detail: `The awsAuthRefresh command in ${file} cannot be split into words (an unclosed quote?); configure Claude Code to write it again.`, fix: configureFix(), locations: [{ file }] };
  }
  const { env, platform } = context.options.environment;
  const program = await findProgram(programWord, env, platform);
  if (program === undefined) {
    return {
      status: 'fail',
      detail: `The awsAuthRefresh command in ${file} runs "${programWord}", which is not ${programWord.includes('/') ? 'an executable file' : 'on your PATH'}, so Claude Code cannot renew your sign-in; install it or configure Claude Code again.`,
      fix: configureFix(),
      locations: [{ file }],
    };
  }
  const profileIndex = words.indexOf('--profile');
  const profile = profileIndex >= 0 ? words[profileIndex + 1] : undefined;
  const expected = context.target.profileName;
  if (profile !== undefined && profile !== expected) {
    return {
      status: 'warn',
      detail: `The awsAuthRefresh command in ${file} signs in the profile "${profile}", but Claude Code uses "${expected}"; configure Claude Code again so it renews the right one.`,
      fix: configureFix(),
      locations: [{ file }],
    };
  }
  const started = await proveItStarts(context, words, words.indexOf(programWord), program, signal);
  if (started.status === 'fail') {
    return { status: 'fail', detail: `The awsAuthRefresh command in ${file} runs ${program}, which ${started.problem}, so Claude Code cannot renew your sign-in; configure Claude Code again.`, fix: configureFix(), locations: [{ file }] };
  }
  return { status: 'pass', detail: `awsAuthRefresh runs "${command}" (${program}${started.status === 'started' ? `, ${started.version}` : ''}).`, locations: [{ file }] };
}

type StartProof = { readonly status: 'started'; readonly version: string } | { readonly status: 'not-run' } | { readonly status: 'fail'; readonly problem: string };

/**
 * Runs the command's program as far as its version: `aws --version` (which must be the
 * AWS CLI v2: v1 has no `sso login`), or `bedrock-onboard --version` through the same
 * program and script the command names. Other programs are the user's own: not run.
 */
async function proveItStarts(context: CheckContext, words: readonly string[], programAt: number, program: string, signal: AbortSignal): Promise<StartProof> {
  const name = program.replace(/\\/g, '/').split('/').pop()?.replace(/\.(exe|cmd|bat)$/i, '').toLowerCase() ?? '';
  const next = words[programAt + 1];
  let args: string[];
  if (name === 'aws' && next === 'sso') args = ['--version'];
  else if (name === 'bedrock-onboard' && next === 'login') args = ['--version'];
  else if (next !== undefined && /(^|[\\/])cli\.[cm]?js$/.test(next) && words[programAt + 2] === 'login') args = [next, '--version'];
  else return { status: 'not-run' };
  const run = context.options.runProgram ?? runProgram;
  // VS Code's own runtime (the launcher's, or one written as the program) needs this to act as Node.
  const env = { ...context.options.environment.env, ELECTRON_RUN_AS_NODE: '1' };
  let result;
  try {
    result = await run(program, args, { env, timeoutMs: context.timeouts.processMs + KILL_MARGIN_MS, signal });
  } catch (error) {
    return { status: 'fail', problem: `could not be started (${(error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error))})` };
  }
  const output = `${result.stdout}${result.stderr}`;
  if (name === 'aws') {
    const major = /aws-cli\/(\d+)\./.exec(output)?.[1];
    if (result.exitCode !== 0 || major === undefined) return { status: 'fail', problem: `did not answer "--version" (${describeExit(result.exitCode)})` };
    if (major !== '2') return { status: 'fail', problem: `is the AWS CLI version ${major}, which has no "sso login" (install the AWS CLI version 2)` };
    return { status: 'started', version: `aws-cli/${/aws-cli\/(\S+)/.exec(output)?.[1] ?? major}` };
  }
  const version = /bedrock-onboard (\S+)/.exec(result.stdout)?.[1];
  if (result.exitCode !== 0 || version === undefined) {
    const firstLine = result.stderr.split('\n').find((line) => line.trim() !== '')?.trim();
    return { status: 'fail', problem: `does not start (${describeExit(result.exitCode)}${firstLine ? `: ${firstLine.slice(0, 200)}` : ''})` };
  }
  return { status: 'started', version: `bedrock-onboard ${version}` };
}

function describeExit(exitCode: number | null): string {
  return exitCode === null ? 'it was stopped' : `exit code ${String(exitCode)}`;
}
