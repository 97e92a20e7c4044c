// Default request quotas of the Bedrock control plane, so the emulator behaves like a loaded
// account instead of an infinitely fast one.
//
// AWS documents the Bedrock quotas in the Service Quotas console and the "Amazon Bedrock
// endpoints and quotas" table of the AWS General Reference
// (https://docs.aws.amazon.com/general/latest/gr/bedrock.html#limits_bedrock; the user guide's
// https://docs.aws.amazon.com/bedrock/latest/userguide/quotas.html points there). What those
// pages document for inference are token quotas per model on bedrock-runtime; we found no
// documented per-second rate for the inference-profile control-plane operations below
// (searched December 2026). So these are conservative choices of ours, not AWS's numbers:
// low enough that a discovery which examines every profile of a large account is throttled
// as it would be on a busy account, and the same order as the control-plane rates AWS
// publishes for comparable management APIs. Change them per world with `world.quotas`.

/** Requests per second per operation (token bucket, burst = one second's worth). */
export const DEFAULT_BEDROCK_CONTROL_PLANE_QUOTAS: Readonly<Record<string, number>> = {
  ListInferenceProfiles: 10,
  GetInferenceProfile: 10,
  ListTagsForResource: 10,
  CreateInferenceProfile: 5,
  DeleteInferenceProfile: 5,
  TagResource: 5,
};

/** The quotas a world asks for: the defaults, its own table, or none. */
export function quotasOf(setting: 'off' | Record<string, number> | undefined): Readonly<Record<string, number>> {
  if (setting === 'off') return {};
  return setting ?? DEFAULT_BEDROCK_CONTROL_PLANE_QUOTAS;
}
