import { isInvalid } from '../validation/invalidValue';
import { validateRegion } from '../validation/awsRegion';
import type { CheckContext } from './checkContext';
import type { CheckDefinition, CheckResult } from './checkGraph';
import { configureFix } from './setupCheck';

/** The region Claude Code calls Bedrock in is a region code, and one the organisation allows. */
export function bedrockRegionCheck(context: CheckContext): CheckDefinition {
  return {
    id: 'bedrock-region',
    title: 'Bedrock region',
    needs: [],
    timeoutMs: context.timeouts.localMs,
    timeoutAdvice: 'run the check again',
    run: () => Promise.resolve(checkRegion(context)),
  };
}

function checkRegion(context: CheckContext): CheckResult {
  const raw = context.target.region;
  const allowed = context.options.allowedRegions ?? [];
  const allowedText = allowed.length > 0 ? `allowed: ${allowed.join(', ')}` : 'your organisation allows every region';
  if (raw === undefined) {
    return { status: 'fail', detail: 'No Bedrock region is set for Claude Code (AWS_REGION in its settings), and no inference profile says which; configure Claude Code to set one.', fix: configureFix() };
  }
  const region = validateRegion(raw, 'Bedrock region (AWS_REGION)');
  if (isInvalid(region)) return { status: 'fail', detail: `${region.message} Configure Claude Code to set a valid one.`, fix: configureFix() };
  if (allowed.length > 0 && !allowed.includes(region)) {
    return {
      status: 'fail',
      detail: `Claude Code is set to use Bedrock in ${region}, which your organisation does not allow (${allowedText}); configure Claude Code with an inference profile in an allowed region.`,
      fix: configureFix(),
    };
  }
  return { status: 'pass', detail: `Claude Code uses Bedrock in ${region} (${allowedText}).` };
}
