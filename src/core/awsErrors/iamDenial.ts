/**
 * What IAM says it refused. Access-denied messages name the principal, the action it checked,
 * usually the resource, and why (IAM User Guide, "Troubleshoot access denied error messages",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html):
 *
 *   User: <arn> is not authorized to perform: <action> on resource: <arn> because no
 *   identity-based policy allows the <action> action
 *   User: <arn> is not authorized to perform: <action> on resource: <arn> with an explicit
 *   deny in a service control policy
 *
 * The action IAM names can differ from the operation called: creating a tagged profile is
 * refused as `bedrock:TagResource` when only `bedrock:CreateInferenceProfile` is granted.
 */
export interface IamDenial {
  readonly action: string;
  readonly resource: string | undefined;
  /** `explicit` = a Deny statement matched; `implicit` = nothing allowed it. */
  readonly kind: 'explicit' | 'implicit';
  /** The policy type IAM names, e.g. `identity-based`, `service control`, `permissions boundary`. */
  readonly policyType: string | undefined;
}

const DENIAL = /is not authorized to perform:\s*([A-Za-z0-9-]+:[A-Za-z0-9*]+)(?:\s+on resource:\s*(\S+?))?(?:\s+(because no ([a-z -]+?)(?: policy)? allows|with an explicit deny in (?:an? )?([a-z -]+?)(?: policy)?(?=[.\s]*$))|[.\s]*$)/;

export function parseIamDenial(message: string): IamDenial | undefined {
  const match = DENIAL.exec(message);
  if (!match) return undefined;
  const [, action, resource, because, implicitType, explicitType] = match;
  if (action === undefined) return undefined;
  const kind = because?.startsWith('with an explicit deny') === true ? 'explicit' : 'implicit';
  const policyType = (explicitType ?? implicitType)?.trim();
  return { action, resource: resource?.replace(/[.,;]$/, ''), kind, policyType };
}

/** The clause naming why, for the user's sentence. */
export function denialCause(denial: IamDenial): string {
  if (denial.kind === 'explicit') {
    if (denial.policyType === 'service control') return `an explicit deny in a service control policy (SCP) of your AWS Organization refuses it, which only an administrator of the organisation's management account can change`;
    const type = denial.policyType ? `${/^[aeiou]/i.test(denial.policyType) ? 'an' : 'a'} ${denial.policyType} policy` : 'a policy';
  return `an explicit deny in ${type} refuses it, so granting it elsewhere does not help until that Deny statement is changed`;
  }
  return `no ${denial.policyType ?? 'identity-based'} policy allows it`;
}
