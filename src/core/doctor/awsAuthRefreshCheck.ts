import { shlexSplit } from '../awsConfig/shlexSplit';
import type { CheckContext } from './checkContext';
import type { CheckDefinition, CheckResult } from './checkGraph';
import { findProgram } from '../runtime/programOnPath';
import { configureFix } from './setupCheck';

/** A leading `NAME=value` is an environment assignment for the command, not the program. */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The `awsAuthRefresh` command in Claude Code's settings names a program that exists, for this profile. */
export function awsAuthRefreshCheck(context: CheckContext): CheckDefinition {
  return {
    id: 'aws-auth-refresh',
    title: 'Automatic sign-in renewal (awsAuthRefresh)',
    needs: [],
    timeoutMs: context.timeouts.localMs,
    timeoutAdvice: 'a folder on your PATH may be on a slow or unreachable drive',
    run: () => checkAwsAuthRefresh(context),
  };
}

async function checkAwsAuthRefresh(context: CheckContext): Promise<CheckResult> {
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
  return { status: 'pass', detail: `awsAuthRefresh runs "${command}" (${program}).`, locations: [{ file }] };
}
