import { readSsoProfile, type SsoProfileProblem } from '../awsConfig/ssoProfileReader';
import type { CheckContext } from './checkContext';
import type { CheckDefinition, CheckResult } from './checkGraph';
import { signInFix } from './setupCheck';

/** The profile Claude Code uses is in the AWS config file, names an sso-session that exists, and agrees with it. */
export function awsProfileCheck(context: CheckContext): CheckDefinition {
  return {
    id: 'aws-profile',
    title: 'AWS profile and SSO session',
    needs: [],
    timeoutMs: context.timeouts.localMs,
    timeoutAdvice: 'check that your home folder is reachable',
    run: () => checkAwsProfile(context),
  };
}

async function checkAwsProfile(context: CheckContext): Promise<CheckResult> {
  const profileName = context.target.profileName;
  const read = await readSsoProfile(context.options.environment, profileName);
  const file = read.configPath;
  const fix = signInFix(profileName);
  const fatal = read.fileDiagnostics.find((diagnostic) => diagnostic.fatalForCli);
  if (fatal) {
    return {
      status: 'fail',
      detail: `The AWS config file ${file} cannot be read by the AWS CLI or SDKs (line ${fatal.line + 1}: ${fatal.detail}); correct that line, then check again.`,
      locations: [{ file, line: fatal.line + 1 }],
    };
  }
  if (!read.fileExists) return { status: 'fail', detail: `There is no AWS config file at ${file}; sign in to create the profile "${profileName}".`, fix, locations: [{ file }] };
  const profile = read.profile;
  if (!profile) return { status: 'fail', detail: `The AWS config file ${file} has no profile "${profileName}"; sign in to create it.`, fix, locations: [{ file }] };
  const problem = read.problems[0];
  if (problem) return { status: 'fail', detail: describeProblem(problem, profileName, file), fix, locations: [{ file }] };
  if (profile.sessionName === undefined) {
    return {
      status: 'warn',
      detail: `Profile "${profileName}" carries its SSO settings itself instead of naming an sso-session, so its sign-in cannot be renewed without you; sign in again to convert it.`,
      fix,
      locations: [{ file }],
    };
  }
  return {
    status: 'pass',
    detail: `Profile "${profileName}" uses sso-session "${profile.sessionName}" (${profile.startUrl ?? '?'}, ${profile.ssoRegion ?? '?'}), account ${profile.accountId ?? '?'}, role ${profile.roleName ?? '?'}.`,
    locations: [{ file }],
  };
}

function describeProblem(problem: SsoProfileProblem, profileName: string, file: string): string {
  switch (problem.code) {
    case 'session-missing':
      return `Profile "${profileName}" names the sso-session "${problem.sessionName}", which is not in ${file}; sign in again to write it.`;
    case 'inconsistent-with-session': {
      const keys = problem.inconsistencies.map((i) => `${i.key} is "${i.profileValue}" in the profile but "${i.sessionValue}" in the session`).join('; ');
      return `Profile "${profileName}" disagrees with its sso-session (${keys}), and the AWS CLI and SDKs refuse such a profile; sign in again to correct it.`;
    }
    case 'incomplete':
      return `Profile "${profileName}" lacks ${problem.missingKeys.join(', ')}, so the AWS SDK cannot get credentials with it; sign in again to complete it.`;
  }
}
