import type { CheckContext } from './checkContext';
import type { CheckDefinition, CheckResult } from './checkGraph';
import type { SetupCheckOptions, SetupCheckTimeouts } from './setupCheckOptions';
import { findProgram } from '../runtime/programOnPath';
import { compareVersions, DEFAULT_MINIMUM_CLAUDE_CODE_VERSION, parseVersion } from './claudeCodeVersion';
import { runProgram } from './runProgram';

const KILL_MARGIN_MS = 1_000;

const INSTALL_FIX = { title: 'Install Claude Code', cli: 'npm install -g @anthropic-ai/claude-code' };
const UPDATE_FIX = { title: 'Update Claude Code', cli: 'claude update' };

/** `claude` is on PATH and answers `--version`. */
export function claudeCliCheck(context: CheckContext): CheckDefinition {
  return {
    id: 'claude-cli',
    title: 'Claude Code CLI',
    needs: [],
    timeoutMs: context.timeouts.processMs,
    timeoutAdvice: 'run "claude --version" in a terminal to see what it is waiting for',
    run: (signal) => checkClaudeCli(context, signal),
  };
}

/** What the Claude CLI check reads: Set Up runs the same check with just these. */
export interface ClaudeCliCheckContext {
  readonly options: Pick<SetupCheckOptions, 'environment' | 'runProgram' | 'minimumClaudeCodeVersion'>;
  readonly timeouts: Pick<SetupCheckTimeouts, 'processMs'>;
}

export async function checkClaudeCli(context: ClaudeCliCheckContext, signal: AbortSignal): Promise<CheckResult> {
  const { env, platform } = context.options.environment;
  const program = await findProgram('claude', env, platform);
  if (program === undefined) {
    return { status: 'fail', detail: 'The Claude Code CLI ("claude") is not on your PATH; install Claude Code, or add the folder it is installed in to PATH.', fix: INSTALL_FIX };
  }
  const run = context.options.runProgram ?? runProgram;
  // The check's own timer (same length) reports a hang; this one only makes sure the child dies.
  const result = await run(program, ['--version'], { env, timeoutMs: context.timeouts.processMs + KILL_MARGIN_MS, signal });
  const version = /\d+\.\d+\.\d+[0-9A-Za-z.+-]*/.exec(result.stdout)?.[0];
  if (result.exitCode !== 0 || version === undefined) {
    const how = result.exitCode === null ? 'was stopped' : result.exitCode === 0 ? 'printed no version' : `exited with code ${result.exitCode}`;
    return { status: 'warn', detail: `Found ${program}, but "claude --version" ${how}; run it in a terminal to see why, and reinstall Claude Code if it is broken.`, locations: [{ file: program }] };
  }
  const minimum = context.options.minimumClaudeCodeVersion ?? DEFAULT_MINIMUM_CLAUDE_CODE_VERSION;
  const installed = parseVersion(version);
  const required = parseVersion(minimum);
  if (installed && required && compareVersions(installed, required) < 0) {
    return {
      status: 'fail',
      detail: `Claude Code ${version} at ${program} is older than ${minimum}, the oldest release your organisation supports (earlier ones mishandle application inference profiles or keep asking IAM Identity Center for credentials); update Claude Code.`,
      fix: UPDATE_FIX,
      locations: [{ file: program }],
    };
  }
  return { status: 'pass', detail: `Claude Code ${version} at ${program} (${minimum} or newer).`, locations: [{ file: program }] };
}
