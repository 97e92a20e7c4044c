import { CLAUDE_TIERS, tierModelEnvName } from '../claudeTiers/claudeTiers';
import type { ClaudeSettingsSnapshot } from '../claudeSettings/settingsFile';
import type { SignInState } from '../sso/signInState';
import type { ChosenInferenceProfiles, ProfileTier, SetupState } from './setupState';
import { SETUP_STEPS, type SetupStepId } from './setupSteps';

/** What the machine says now, read from local files only (no network). */
export interface SetupFacts {
  /** The AWS profile Set Up writes and Claude Code uses. */
  readonly profileName: string;
  readonly signIn: SignInState;
  readonly claudeSettings: ClaudeSettingsSnapshot;
  /** Places where `AWS_BEARER_TOKEN_BEDROCK` is set and Claude Code would read it. */
  readonly activeBearerTokenFindings: number;
  /** Where `claude` is on PATH (a lookup, not a run); undefined when it is not. */
  readonly claudeProgram: string | undefined;
}

export interface PlannedStep {
  readonly id: SetupStepId;
  readonly satisfied: boolean;
  /** Why it is (not) satisfied, for the log and the summary. */
  readonly reason: string;
}

export interface SetupPlan {
  readonly steps: readonly PlannedStep[];
  /** The profiles later steps work with: chosen in an earlier run, or read from Claude's settings. */
  readonly profiles: ChosenInferenceProfiles | undefined;
}


/**
 * Which steps are already done. Each is judged from what a user could check by hand
 * (a live session, the settings file's values, the bearer-token scan) and, for results
 * files do not show, from what an earlier run recorded for the same profile.
 */
export function planSetup(facts: SetupFacts, state: SetupState): SetupPlan {
  const profiles = effectiveProfiles(facts, state);
  const steps = SETUP_STEPS.map((id) => ({ id, ...judge(id, facts, state, profiles) }));
  return { steps, profiles };
}

export function firstPendingStep(plan: SetupPlan): SetupStepId | undefined {
  return plan.steps.find((step) => !step.satisfied)?.id;
}

function judge(id: SetupStepId, facts: SetupFacts, state: SetupState, profiles: ChosenInferenceProfiles | undefined): { satisfied: boolean; reason: string } {
  switch (id) {
    case 'sign-in': {
      const { signIn } = facts;
      if (signIn.status !== 'signed-in') return { satisfied: false, reason: `The AWS SSO session for profile ${facts.profileName} is ${signIn.status}.` };
      if (!signIn.profile?.accountId || !signIn.profile.roleName) return { satisfied: false, reason: `Profile ${facts.profileName} has no account or role yet.` };
      return { satisfied: true, reason: `Signed in: role ${signIn.profile.roleName} in account ${signIn.profile.accountId}.` };
    }
    case 'inference-profile':
      return profiles ? { satisfied: true, reason: `Inference profile ${profiles.primaryArn}.` } : { satisfied: false, reason: 'No inference profile has been chosen yet.' };
    case 'claude-settings':
      return judgeClaudeSettings(facts, profiles);
    case 'bearer-token':
      return facts.activeBearerTokenFindings === 0
        ? { satisfied: true, reason: 'AWS_BEARER_TOKEN_BEDROCK is not set anywhere Claude Code reads it.' }
        : { satisfied: false, reason: `AWS_BEARER_TOKEN_BEDROCK is set in ${String(facts.activeBearerTokenFindings)} place(s).` };
    case 'test-connection': {
      const passed = state.connection;
      const same = passed !== undefined && profiles !== undefined && passed.awsProfile === facts.profileName && passed.primaryArn === profiles.primaryArn;
      return same ? { satisfied: true, reason: 'The connection test passed with these settings.' } : { satisfied: false, reason: 'The connection has not been tested with these settings.' };
    }
    case 'cost': {
      const seen = state.cost;
      return seen?.awsProfile === facts.profileName ? { satisfied: true, reason: 'The month-to-date cost has been read.' } : { satisfied: false, reason: 'The month-to-date cost has not been read yet.' };
    }
    case 'claude-cli': {
      // Judged by the recorded check of the same program: a PATH lookup cannot tell a
      // broken or too-old claude from a working one, and running it on every plan is too slow.
      const checked = state.claudeCli;
      if (facts.claudeProgram === undefined) return { satisfied: false, reason: 'The Claude Code CLI ("claude") is not on your PATH.' };
      return checked?.program === facts.claudeProgram
        ? { satisfied: true, reason: checked.detail }
        : { satisfied: false, reason: `${facts.claudeProgram} has not been checked yet.` };
    }
  }
}

function judgeClaudeSettings(facts: SetupFacts, profiles: ChosenInferenceProfiles | undefined): { satisfied: boolean; reason: string } {
  const snapshot = facts.claudeSettings;
  if (snapshot.status === 'invalid') return { satisfied: false, reason: snapshot.error.message };
  if (snapshot.status === 'missing') return { satisfied: false, reason: `${snapshot.filePath} does not exist yet.` };
  if (!profiles) return { satisfied: false, reason: 'No inference profile to write yet.' };
  const env = snapshot.env;
  const expected: Record<string, string> = {
    CLAUDE_CODE_USE_BEDROCK: '1',
    AWS_PROFILE: facts.profileName,
    AWS_REGION: profiles.region,
    ANTHROPIC_MODEL: profiles.primaryArn,
  };
  for (const [tier, arn] of Object.entries(profiles.tierArns)) expected[tierModelEnvName(tier as ProfileTier)] = arn;
  const wrong = Object.entries(expected).filter(([name, value]) => env[name] !== value).map(([name]) => name);
  return wrong.length === 0 ? { satisfied: true, reason: `${snapshot.filePath} points Claude Code at the profile.` } : { satisfied: false, reason: `${snapshot.filePath} needs ${wrong.join(', ')}.` };
}

/**
 * The chosen profiles for this AWS profile and account: recorded by an earlier run, or
 * (set up by hand or by another tool) read back from Claude's settings.
 */
function effectiveProfiles(facts: SetupFacts, state: SetupState): ChosenInferenceProfiles | undefined {
  const accountId = facts.signIn.profile?.accountId;
  if (accountId === undefined) return undefined;
  const recorded = state.inferenceProfile;
  if (recorded?.awsProfile === facts.profileName && recorded.accountId === accountId) return recorded;
  const snapshot = facts.claudeSettings;
  if (snapshot.status !== 'ok') return undefined;
  const env = snapshot.env;
  const arn = env['ANTHROPIC_MODEL'];
  const region = env['AWS_REGION'];
  if (env['AWS_PROFILE'] !== facts.profileName || arn === undefined || region === undefined) return undefined;
  const match = /^arn:aws[\w-]*:bedrock:([\w-]+):(\d{12}):(?:application-)?inference-profile\//.exec(arn);
  if (match?.[2] !== accountId) return undefined;
  const tierArns: Partial<Record<ProfileTier, string>> = {};
  for (const tier of CLAUDE_TIERS) {
    const value = env[tierModelEnvName(tier)];
    if (value !== undefined) tierArns[tier] = value;
  }
  return { awsProfile: facts.profileName, accountId, region, primaryArn: arn, tierArns };
}
